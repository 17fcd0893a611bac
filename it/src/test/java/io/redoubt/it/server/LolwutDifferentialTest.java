package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LOLWUT against Redis 7.0.15: byte for byte wherever Redis's art is not random (the version line,
 * Schotter's first two rows of squares at any size, a one-row skyline, the limits and the errors), and
 * for the random pictures the same frame: as many lines and cells, the same palette and caption.
 */
@Timeout(60)
class LolwutDifferentialTest extends DifferentialTest {

    @Test
    void versionLineAndErrors() {
        sameScript("""
                LOLWUT
                LOLWUT VERSION 7
                LOLWUT VERSION 1
                LOLWUT VERSION 4
                LOLWUT VERSION 59
                LOLWUT VERSION 7 abc
                LOLWUT foo
                LOLWUT VERSION
                LOLWUT VERSION abc
                LOLWUT VERSION 5 abc
                LOLWUT VERSION 5 10 abc
                LOLWUT VERSION 6 abc
                LOLWUT VERSION -1
                LOLWUT VERSION 4294967301 1 1 1
                """);
    }

    @Test
    void schotterIsDrawnAsRedisDrawsIt() {
        sameScript("""
                LOLWUT VERSION 5 66 8 2
                LOLWUT VERSION 5 66 8 1
                LOLWUT VERSION 5 1 1 1
                LOLWUT VERSION 5 2 1 1
                LOLWUT VERSION 5 3 2 2
                LOLWUT VERSION 5 40 3 1
                LOLWUT VERSION 5 100 7 2
                LOLWUT VERSION 5 0 0 0
                LOLWUT VERSION 5 5000 500 1
                LOLWUT VERSION 5 37 13 2 extra ignored
                """);
        resp3();
        same("LOLWUT", "VERSION", "5", "20", "4", "2");
        same("LOLWUT", "VERSION", "5", "50", "5", "1");
    }

    @Test
    void randomSchotterHasRedisFrame() {
        for (String[] args : new String[][] {{"LOLWUT", "VERSION", "5"}, {"LOLWUT", "VERSION", "5", "30", "5", "9"}}) {
            String[] replies = both(args);
            assertThat(shape(replies[1])).isEqualTo(shape(replies[0]));
            assertThat(caption(replies[1])).isEqualTo(caption(replies[0]));
        }
    }

    @Test
    void skylineHasRedisFrame() {
        same("LOLWUT", "VERSION", "6", "5", "1");
        same("LOLWUT", "VERSION", "6", "0", "0");
        for (String[] args : new String[][] {{"LOLWUT", "VERSION", "6"}, {"LOLWUT", "VERSION", "6", "30", "7"}}) {
            String[] replies = both(args);
            assertThat(shape(replies[1])).isEqualTo(shape(replies[0]));
            assertThat(caption(replies[1])).isEqualTo(caption(replies[0]));
            assertThat(replies[1].replaceAll("\033\\[0;(30;40|90;100|37;47|97;107)m \033\\[0m", ""))
                    .as("only Redis's four greys").doesNotContain("\033");
        }
    }

    /** For each line of the picture, its cells: colour cells when coloured, else characters. */
    private static String shape(String reply) {
        String body = new String(reply.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        StringBuilder shape = new StringBuilder();
        for (String line : body.substring(body.indexOf("\r\n") + 2, captionStart(body)).split("\n", -1)) {
            int cells = line.split("\033\\[0m", -1).length - 1;
            shape.append(cells > 0 ? cells + "c" : line.length()).append(',');
        }
        return shape.toString();
    }

    private static String caption(String reply) {
        return reply.substring(captionStart(reply));
    }

    private static int captionStart(String reply) {
        int georg = reply.indexOf("Georg Nees");
        return georg >= 0 ? georg : reply.indexOf("Dedicated");
    }
}
