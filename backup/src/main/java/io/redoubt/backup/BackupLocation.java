package io.redoubt.backup;

import io.redoubt.security.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where backups go, in the shapes of RE's {@code backup_location} objects (its {@code type} values are
 * {@link #type()}). Each shape is validated when built, with a one-line message; every credential is a
 * {@link Secret}, so a location's {@code toString} (a record's) never prints one.
 */
public sealed interface BackupLocation {
    /** RE's {@code type}: {@code mount_point}, {@code url} (FTP/FTPS), {@code sftp}, {@code s3}, {@code abs}, {@code gs}. */
    String type();

    /** A local or mounted folder ({@code mount_point}: {@code path}), which must already exist. */
    record MountPoint(Path path) implements BackupLocation {
        public MountPoint {
            require(path != null && path.isAbsolute(), "mount_point path must be an absolute path");
        }

        @Override
        public String type() {
            return "mount_point";
        }
    }

    /**
     * FTP or FTPS (explicit TLS, {@code AUTH TLS}) as RE's {@code url}: {@code ftp://user:pass@host:port/path/}
     * or {@code ftps://...}.
     *
     * @param trustedCaPem the PEM certificate(s) that FTPS trusts instead of the JDK's, or null
     */
    record Ftp(boolean tls, String host, int port, String user, Secret password, String path, String trustedCaPem)
            implements BackupLocation {
        public Ftp {
            require(host != null && !host.isBlank(), "FTP location needs a host");
            require(port > 0 && port < 65536, "FTP port must be 1-65535");
            require(user != null && !user.isBlank(), "FTP location needs a user name (ftp://user:password@host/path/)");
            password = password == null ? Secret.none() : password;
            path = normalizeDir(path);
        }

        /** Parses RE's {@code url}; the password in it may be percent-encoded. */
        public static Ftp parse(String url, String trustedCaPem) {
            URI uri = uri(url, "FTP url");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            require(scheme.equals("ftp") || scheme.equals("ftps"), "FTP url must start with ftp:// or ftps://");
            String[] userInfo = userInfo(uri);
            return new Ftp(scheme.equals("ftps"), uri.getHost(), uri.getPort() < 0 ? 21 : uri.getPort(), userInfo[0],
                    Secret.of(userInfo[1]), uri.getRawPath() == null ? "/" : decode(uri.getRawPath()), trustedCaPem);
        }

        @Override
        public String type() {
            return "url";
        }
    }

    /**
     * SFTP ({@code sftp}: {@code sftp_url} {@code sftp://user@host:port/path/}, {@code key}) with a private key
     * (PEM, OpenSSH or PKCS#8) or a password.
     *
     * @param hostKeyFingerprint the server key's {@code SHA256:...} fingerprint to require, or null to accept
     *                           any (RE documents no host-key check)
     */
    record Sftp(String host, int port, String user, String path, Secret privateKey, Secret password,
            String hostKeyFingerprint) implements BackupLocation {
        public Sftp {
            require(host != null && !host.isBlank(), "SFTP location needs a host");
            require(port > 0 && port < 65536, "SFTP port must be 1-65535");
            require(user != null && !user.isBlank(), "SFTP location needs a user name (sftp://user@host/path/)");
            privateKey = privateKey == null ? Secret.none() : privateKey;
            password = password == null ? Secret.none() : password;
            require(!privateKey.isEmpty() || !password.isEmpty(), "SFTP location needs a private key or a password");
            path = normalizeDir(path);
        }

        /** Parses RE's {@code sftp_url} (default port 22); a password may be in it. */
        public static Sftp parse(String url, Secret privateKey, String hostKeyFingerprint) {
            URI uri = uri(url, "SFTP url");
            require("sftp".equalsIgnoreCase(uri.getScheme()), "SFTP url must start with sftp://");
            String[] userInfo = userInfo(uri);
            return new Sftp(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), userInfo[0],
                    uri.getRawPath() == null ? "/" : decode(uri.getRawPath()), privateKey, Secret.of(userInfo[1]),
                    hostKeyFingerprint);
        }

