package io.redoubt.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * An in-process Apache FtpServer on a free loopback port, plain or with explicit TLS (a certificate made
 * at test time by keytool, its PEM handed to the client as the trusted CA), with a user who may write and
 * one who may only read.
 */
final class TestFtpServer implements AutoCloseable {
    static final String WRITER = "backup";
    static final String WRITER_PASSWORD = "s3cret-Ftp-pass";
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-pass-1";

    final Path home;
    final int port;
    final String certificatePem;
    private final FtpServer server;

    TestFtpServer(Path dir, boolean tls) throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        listener.setIdleTimeout(30);
        if (tls) {
            Path keystore = dir.resolve("ftp.p12");
            run(dir, "keytool", "-genkeypair", "-alias", "ftp", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
            certificatePem = run(dir, "keytool", "-exportcert", "-rfc", "-alias", "ftp", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit");
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword("changeit");
            ssl.setKeyPassword("changeit");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
        } else {
            certificatePem = null;
        }
        factory.addListener("default", listener.createListener());
        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        users.save(user(WRITER, WRITER_PASSWORD, List.of(new WritePermission())));
        users.save(user(READER, READER_PASSWORD, List.of()));
        factory.setUserManager(users);
        server = factory.createServer();
        server.start();
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
    }

    private BaseUser user(String name, String password, List<Authority> authorities) {
        BaseUser u = new BaseUser();
        u.setName(name);
        u.setPassword(password);
        u.setHomeDirectory(home.toString());
        u.setAuthorities(authorities);
        return u;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
