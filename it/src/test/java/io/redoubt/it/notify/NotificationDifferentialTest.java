package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Differential harness for keyspace notifications: a subscriber on each server listens to
 * {@code __key*__:*}; a script runs on both servers (replies compared as usual) and then the
 * notification messages each subscriber received are compared byte for byte, in order.
 *
 * <p>The end of a script's notifications is found without waiting on a clock: the command connection
 * publishes a marker on a channel the subscriber also listens to, and since each server delivers
 * messages in the order they were published, every notification of the script arrives before it.
 * Each test starts with notifications off and puts {@code notify-keyspace-events ""} back after.
 */
abstract class NotificationDifferentialTest extends DifferentialTest {
    private static final String END = "notify-test-end";

    /** The subscriber of the reference Redis. */
    protected RespClient redisSub;
    /** The subscriber of Redoubt. */
    protected RespClient redoubtSub;

    @BeforeEach
    void subscribeBoth() {
        redisSub = RespClient.connect(SharedServers.redis().port());
        redoubtSub = RespClient.connect(SharedServers.redoubt().port());
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            assertThat(c.callText("CONFIG", "SET", "notify-keyspace-events", "")).isEqualTo("+OK\r\n");
        }
        subscribe(protocol());
    }

    /** 2 for RESP2 subscribers (the default), 3 for RESP3 push messages. */
    protected int protocol() {
        return 2;
    }

    private void subscribe(int protocol) {
        for (RespClient sub : new RespClient[] {redisSub, redoubtSub}) {
            if (protocol == 3) {
                sub.call("HELLO", "3");
            }
            sub.call("PSUBSCRIBE", "__key*__:*");
            sub.call("SUBSCRIBE", END);
        }
    }

    @AfterEach
    void unsubscribeBoth() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            c.call("CONFIG", "SET", "notify-keyspace-events", "");
        }
        redisSub.close();
        redoubtSub.close();
    }

    /** CONFIG SET notify-keyspace-events on both servers, asserting the same reply. */
    protected void enable(String flags) {
        same("CONFIG", "SET", "notify-keyspace-events", flags);
    }

    /**
     * Runs {@code script} on both servers (replies must match), then asserts both subscribers received
     * the same notifications; returns Redis's, each as {@code channel message}.
     */
    protected List<String> sameEvents(String script) {
        sameScript(script);
        return sameEventsSoFar();
    }

    /** Compares the notifications received since the last comparison; returns Redis's. */
    protected List<String> sameEventsSoFar() {
        List<byte[]> expected = drain(redis, redisSub);
        List<byte[]> actual = drain(redoubt, redoubtSub);
        // readable first (channel and message per line), then byte for byte
        assertThat(summaries(actual)).as("notifications (channel message)").isEqualTo(summaries(expected));
        assertThat(texts(actual)).as("raw notification messages").isEqualTo(texts(expected));
        return summaries(expected);
    }

    /** The notifications a server sent since the last drain, as raw messages, in order. */
    protected List<byte[]> drain(RespClient client, RespClient sub) {
        client.call("PUBLISH", END, "x");
        List<byte[]> messages = new ArrayList<>();
        while (true) {
            byte[] m = sub.readReply();
            String text = new String(m, StandardCharsets.UTF_8);
            if (text.contains("\r\n" + END + "\r\n")) {
                return messages;
            }
            messages.add(m);
        }
    }

    /** Raw messages as text; a failing comparison shows every line. */
    private static List<String> texts(List<byte[]> messages) {
        List<String> out = new ArrayList<>();
        for (byte[] m : messages) {
            out.add(printable(new String(m, StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** {@code channel message} for each pmessage, for readable assertions on Redis's own output. */
    protected static List<String> summaries(List<byte[]> messages) {
        List<String> out = new ArrayList<>();
        for (byte[] m : messages) {
            out.add(summary(m));
        }
        return out;
    }

    /** The last two bulk strings of a pmessage (channel, payload), joined by a space. */
    static String summary(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        List<String> bulks = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int eol = text.indexOf("\r\n", i);
            if (text.charAt(i) == '$') {
                int length = Integer.parseInt(text.substring(i + 1, eol));
                bulks.add(text.substring(eol + 2, eol + 2 + length));
                i = eol + 2 + length + 2;
            } else {
                i = eol + 2;
            }
        }
        return bulks.get(bulks.size() - 2) + " " + bulks.get(bulks.size() - 1);
    }
}
