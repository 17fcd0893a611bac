package io.redoubt.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * An in-process Apache FtpServer on a free loopback port, plain or with explicit TLS (a {@link TestCertificate},
 * its PEM handed to the client as the trusted CA), with a user who may write and
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
            TestCertificate cert = TestCertificate.create(dir, "ftp");
            certificatePem = cert.pem();
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(cert.keystore().toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(TestCertificate.PASSWORD);
            ssl.setKeyPassword(TestCertificate.PASSWORD);
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

    @Override
    public void close() {
        server.stop();
    }
}
