package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RawStreams;
import io.redoubt.testkit.RespClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * What running TLS on its own I/O threads, apart from the shard's thread that runs the commands, could
 * break: blocked clients woken by another client, CLIENT KILL, CLIENT PAUSE and its timer, long
 * pipelines, and a client that does not read its replies. Every scenario runs over TLS against Redis
 * and against Redoubt with each TLS provider, and the replies must be the same bytes.
 */
class TlsShardHandOffTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TestPki pki;
    static RealRedis redis;
    static RedoubtServer jdk;
    static RedoubtServer openssl;
    static List<Target> targets;

    /** A server's TLS port, with a name for failure messages. */
    record Target(String name, int tlsPort) {
    }

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        int redisTls = RealRedis.freePort();
        redis = RealRedis.start("--tls-port", Integer.toString(redisTls), "--tls-cert-file", pki.serverCert.toString(),
                "--tls-key-file", pki.serverKey.toString(), "--tls-ca-cert-file", pki.caFile.toString(),
                "--tls-auth-clients", "no");
        jdk = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no");
        openssl = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(),
                "tls-key-file", pki.serverKey.toString(), "tls-auth-clients", "no", "tls-provider", "openssl");
        targets = List.of(new Target("redis", redisTls), new Target("redoubt jdk", jdk.tlsPort()),
                new Target("redoubt openssl", openssl.tlsPort()));
    }

    @AfterAll
    static void stop() {
        redis.close();
        jdk.close();
        openssl.close();
    }

    @Test
    void blockedTlsClientIsWokenByAnotherTlsClient() throws Exception {
        for (Target t : targets) {
            try (RespClient waiter = tls(t); RespClient pusher = tls(t)) {
                String key = "handoff:list";
                pusher.callText("DEL", key);
                // PING waits behind the blocked BLPOP and must run once it is served
                waiter.sendRaw(concat(encode("BLPOP", key, "0"), encode("PING")));
                awaitBlockedClients(pusher, 1);
                assertThat(pusher.callText("LPUSH", key, "v")).as(t.name()).isEqualTo(":1\r\n");
                assertThat(waiter.readReplyText()).as(t.name()).isEqualTo("*2\r\n$12\r\nhandoff:list\r\n$1\r\nv\r\n");
                assertThat(waiter.readReplyText()).as(t.name()).isEqualTo("+PONG\r\n");
                assertThat(pusher.callText("LLEN", key)).as(t.name()).isEqualTo(":0\r\n");
                // the timeout is a timer on the shard's thread
                assertThat(waiter.callText("BLPOP", "handoff:none", "0.2")).as(t.name()).isEqualTo("*-1\r\n");
                awaitBlockedClients(pusher, 0);
            }
        }
    }

    @Test
    void clientKillOfATlsClient() throws Exception {
        for (Target t : targets) {
            try (RespClient victim = tls(t); RespClient admin = tls(t)) {
                String key = "handoff:killed";
                admin.callText("DEL", key);
                String id = id(victim);
                victim.send("BLPOP", key, "0");
                awaitBlockedClients(admin, 1);
                // killed, then a push in the same batch: the dead client must not take the element
                admin.sendRaw(concat(encode("CLIENT", "KILL", "ID", id), encode("LPUSH", key, "v"), encode("LLEN", key)));
                assertThat(admin.readReplyText()).as(t.name()).isEqualTo(":1\r\n");
                assertThat(admin.readReplyText()).as(t.name()).isEqualTo(":1\r\n");
                assertThat(admin.readReplyText()).as(t.name()).isEqualTo(":1\r\n");
                assertThat(victim.isClosedByServer()).as(t.name()).isTrue();
                await().atMost(WAIT).until(() -> admin.callText("CLIENT", "LIST", "ID", id).equals("$0\r\n\r\n"));
                assertThat(admin.callText("CLIENT", "KILL", "ID", id)).as(t.name()).isEqualTo(":0\r\n");
                assertThat(admin.callText("LPOP", key)).as(t.name()).isEqualTo("$1\r\nv\r\n");
            }
        }
    }

    @Test
    void clientPauseHoldsTlsWritersUntilUnpauseOrItsEnd() throws Exception {
        for (Target t : targets) {
            try (RespClient writer = tls(t); RespClient reader = tls(t); RespClient admin = tls(t)) {
                String key = "handoff:paused";
                admin.callText("DEL", key);
                String id = id(writer);
                assertThat(admin.callText("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("+OK\r\n");
                writer.sendRaw(concat(encode("SET", key, "1"), encode("GET", key)));
                await().atMost(WAIT).until(() -> admin.callText("CLIENT", "LIST", "ID", id).contains(" flags=b "));
                assertThat(reader.callText("GET", key)).as(t.name() + ": reads go on").isEqualTo("$-1\r\n");
                assertThat(admin.callText("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
                assertThat(writer.readReplyText()).as(t.name()).isEqualTo("+OK\r\n");
                assertThat(writer.readReplyText()).as(t.name()).isEqualTo("$1\r\n1\r\n");

                // a pause that ends by its own timer, which runs on the shard's thread
                long start = System.nanoTime();
                assertThat(admin.callText("CLIENT", "PAUSE", "300", "WRITE")).isEqualTo("+OK\r\n");
                assertThat(writer.callText("SET", key, "2")).as(t.name()).isEqualTo("+OK\r\n");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .as(t.name() + ": held until the pause ended").isGreaterThanOrEqualTo(290);
                assertThat(reader.callText("GET", key)).as(t.name()).isEqualTo("$1\r\n2\r\n");
            }
        }
    }

    @Test
    void tenThousandPipelinedCommandsAnsweredInOrder() throws Exception {
        int commands = 10_000;
        String pad = "p".repeat(100);
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 1; i <= commands; i++) {
            requests.writeBytes(i % 2 == 1 ? encode("INCR", "handoff:counter") : encode("ECHO", i + pad));
        }
        for (Target t : targets) {
            try (RespClient c = tls(t)) {
                c.callText("DEL", "handoff:counter");
                // written from another thread, so neither side waits for the other to read
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> c.sendRaw(requests.toByteArray()));
                for (int i = 1; i <= commands; i++) {
                    String expected = i % 2 == 1 ? ":" + (i + 1) / 2 + "\r\n"
                            : "$" + (Integer.toString(i).length() + pad.length()) + "\r\n" + i + pad + "\r\n";
                    String reply = c.readReplyText();
                    if (!reply.equals(expected)) {
                        assertThat(reply).as("%s: reply %d of %d", t.name(), i, commands).isEqualTo(expected);
                    }
                }
                sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(c.callText("GET", "handoff:counter")).as(t.name()).isEqualTo("$4\r\n5000\r\n");
            }
        }
    }

    @Test
    void slowReadingTlsClientIsCutOffAtTheOutputBufferLimit() throws Exception {
        int value = 512 * 1024;
        int gets = 40;
        for (Target t : targets) {
            try (RespClient admin = tls(t)) {
                assertThat(admin.callText("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"))
                        .isEqualTo("+OK\r\n");
                try {
                    admin.callText("SET", "handoff:big", "x".repeat(value));
                    // a small fixed receive window, so the kernel cannot absorb what the client does not read
                    try (SSLSocket slow = socket(t, 64 * 1024)) {
                        slow.getOutputStream().write(encode("CLIENT", "ID"));
                        String id = RawStreams.readLine(slow.getInputStream()).substring(1);
                        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
                        for (int i = 0; i < gets; i++) {
                            pipeline.writeBytes(encode("GET", "handoff:big"));
                        }
                        slow.getOutputStream().write(pipeline.toByteArray());
                        slow.getOutputStream().flush();
                        // not reading: the replies pile up on the server until it drops the client
                        await().atMost(WAIT).until(() -> admin.callText("CLIENT", "LIST", "ID", id).equals("$0\r\n\r\n"));
                        assertThat(RawStreams.drain(slow.getInputStream())).as(t.name() + ": bytes received before the close")
                                .isLessThan((long) gets * value);
                    }
                    try (RespClient after = tls(t)) {
                        assertThat(after.callText("PING")).as(t.name()).isEqualTo("+PONG\r\n");
                    }
                } finally {
                    admin.callText("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0");
                    admin.callText("DEL", "handoff:big");
                }
            }
        }
    }

    private static RespClient tls(Target t) throws Exception {
        return new RespClient(socket(t, 0));
    }

    /** A TLS connection to {@code t}, handshake done; {@code receiveBuffer} bytes of socket buffer, or the default for 0. */
    private static SSLSocket socket(Target t, int receiveBuffer) throws Exception {
        Socket plain = new Socket();
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(new InetSocketAddress("127.0.0.1", t.tlsPort()), 10_000);
        plain.setSoTimeout((int) WAIT.toMillis());
        SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory()
                .createSocket(plain, "localhost", t.tlsPort(), true);
        s.startHandshake();
        return s;
    }

    private static void awaitBlockedClients(RespClient c, int n) {
        await().atMost(WAIT).until(() -> c.callText("INFO", "clients").contains("\r\nblocked_clients:" + n + "\r\n"));
    }

    private static String id(RespClient c) {
        return c.callText("CLIENT", "ID").substring(1).strip();
    }

    private static byte[] encode(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return RespClient.encode(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
