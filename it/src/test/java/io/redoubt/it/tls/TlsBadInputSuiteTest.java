package io.redoubt.it.tls;

import io.redoubt.it.clients.BadInputSuite;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import io.redoubt.testkit.TestDatabases;

/** The bad-input suite on the TLS port of a one-shard database, side by side with redis-server's TLS port. */
class TlsBadInputSuiteTest extends BadInputSuite {
    private Path dir;
    private TestPki pki;
    private RedoubtServer server;
    private RealRedis redis;

    private Socket tls(int port) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        plain.setSoTimeout(10_000);
        SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory()
                .createSocket(plain, "localhost", port, true);
        s.startHandshake();
        return s;
    }

    @Override
    protected Target startServer() throws Exception {
        dir = Files.createTempDirectory("bad-input-tls");
        pki = new TestPki(dir);
        server = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-auth-clients", "no", "requirepass", PASSWORD);
        return () -> tls(server.tlsPort());
    }

    @Override
    protected void stopServer() {
        server.close();
    }

    @Override
    protected Target startReference() throws Exception {
        int tlsPort = RealRedis.freePort();
        redis = RealRedis.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", pki.serverCert.toString(),
                "--tls-key-file", pki.serverKey.toString(), "--tls-ca-cert-file", pki.caFile.toString(),
                "--tls-auth-clients", "no");
        try (RespClient admin = RespClient.connect(redis.port())) {
            admin.call("CONFIG", "SET", "requirepass", PASSWORD);
        }
        return () -> tls(tlsPort);
    }

    @Override
    protected void stopReference() {
        redis.close();
    }
}
