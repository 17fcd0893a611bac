package io.redoubt.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The audit sink against a real TCP collector on loopback: records arrive as JSON lines in order; a
 * collector that is down, that stops reading or that closes connections never makes a producer wait
 * (records are dropped and counted), and the sink reconnects when the collector comes back.
 */
class AuditSinkTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

    /** Accepts connections and keeps every line it reads. */
    private static final class Collector implements AutoCloseable {
        final ServerSocket server;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Socket> clients = new CopyOnWriteArrayList<>();

        Collector(int port) throws Exception {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        clients.add(s);
                        Thread r = new Thread(() -> read(s));
                        r.setDaemon(true);
                        r.start();
                    }
                } catch (Exception closed) {
                    // the test closed the collector
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void read(Socket s) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // connection closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    private static AuditSettings to(int port) {
        return new AuditSettings(AuditSettings.Mode.COMMANDS, "127.0.0.1", port, Set.of(), CidrSet.ANY);
    }

    @Test
    void recordsArriveInOrderAsJsonLines() throws Exception {
        try (Collector c = new Collector(0); AuditSink sink = new AuditSink(10_000, FAST)) {
            sink.settings(to(c.port()));
            Instant t = Instant.parse("2026-12-03T10:00:00Z");
            sink.connection("connect", t, 7, "default", "127.0.0.1:5555", 0, null);
            for (int i = 0; i < 1000; i++) {
                sink.command(t, 7, "default", "127.0.0.1:5555", 0, "set", List.of("key:" + i));
            }
            sink.connection("close", t, 7, "default", "127.0.0.1:5555", 0, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> c.lines.size() == 1002);
            assertThat(FlatJsonReader.parse(c.lines.get(0))).containsEntry("type", "connect").containsEntry("conn", "7");
            for (int i = 0; i < 1000; i++) {
                assertThat(c.lines.get(i + 1)).isEqualTo("{\"time\":\"2026-12-03T10:00:00Z\",\"type\":\"command\","
                        + "\"conn\":7,\"user\":\"default\",\"client\":\"127.0.0.1:5555\",\"db\":0,"
                        + "\"command\":\"set\",\"keys\":[\"key:" + i + "\"]}");
            }
            assertThat(c.lines.get(1001)).contains("\"type\":\"close\"");
            assertThat(sink.queue().sent()).isEqualTo(1002);
            assertThat(sink.queue().dropped()).isZero();
        }
    }

    @Test
    void aDeadCollectorNeverBlocksProducersAndDropsAreCounted() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nothing listens there once closed
        }
        try (AuditSink sink = new AuditSink(100, FAST)) {
            sink.settings(to(port));
            long start = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                sink.command(Instant.EPOCH, 1, "u", "c", 0, "get", List.of("k"));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("100k offers to a dead collector").isLessThan(5_000);
            assertThat(sink.queue().dropped()).isGreaterThanOrEqualTo(100_000 - 101);
            assertThat(sink.queue().pending()).isLessThanOrEqualTo(100);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.queue().failures() >= 2);

            // the collector comes up on that port: the sink reconnects and delivers what it held
            try (Collector c = new Collector(port)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.queue().pending() == 0 && !c.lines.isEmpty());
                assertThat(c.lines).allMatch(l -> l.contains("\"command\":\"get\""));
            }
        }
    }

    @Test
    void aCollectorThatStopsReadingFillsTheQueueButNeverTheProducer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AuditSink sink = new AuditSink(1000, FAST)) {
            // accepts (the kernel does) but never reads: the socket buffers fill, then the sender stalls
            sink.settings(to(silent.getLocalPort()));
            String big = "k".repeat(2000);
            long start = System.nanoTime();
            for (int i = 0; i < 50_000; i++) {
                sink.command(Instant.EPOCH, 1, "u", "c", 0, "set", List.of(big));
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.queue().dropped() > 0);
            assertThat(sink.queue().sent() + sink.queue().dropped() + sink.queue().pending())
                    .isBetween(50_000L - 2, 50_000L);
        }
    }

    @Test
    void aCollectorThatClosesConnectionsIsReconnected() throws Exception {
        try (Collector c = new Collector(0); AuditSink sink = new AuditSink(10_000, FAST)) {
            sink.settings(to(c.port()));
            sink.connection("connect", Instant.EPOCH, 1, "u", "c", 0, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> c.lines.size() == 1);
            for (Socket s : c.clients) {
                s.close(); // the collector hangs up
            }
            // the first writes after a hang-up may vanish into the closed socket; later ones reconnect
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                sink.connection("auth", Instant.EPOCH, 1, "u", "c", 0, null);
                return c.clients.size() >= 2 && c.lines.size() >= 2;
            });
            assertThat(FlatJsonReader.parse(c.lines.get(c.lines.size() - 1))).containsEntry("type", "auth");
        }
    }

    @Test
    void switchingAwayFromAStalledCollectorFreesTheSenderAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Collector live = new Collector(0);
             AuditSink sink = new AuditSink(100, FAST)) {
            sink.settings(to(silent.getLocalPort()));
            String big = "k".repeat(100_000);
            for (int i = 0; i < 100; i++) {
                sink.command(Instant.EPOCH, 1, "u", "c", 0, "set", List.of(big)); // the sender blocks in a write
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.queue().pending() > 0 && sink.queue().connected());
            sink.settings(to(live.port())); // CONFIG SET audit-collector-port
            sink.connection("close", Instant.EPOCH, 1, "u", "c", 0, "marker");
            await().atMost(Duration.ofSeconds(20)).until(() -> live.lines.stream().anyMatch(l -> l.contains("marker")));
        }
    }
}
