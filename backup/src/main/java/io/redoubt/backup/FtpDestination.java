package io.redoubt.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * FTP and FTPS (explicit, {@code AUTH TLS} with a private data channel) through Apache Commons Net. Every
 * operation opens its own connection (a backup makes a handful of them; no connection left open to time
 * out between them), uses passive binary transfers, and uploads under a temporary name then renames.
 */
final class FtpDestination implements Destination {
    private final BackupLocation.Ftp location;
    private final DestinationTimeouts timeouts;

    FtpDestination(BackupLocation.Ftp location, DestinationTimeouts timeouts) {
        this.location = location;
        this.timeouts = timeouts;
        if (location.tls() && location.trustedCaPem() != null) {
            TrustedCertificates.fromPem(location.trustedCaPem()); // fail at configuration, not at the first backup
        }
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        FTPClient ftp = connect();
        try {
            String part = name + ".part";
            if (!ftp.storeFile(part, content)) {
                DestinationException e = refused(ftp, name, "upload refused");
                ftp.deleteFile(part);
                throw e;
            }
            // some servers (Apache FtpServer) refuse to rename onto an existing file
            if (exists(ftp, name) && !ftp.deleteFile(name)) {
                DestinationException e = refused(ftp, name, "replacing the old file refused");
                ftp.deleteFile(part);
                throw e;
            }
            if (!ftp.rename(part, name)) {
                DestinationException e = refused(ftp, name, "rename refused");
                ftp.deleteFile(part);
                throw e;
            }
        } catch (IOException e) {
            throw translate(e, name);
        } finally {
            disconnect(ftp);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        FTPClient ftp = connect();
        try {
            InputStream in = ftp.retrieveFileStream(name);
            if (in == null) {
                throw refused(ftp, name, "download refused");
            }
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                        ftp.completePendingCommand();
                    } finally {
                        disconnect(ftp);
                    }
                }
            };
        } catch (IOException e) {
            disconnect(ftp);
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        FTPClient ftp = connect();
        try {
            List<StoredFile> files = new ArrayList<>();
            for (FTPFile f : ftp.listFiles()) {
                if (f != null && f.isFile()) {
                    files.add(new StoredFile(f.getName(), f.getSize()));
                }
            }
            return files;
        } catch (IOException e) {
            throw translate(e, "");
        } finally {
            disconnect(ftp);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        FTPClient ftp = connect();
        try {
            if (!ftp.deleteFile(name)) {
                DestinationException e = refused(ftp, name, "delete refused");
                if (exists(ftp, name)) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw translate(e, name);
        } finally {
            disconnect(ftp);
        }
    }

    @Override
    public String describe() {
        return (location.tls() ? "ftps://" : "ftp://") + location.host() + ":" + location.port() + location.path();
    }

    @Override
    public void close() {
    }

    private FTPClient connect() throws DestinationException {
        FTPClient ftp;
        if (location.tls()) {
            FTPSClient ftps = new FTPSClient(false);
            // Commons Net's own default checks only the certificate's dates: always set a real one
            ftps.setTrustManager(location.trustedCaPem() != null
                    ? TrustedCertificates.fromPem(location.trustedCaPem())[0] : TrustedCertificates.jdkDefault());
            ftps.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ftps.setEndpointCheckingEnabled(true);
            ftp = ftps;
        } else {
            ftp = new FTPClient();
        }
        ftp.setConnectTimeout(timeouts.connectMillis());
        ftp.setDefaultTimeout(timeouts.ioMillis());
        ftp.setDataTimeout(timeouts.io());
        ftp.setControlKeepAliveReplyTimeout(Duration.ofMillis(timeouts.connectMillis()));
        try {
            ftp.connect(location.host(), location.port());
            ftp.setSoTimeout(timeouts.ioMillis());
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new DestinationException(FailureReason.UNREACHABLE,
                        describe() + ": the server refused the connection (" + ftp.getReplyCode() + ")");
            }
            if (ftp instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            if (!ftp.login(location.user(), new String(location.password().reveal()))) {
                throw new DestinationException(FailureReason.BAD_CREDENTIALS,
                        describe() + ": login refused for user " + location.user());
            }
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            if (!ftp.changeWorkingDirectory(location.path())) {
                throw new DestinationException(FailureReason.WRONG_FILE_PATH,
                        describe() + ": the folder does not exist or cannot be entered");
            }
            return ftp;
        } catch (IOException e) {
            disconnect(ftp);
            throw translate(e, "");
        }
    }

    private static boolean exists(FTPClient ftp, String name) throws IOException {
        for (FTPFile f : ftp.listFiles()) {
            if (f != null && name.equals(f.getName())) {
                return true;
            }
        }
        return false;
    }

    private DestinationException refused(FTPClient ftp, String name, String what) {
        int code = ftp.getReplyCode();
        FailureReason reason = switch (code) {
            case 452, 552 -> FailureReason.NO_SPACE;
            case 550, 553, 532, 530 -> FailureReason.NO_PERMISSION;
            default -> FailureReason.GENERAL_ERROR;
        };
        if (code == 550 && what.startsWith("download")) {
            reason = FailureReason.WRONG_FILE_PATH;
        }
        return new DestinationException(reason, describe() + ": " + name + ": " + what + " (" + code + ")");
    }

    private DestinationException translate(IOException e, String name) {
        if (e instanceof DestinationException d) {
            return d;
        }
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new DestinationException(FailureReason.UNREACHABLE, what + ": cannot connect", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new DestinationException(FailureReason.TIMEOUT, what + ": timed out", e);
            }
            if (t instanceof SSLException) {
                return new DestinationException(FailureReason.GENERAL_ERROR, what + ": TLS failed ("
                        + Redaction.clean(t.getMessage(), List.of(location.password())) + ")", e);
            }
        }
        return new DestinationException(FailureReason.GENERAL_ERROR, what + ": " + e.getClass().getSimpleName() + " "
                + Redaction.clean(e.getMessage(), List.of(location.password())), e);
    }

    private static void disconnect(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.logout();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            ftp.disconnect();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
