package io.redoubt.backup;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * SFTP through Apache MINA SSHD: public-key or password authentication, the server's key checked
 * against the location's fingerprint when one is given, one SSH session per operation, uploads under
 * a temporary name then renamed.
 */
final class SftpDestination implements Destination {
    private final BackupLocation.Sftp location;
    private final DestinationTimeouts timeouts;
    private final List<KeyPair> keys;
    private final SshClient client;

    SftpDestination(BackupLocation.Sftp location, DestinationTimeouts timeouts) {
        this.location = location;
        this.timeouts = timeouts;
        this.keys = location.privateKey().isEmpty() ? List.of() : parseKey(location);
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> location.hostKeyFingerprint() == null
                || location.hostKeyFingerprint().equals(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key)));
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeouts.io());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeouts.connect());
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.start();
    }

    private static List<KeyPair> parseKey(BackupLocation.Sftp location) {
        try {
            List<KeyPair> pairs = new ArrayList<>();
            byte[] pem = new String(location.privateKey().reveal()).getBytes(StandardCharsets.US_ASCII);
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("sftp key"),
                    new ByteArrayInputStream(pem), FilePasswordProvider.EMPTY);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
            if (pairs.isEmpty()) {
                throw new IOException("no key");
            }
            return List.copyOf(pairs);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // never the parser's message: it may quote the key
            throw new IllegalArgumentException("the SFTP key is not a readable unencrypted private key (PEM or OpenSSH)");
        }
    }

    /** One SSH session with its SFTP channel; closing it closes both. */
    private record Connection(ClientSession session, SftpClient sftp) implements AutoCloseable {
        @Override
        public void close() {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // the session goes next
            }
            try {
                session.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        try (Connection c = connect()) {
            String part = path(name + ".part");
            try {
                try (OutputStream out = c.sftp().write(part)) {
                    content.transferTo(out);
                }
                removeIfPresent(c.sftp(), path(name));
                c.sftp().rename(part, path(name));
            } catch (IOException e) {
                removeQuietly(c.sftp(), part);
                throw e;
            }
        } catch (IOException e) {
            throw translate(e, name);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        Connection c = connect();
        try {
            InputStream in = c.sftp().read(path(name));
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        c.close();
                    }
                }
            };
        } catch (IOException e) {
            c.close();
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        try (Connection c = connect()) {
            List<StoredFile> files = new ArrayList<>();
            for (SftpClient.DirEntry e : c.sftp().readDir(location.path())) {
                if (e.getAttributes().isRegularFile()) {
                    files.add(new StoredFile(e.getFilename(), e.getAttributes().getSize()));
                }
            }
            return files;
        } catch (IOException e) {
            throw translate(e, "");
        }
    }

    @Override
    public void delete(String name) throws IOException {
        try (Connection c = connect()) {
            removeIfPresent(c.sftp(), path(name));
        } catch (IOException e) {
            throw translate(e, name);
        }
    }

    @Override
    public String describe() {
        return "sftp://" + location.user() + "@" + location.host() + ":" + location.port() + location.path();
    }

    @Override
    public void close() {
        client.stop();
    }

    private String path(String name) {
        return location.path() + name;
    }

    private Connection connect() throws DestinationException {
        ClientSession session = null;
        try {
            session = client.connect(location.user(), location.host(), location.port())
                    .verify(timeouts.connect()).getSession();
            for (KeyPair k : keys) {
                session.addPublicKeyIdentity(k);
            }
            if (!location.password().isEmpty()) {
                session.addPasswordIdentity(new String(location.password().reveal()));
            }
            try {
                session.auth().verify(timeouts.connect());
            } catch (SshException e) {
                if (location.hostKeyFingerprint() != null && e.getMessage() != null && e.getMessage().contains("verif")) {
                    throw new DestinationException(FailureReason.BAD_CREDENTIALS,
                            describe() + ": the server's host key does not match the configured fingerprint", e);
                }
                throw new DestinationException(FailureReason.BAD_CREDENTIALS,
                        describe() + ": authentication refused for user " + location.user(), e);
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new Connection(session, sftp);
        } catch (IOException e) {
            if (session != null) {
                try {
                    session.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw translate(e, "");
        }
    }

    private static void removeIfPresent(SftpClient sftp, String path) throws IOException {
        try {
            sftp.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    private static void removeQuietly(SftpClient sftp, String path) {
        try {
            sftp.remove(path);
        } catch (IOException ignored) {
            // best effort: the upload's failure is the one to report
        }
    }

    private DestinationException translate(IOException e, String name) {
        if (e instanceof DestinationException d) {
            return d;
        }
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        if (e instanceof SftpException s) {
            return switch (s.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
                        new DestinationException(FailureReason.WRONG_FILE_PATH, what + ": no such file or folder", e);
                case SftpConstants.SSH_FX_PERMISSION_DENIED ->
                        new DestinationException(FailureReason.NO_PERMISSION, what + ": permission denied", e);
                case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED ->
                        new DestinationException(FailureReason.NO_SPACE, what + ": no space left", e);
                default -> new DestinationException(FailureReason.GENERAL_ERROR, what + ": SFTP status " + s.getStatus(), e);
            };
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new DestinationException(FailureReason.UNREACHABLE, what + ": cannot connect", e);
            }
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return new DestinationException(FailureReason.TIMEOUT, what + ": timed out", e);
            }
        }
        return new DestinationException(FailureReason.GENERAL_ERROR, what + ": " + e.getClass().getSimpleName(), e);
    }
}
