package io.redoubt.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.IssuedCertificate;
import io.redoubt.security.PemWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** Which client certificates a server with tls-auth-clients accepts, and as which ACL user. */
class ClientCertificateTest {
    @TempDir
    Path dir;
    TestPki pki;
    final List<RedoubtServer> servers = new ArrayList<>();

    @BeforeEach
    void pki() throws Exception {
        pki = new TestPki(dir);
    }

    @AfterEach
    void stop() {
        servers.forEach(RedoubtServer::close);
    }

    private RedoubtServer start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-ca-cert-file", pki.caFile.toString()));
        args.addAll(List.of(extra));
        RedoubtServer s = TestDatabases.startWithTls(args.toArray(String[]::new));
        servers.add(s);
        return s;
    }

    @Test
    void requiredCertificateMustChainToTheCaBeValidAndAllowClientAuth() throws Exception {
        RedoubtServer s = start();
        assertThat(ping(s, pki.client("ok"))).isEqualTo("+PONG");
        try (LogCapture log = new LogCapture(Class.forName("io.redoubt.dataplane.TlsHandshakeGuard"))) {
            assertRefused(s, null);
            TestPki other = new TestPki(dir.resolve("other"));
            assertRefused(s, other.client("stranger"));
            assertRefused(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=old", pki.now, 1,
                    CertificateRequest.Usage.CLIENT_AUTH).withValidity(pki.now.minusSeconds(7200),
                    pki.now.minusSeconds(3600)), pki.ca));
            assertRefused(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=future", pki.now, 1,
                    CertificateRequest.Usage.CLIENT_AUTH).withValidity(pki.now.plusSeconds(3600),
                    pki.now.plusSeconds(7200)), pki.ca));
            assertRefused(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=server only", pki.now, 10,
                    CertificateRequest.Usage.SERVER_AUTH), pki.ca));
            org.awaitility.Awaitility.await().until(() -> log.lines().size() >= 5);
            assertThat(log.lines()).allMatch(l -> l.contains("TLS handshake with /127.0.0.1:"));
        }
        assertThat(ping(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=no usages", pki.now, 10), pki.ca)))
                .as("a certificate that states no extended usage may be used for clients").isEqualTo("+PONG");
    }

    @Test
    void trustedCaFolder() throws Exception {
        Path cas = java.nio.file.Files.createDirectories(dir.resolve("cas"));
        TestPki second = new TestPki(dir.resolve("second"));
        java.nio.file.Files.copy(pki.caFile, cas.resolve("first.pem"));
        java.nio.file.Files.copy(second.caFile, cas.resolve("second.crt"));
        java.nio.file.Files.writeString(cas.resolve("README"), "not a certificate");
        RedoubtServer s = TestDatabases.startWithTls("tls-cert-file", pki.serverCert.toString(), "tls-key-file",
                pki.serverKey.toString(), "tls-ca-cert-dir", cas.toString());
        servers.add(s);
        assertThat(ping(s, pki.client("one"))).isEqualTo("+PONG");
        assertThat(ping(s, second.client("two"))).isEqualTo("+PONG");
        assertRefused(s, new TestPki(dir.resolve("third")).client("three"));
    }

    @Test
    void optionalAcceptsNoCertificateButChecksOneGiven() throws Exception {
        RedoubtServer s = start("tls-auth-clients", "optional");
        assertThat(ping(s, null)).isEqualTo("+PONG");
        assertThat(ping(s, pki.client("ok"))).isEqualTo("+PONG");
        assertRefused(s, new TestPki(dir.resolve("other")).client("stranger"));
    }

    @Test
    void allowListMatchesCommonNameOrSubjectAlternativeName() throws Exception {
        RedoubtServer s = start("tls-auth-clients-names", "alice svc.example.com");
        assertThat(ping(s, pki.client("alice"))).isEqualTo("+PONG");
        assertThat(ping(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=whatever", pki.now, 10,
                CertificateRequest.Usage.CLIENT_AUTH).withDnsNames("svc.example.com"), pki.ca))).isEqualTo("+PONG");
        assertRefused(s, pki.client("mallory"));
    }

    @Test
    void fullSubjectMatch() throws Exception {
        RedoubtServer s = start("tls-auth-clients-subject", "CN=alice,OU=ops,O=Example");
        assertThat(ping(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=alice,OU=ops,O=Example", pki.now, 10,
                CertificateRequest.Usage.CLIENT_AUTH), pki.ca))).isEqualTo("+PONG");
        assertRefused(s, pki.client("alice"));
        assertRefused(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=alice,OU=dev,O=Example", pki.now, 10,
                CertificateRequest.Usage.CLIENT_AUTH), pki.ca));
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        IssuedCertificate revoked = pki.client("revoked");
        Path crl = dir.resolve("ca.crl");
        PemWriter.write(crl, PemWriter.crl(CertificateIssuer.crl(pki.ca,
                List.of(revoked.certificate().getSerialNumber()), pki.now, 7)));
        RedoubtServer s = start("tls-crl-file", crl.toString());
        assertRefused(s, revoked);
        assertThat(ping(s, pki.client("fine"))).isEqualTo("+PONG");
    }

    @Test
    void commonNameNamesTheAclUser() throws Exception {
        RedoubtServer s = start("tls-auth-clients-user", "cn");
        assertThat(exchange(s, pki.client("default"), "CLIENT", "INFO")).contains("user=default");
        assertRefused(s, pki.client("alice"));
        acl(s, "ACL", "SETUSER", "alice", "on", ">alices-password", "~*", "+@all");
        assertThat(exchange(s, pki.client("alice"), "CLIENT", "INFO")).contains("user=alice");
        acl(s, "ACL", "SETUSER", "alice", "off");
        assertRefused(s, pki.client("alice"));
        assertRefused(s, pki.client("bob"));
    }

    @Test
    void subjectAlternativeNameNamesTheAclUser() throws Exception {
        RedoubtServer s = start("tls-auth-clients-user", "san-email");
        acl(s, "ACL", "SETUSER", "carol@example.com", "on", "nopass", "+@all");
        assertThat(exchange(s, CertificateIssuer.issue(CertificateRequest.leaf("CN=c", pki.now, 10,
                CertificateRequest.Usage.CLIENT_AUTH).withEmails("carol@example.com"), pki.ca), "CLIENT", "INFO"))
                .contains("user=carol@example.com");
        assertRefused(s, pki.client("no email"));
    }

    /** Runs an ACL command on the plain port (the ACL decides which users a certificate may name). */
    private static void acl(RedoubtServer s, String... command) throws Exception {
        try (io.redoubt.testkit.RespClient c = io.redoubt.testkit.RespClient.connect(s.port())) {
            assertThat(c.callText(command)).isEqualTo("+OK\r\n");
        }
    }

    private void assertRefused(RedoubtServer s, IssuedCertificate client) throws Exception {
        String reply;
        try {
            reply = ping(s, client);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no answer within the read timeout: the connection is alive, not refused", e);
        } catch (IOException e) {
            return; // refused during the handshake
        }
        assertThat(reply).as("refused after the handshake (TLS 1.3 reports client certificate errors late)")
                .isEqualTo("EOF");
    }

    /** PING over TLS presenting {@code client}: the reply line, or "EOF" when the server closed instead. */
    private String ping(RedoubtServer s, IssuedCertificate client) throws Exception {
        return exchange(s, client, "PING");
    }

    private String exchange(RedoubtServer s, IssuedCertificate client, String... command) throws Exception {
        SSLContext ctx = pki.clientContext(client);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.tlsPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            StringBuilder req = new StringBuilder("*" + command.length + "\r\n");
            for (String c : command) {
                req.append('$').append(c.length()).append("\r\n").append(c).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return "EOF";
            }
            if (line.startsWith("$")) {
                return in.readLine();
            }
            return line;
        }
    }
}
