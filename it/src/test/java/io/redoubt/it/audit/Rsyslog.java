package io.redoubt.it.audit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's rsyslogd run in the foreground with a configuration of its own (no system syslog is
 * touched): plain TCP (imtcp), TLS (imtcp with the gtls driver, certificates made by {@link TestCa} at
 * test time) and UDP (imudp) inputs on free loopback ports. Each message received is written by
 * rsyslog's own RFC 5424 parser as one tab-separated line of its properties to {@code out.log}, and its
 * raw text to {@code raw.log}.
 */
final class Rsyslog implements AutoCloseable {
    /** A message as rsyslog parsed it. */
    record Message(String input, String version, int facility, int severity, String appName, String procId,
                   String msgId, String hostname, String structuredData, String msg) {
    }

    final int tcpPort;
    final int tlsPort;
    final int udpPort;
    final TestCa ca;
    private final Path dir;
    private final Process process;

    private Rsyslog(Path dir, TestCa ca, int tcpPort, int tlsPort, int udpPort, Process process) {
        this.dir = dir;
        this.ca = ca;
        this.tcpPort = tcpPort;
        this.tlsPort = tlsPort;
        this.udpPort = udpPort;
        this.process = process;
    }

    static Rsyslog start(Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("pki"));
        int tcp = freeTcpPort();
        int tls = freeTcpPort();
        int udp;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp = s.getLocalPort();
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        String conf = """
                global(workDirectory="%s" defaultNetstreamDriverCAFile="%s"
                       defaultNetstreamDriverCertFile="%s" defaultNetstreamDriverKeyFile="%s")
                module(load="imtcp" maxSessions="200")
                module(load="imudp")
                template(name="fields" type="string"
                         string="%%inputname%%\\t%%protocol-version%%\\t%%syslogfacility%%\\t%%syslogseverity%%\\t%%app-name%%\\t%%procid%%\\t%%msgid%%\\t%%hostname%%\\t%%structured-data%%\\t%%msg%%\\n")
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                input(type="imtcp" name="tcp" address="127.0.0.1" port="%d")
                input(type="imtcp" name="tls" address="127.0.0.1" port="%d" streamDriver.name="gtls"
                      streamDriver.mode="1" streamDriver.authMode="anon")
                input(type="imudp" name="udp" address="127.0.0.1" port="%d")
                action(type="omfile" file="%s" template="fields")
                action(type="omfile" file="%s" template="raw")
                """.formatted(work, ca.caPem(), ca.serverCertPem(), ca.serverKeyPem(), tcp, tls, udp,
                dir.resolve("out.log"), dir.resolve("raw.log"));
        Path confFile = dir.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        // Debian installs it in /usr/sbin, which a non-root PATH may lack
        String binary = Files.isExecutable(Path.of("/usr/sbin/rsyslogd")) ? "/usr/sbin/rsyslogd" : "rsyslogd";
        Process p = new ProcessBuilder(binary, "-n", "-f", confFile.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        Rsyslog r = new Rsyslog(dir, ca, tcp, tls, udp, p);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> accepts(tcp) && accepts(tls) || !p.isAlive());
            if (!p.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
            }
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every message received so far, in order. */
    List<Message> messages() throws IOException {
        Path out = dir.resolve("out.log");
        List<Message> list = new ArrayList<>();
        if (!Files.exists(out)) {
            return list;
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 10);
            if (f.length == 10) {
                list.add(new Message(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6],
                        f[7], f[8], f[9]));
            }
        }
        return list;
    }

    /** The raw messages, as they arrived (without the transport's framing). */
    List<String> rawMessages() throws IOException {
        Path raw = dir.resolve("raw.log");
        return Files.exists(raw) ? Files.readAllLines(raw, StandardCharsets.UTF_8) : List.of();
    }

    /** Everything rsyslog wrote, for searching. */
    String allText() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {"out.log", "raw.log"}) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                b.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** Stops (SIGSTOP) or continues (SIGCONT) the daemon: a stopped one accepts nothing and reads nothing. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        signal("CONT");
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
