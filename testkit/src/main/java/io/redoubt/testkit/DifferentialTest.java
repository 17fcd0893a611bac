package io.redoubt.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base class for differential tests: every request is sent to Debian's redis-server and to Redoubt,
 * and the raw replies must be identical, byte for byte, error texts included. Both servers start
 * once per JVM ({@link SharedServers}); each test starts from empty databases.
 */
public abstract class DifferentialTest {
    /** A client of the reference Redis. */
    protected RespClient redis;
    /** A client of Redoubt. */
    protected RespClient redoubt;

    @BeforeEach
    void connectBoth() {
        redis = RespClient.connect(SharedServers.redis().port());
        redoubt = RespClient.connect(SharedServers.redoubt().port());
        redis.call("FLUSHALL");
        redoubt.call("FLUSHALL");
    }

    @AfterEach
    void closeBoth() {
        redis.close();
        redoubt.close();
    }

    /** Sends {@code args} to both servers, asserts identical replies, returns the reply as text. */
    protected String same(String... args) {
        String expected = redis.callText(args);
        String actual = redoubt.callText(args);
        assertThat(printable(actual)).as("reply to %s", String.join(" ", args)).isEqualTo(printable(expected));
        return expected;
    }

    /**
     * For requests answered with several replies (SUBSCRIBE a b answers once per channel): reads
     * {@code replies} replies from each server and asserts they are identical.
     */
    protected String sameN(int replies, String... args) {
        redis.send(args);
        redoubt.send(args);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (int i = 0; i < replies; i++) {
            expected.append(redis.readReplyText());
            actual.append(redoubt.readReplyText());
        }
        assertThat(printable(actual.toString())).as("replies to %s", String.join(" ", args))
                .isEqualTo(printable(expected.toString()));
        return expected.toString();
    }

    /** Binary-safe variant of {@link #same(String...)}. */
    protected byte[] same(byte[]... args) {
        byte[] expected = redis.call(args);
        byte[] actual = redoubt.call(args);
        assertThat(printable(new String(actual, StandardCharsets.ISO_8859_1)))
                .as("reply to binary request")
                .isEqualTo(printable(new String(expected, StandardCharsets.ISO_8859_1)));
        return expected;
    }

    /**
     * Runs a script of requests, one per line, in redis-cli's quoting ({@code SET k "a b"}); blank
     * lines and lines starting with # are skipped. Every reply must match.
     */
    protected void sameScript(String script) {
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            same(words(t).toArray(new String[0]));
        }
    }

    /** Sends {@code args} to both servers; returns {redis reply, redoubt reply} for custom checks. */
    protected String[] both(String... args) {
        return new String[] {redis.callText(args), redoubt.callText(args)};
    }

    /** Waits (10 s at most) until neither server is rewriting its AOF or has a rewrite scheduled. */
    protected void awaitAofRewriteDone() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String[] info = both("INFO", "persistence");
            if (info[0].contains("aof_rewrite_in_progress:0") && info[1].contains("aof_rewrite_in_progress:0")
                    && info[0].contains("aof_rewrite_scheduled:0") && info[1].contains("aof_rewrite_scheduled:0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the AOF rewrite did not finish");
    }

    /** Switches both connections to RESP3 (HELLO 3), checking the replies match apart from the id. */
    protected void resp3() {
        redis.call("HELLO", "3");
        redoubt.call("HELLO", "3");
    }

    /** CR and LF made visible so a failing assertion shows exactly where replies differ. */
    protected static String printable(String reply) {
        return reply.replace("\r", "\\r").replace("\n", "\\n\n");
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    char e = line.charAt(++i);
                    switch (e) {
                        case 'n' -> w.append('\n');
                        case 'r' -> w.append('\r');
                        case 't' -> w.append('\t');
                        case 'x' -> {
                            w.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
                            i += 2;
                        }
                        default -> w.append(e);
                    }
                } else if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
