package io.redoubt.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Amazon S3 and S3-compatible stores through the AWS SDK v2 with its blocking Apache HTTP client:
 * static credentials only (never the environment's or an instance profile's, so a node's own AWS
 * identity cannot leak into a database's backups), path-style addressing with a custom endpoint,
 * and a custom CA when one is given. An object appears only when its upload completes, so no
 * temporary name is needed.
 */
final class S3Destination implements Destination {
    /** Files above this go up in parts of this size (S3's single PUT stops at 5 GB; a part can be retried alone). */
    static final long DEFAULT_PART_SIZE = 64L * 1024 * 1024;
    /** The slowest transfer rate an upload is given time for, beyond the I/O timeout. */
    private static final long MIN_BYTES_PER_SECOND = 1024 * 1024;

    private final BackupLocation.S3 location;
    private final DestinationTimeouts timeouts;
    private final long partSize;
    private final S3Client s3;

    S3Destination(BackupLocation.S3 location, DestinationTimeouts timeouts) {
        this(location, timeouts, DEFAULT_PART_SIZE);
    }

    S3Destination(BackupLocation.S3 location, DestinationTimeouts timeouts, long partSize) {
        this.location = location;
        this.timeouts = timeouts;
        this.partSize = partSize;
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.io())
                .connectionAcquisitionTimeout(timeouts.connect());
        if (location.caPem() != null) {
            var trust = TrustedCertificates.fromPem(location.caPem());
            http.tlsTrustManagersProvider(() -> trust);
        }
        var builder = S3Client.builder()
                .httpClientBuilder(http)
                .region(Region.of(location.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        location.accessKeyId(), new String(location.secretAccessKey().reveal()))))
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(timeouts.io())
                        .apiCallTimeout(timeouts.io().multipliedBy(3)));
        // uploads override these two with a time that grows with their size
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint()).forcePathStyle(true);
        }
        this.s3 = builder.build();
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        // a stream can be sent once: a failed attempt is not retried past the SDK's small mark/reset buffer
        put(name, length, (offset, size) -> RequestBody.fromInputStream(content, size));
    }

    /** From a file every attempt (and every part) can be re-read, so the SDK's retries work. */
    @Override
    public void put(String name, Path file) throws IOException {
        long length = Files.size(file);
        put(name, length, (offset, size) -> RequestBody.fromContentProvider(() -> slice(file, offset, size), size,
                "application/octet-stream"));
    }

    /** The bytes {@code [offset, offset + size)} of a part, as a request body. */
    private interface PartBody {
        RequestBody of(long offset, long size);
    }

    private void put(String name, long length, PartBody body) throws IOException {
        try {
            if (length > partSize) {
                putInParts(name, length, body);
            } else {
                s3.putObject(b -> b.bucket(location.bucket()).key(key(name)).contentLength(length)
                                .overrideConfiguration(o -> o.apiCallTimeout(transferTime(length))
                                        .apiCallAttemptTimeout(transferTime(length))),
                        body.of(0, length));
            }
        } catch (RuntimeException e) {
            // the SDK reports a source that ends early as IllegalStateException
            throw translate(e, name);
        }
    }

    private static InputStream slice(Path file, long offset, long size) {
        try {
            SeekableByteChannel channel = Files.newByteChannel(file);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new FilterInputStream(in) {
                private long left = size;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = in.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = in.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart upload; any failure aborts it, so the store keeps no orphaned parts. */
    private void putInParts(String name, long length, PartBody body) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(key(name))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long sent = 0;
            for (int number = 1; sent < length; number++) {
                long size = Math.min(partSize, length - sent);
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(location.bucket()).key(key(name)).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(size)
                                .overrideConfiguration(o -> o.apiCallTimeout(transferTime(size))
                                        .apiCallAttemptTimeout(transferTime(size))),
                        body.of(sent, size)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                sent += size;
            }
            s3.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key(name)).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key(name)).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the upload's failure is the one to report; the bucket's lifecycle rule is the backstop
            }
            throw e;
        }
    }

    private Duration transferTime(long bytes) {
        return timeouts.io().plusSeconds(bytes / MIN_BYTES_PER_SECOND);
    }

    @Override
    public InputStream get(String name) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(location.bucket()).key(key(name)));
        } catch (SdkException e) {
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        List<StoredFile> files = new ArrayList<>();
        try {
            String token = null;
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(location.bucket())
                        .prefix(location.subdir()).delimiter("/");
                if (token != null) {
                    req.continuationToken(token);
                }
                ListObjectsV2Response page = s3.listObjectsV2(req.build());
                for (S3Object o : page.contents()) {
                    files.add(new StoredFile(o.key().substring(location.subdir().length()), o.size()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw translate(e, "");
        }
        return files;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(key(name)));
        } catch (SdkException e) {
            throw translate(e, name);
        }
    }

    @Override
    public String describe() {
        return "s3://" + location.bucket() + "/" + location.subdir()
                + (location.endpoint() == null ? "" : " at " + location.endpoint());
    }

    @Override
    public void close() {
        s3.close();
    }

    private String key(String name) {
        return location.subdir() + name;
    }

    private DestinationException translate(RuntimeException e, String name) {
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            FailureReason reason = switch (code == null ? "" : code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken" -> FailureReason.BAD_CREDENTIALS;
                case "NoSuchBucket", "NoSuchKey" -> FailureReason.WRONG_FILE_PATH;
                case "AccessDenied", "AllAccessDisabled" -> FailureReason.NO_PERMISSION;
                case "EntityTooLarge", "QuotaExceeded" -> FailureReason.NO_SPACE;
                default -> s.statusCode() == 404 ? FailureReason.WRONG_FILE_PATH
                        : s.statusCode() == 403 ? FailureReason.NO_PERMISSION : FailureReason.GENERAL_ERROR;
            };
            return new DestinationException(reason, what + ": " + (code == null || code.isEmpty() ? "HTTP " + s.statusCode() : code), e);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new DestinationException(FailureReason.TIMEOUT, what + ": timed out", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t.getClass().getSimpleName().equals("HttpHostConnectException")) {
                return new DestinationException(FailureReason.UNREACHABLE, what + ": cannot connect", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new DestinationException(FailureReason.TIMEOUT, what + ": timed out", e);
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return new DestinationException(FailureReason.GENERAL_ERROR, what + ": TLS failed (is the CA right?)", e);
            }
        }
        if (e instanceof SdkClientException || e instanceof UncheckedIOException) {
            return new DestinationException(FailureReason.GENERAL_ERROR, what + ": "
                    + Redaction.clean(e.getMessage(), List.of(location.secretAccessKey())), e);
        }
        return new DestinationException(FailureReason.GENERAL_ERROR, what + ": " + e.getClass().getSimpleName(), e);
    }
}
