package io.redoubt.it.audit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * An audit collector on a free loopback port that keeps every JSON line it receives: plain TCP, or
 * TLS when given a TLS server socket (then it also keeps each handshake's protocol and counts the
 * handshakes that failed).
 */
final class AuditCollector implements AutoCloseable {
    private final ServerSocket server;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> protocols = new CopyOnWriteArrayList<>();
    final AtomicInteger failedHandshakes = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    AuditCollector() throws Exception {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    AuditCollector(ServerSocket server) {
        this.server = server;
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    clients.add(s);
                    Thread r = new Thread(() -> read(s), "audit-collector-reader");
                    r.setDaemon(true);
                    r.start();
                }
            } catch (Exception closed) {
                // the test closed the collector
            }
        }, "audit-collector");
        t.setDaemon(true);
        t.start();
    }

    private void read(Socket s) {
        if (s instanceof SSLSocket tls) {
            try {
                tls.setSoTimeout(30_000);
                tls.startHandshake();
                protocols.add(tls.getSession().getProtocol());
            } catch (Exception e) {
                failedHandshakes.incrementAndGet();
                return;
            }
        }
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