        @Override
        public String type() {
            return "sftp";
        }
    }

    /**
     * Amazon S3 or an S3-compatible store ({@code s3}: {@code bucket_name}, {@code subdir},
     * {@code region_name}, {@code access_key_id}, {@code secret_access_key}; RE's cluster-wide
     * {@code s3_url} and {@code s3_ca_cert} are {@code endpoint} and {@code caPem} here).
     *
     * @param endpoint a custom endpoint (path-style addressing is then used), or null for AWS
     * @param caPem    PEM certificate(s) the endpoint's TLS certificate must chain to, or null for the JDK's
     */
    record S3(String bucket, String subdir, String region, URI endpoint, String caPem, String accessKeyId,
            Secret secretAccessKey) implements BackupLocation {
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        public S3 {
            require(bucket != null && BUCKET.matcher(bucket).matches(),
                    "S3 bucket_name must be 3-63 lowercase letters, digits, dots or hyphens");
            region = region == null || region.isBlank() ? "us-east-1" : region;
            require(endpoint == null || "https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()),
                    "S3 endpoint must be an http:// or https:// URL");
            require(accessKeyId != null && !accessKeyId.isBlank(), "S3 location needs access_key_id");
            require(secretAccessKey != null && !secretAccessKey.isEmpty(), "S3 location needs secret_access_key");
            subdir = normalizePrefix(subdir);
        }

        @Override
        public String type() {
            return "s3";
        }
    }

    /**
     * Azure Blob Storage ({@code abs}: {@code container}, {@code subdir}, {@code account_name},
     * {@code account_key} or {@code sas_token}).
     *
     * @param endpoint the blob service URL, or null for {@code https://<account>.blob.core.windows.net}
     */
    record Azure(String container, String subdir, String accountName, Secret accountKey, Secret sasToken,
            URI endpoint) implements BackupLocation {
        private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

        public Azure {
            require(container != null && CONTAINER.matcher(container).matches(),
                    "Azure container must be 3-63 lowercase letters, digits or single hyphens");
            require(accountName != null && !accountName.isBlank(), "Azure location needs account_name");
            accountKey = accountKey == null ? Secret.none() : accountKey;
            sasToken = sasToken == null ? Secret.none() : sasToken;
            require(accountKey.isEmpty() != sasToken.isEmpty(), "Azure location needs exactly one of account_key and sas_token");
            subdir = normalizePrefix(subdir);
        }

        public URI serviceEndpoint() {
            return endpoint != null ? endpoint : URI.create("https://" + accountName + ".blob.core.windows.net");
        }

        @Override
        public String type() {
            return "abs";
        }
    }

    /**
     * Google Cloud Storage ({@code gs}: {@code bucket_name}, {@code subdir} and a service account's key, given
     * here as its JSON key file, which holds RE's {@code client_id}, {@code client_email},
     * {@code private_key_id} and {@code private_key}).
     *
     * @param endpoint a custom endpoint, or null for Google's
     */
    record Gcs(String bucket, String subdir, Secret credentialsJson, URI endpoint) implements BackupLocation {
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

        public Gcs {
            require(bucket != null && BUCKET.matcher(bucket).matches(),
                    "GCS bucket_name must be 3-222 lowercase letters, digits, dots, hyphens or underscores");
            require(credentialsJson != null && !credentialsJson.isEmpty(), "GCS location needs the service account's key");
            subdir = normalizePrefix(subdir);
        }

        @Override
        public String type() {
            return "gs";
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static URI uri(String url, String what) {
        require(url != null && !url.isBlank(), what + " is missing");
        try {
            URI uri = new URI(url);
            require(uri.getHost() != null, what + " has no host");
            return uri;
        } catch (URISyntaxException e) {
            // the message would repeat the url, password included
            throw new IllegalArgumentException(what + " is not a valid URL");
        }
    }

    private static String[] userInfo(URI uri) {
        String raw = uri.getRawUserInfo();
        if (raw == null) {
            return new String[] {null, null};
        }
        int colon = raw.indexOf(':');
        return colon < 0 ? new String[] {decode(raw), null}
                : new String[] {decode(raw.substring(0, colon)), decode(raw.substring(colon + 1))};
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String normalizeDir(String path) {
        String p = path == null || path.isBlank() ? "/" : path.strip();
        p = p.startsWith("/") ? p : "/" + p;
        return p.endsWith("/") ? p : p + "/";
    }

    /** "" or "a/b/" (an object-name prefix). */
    private static String normalizePrefix(String subdir) {
        if (subdir == null || subdir.isBlank()) {
            return "";
        }
        String p = subdir.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        require(!p.contains(".."), "subdir must not contain '..'");
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
