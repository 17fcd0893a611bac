package io.redoubt.backup;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.WriteChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Cloud Storage through google-cloud-storage with a service account's key (never the node's
 * application-default credentials), bounded HTTP timeouts and three attempts. A resumable upload
 * becomes an object only when it is finalized, after the last byte. No emulator runs here, so only the
 * configuration and the key's parsing are tested.
 */
final class GcsDestination implements Destination {
    private final BackupLocation.Gcs location;
    private final Storage storage;

    GcsDestination(BackupLocation.Gcs location, DestinationTimeouts timeouts) {
        this.location = location;
        ServiceAccountCredentials credentials = credentials(location);
        StorageOptions.Builder options = StorageOptions.newBuilder()
                .setCredentials(credentials)
                .setProjectId(credentials.getProjectId())
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(timeouts.connectMillis()).setReadTimeout(timeouts.ioMillis()).build())
                .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder().setMaxAttempts(3)
                        .setTotalTimeoutDuration(timeouts.io().multipliedBy(3)).build());
        if (location.endpoint() != null) {
            options.setHost(location.endpoint().toString());
        }
        this.storage = options.build().getService();
    }

    /** Parses the service account key; a key that is not one fails here, at configuration time. */
    static ServiceAccountCredentials credentials(BackupLocation.Gcs location) {
        byte[] json = new String(location.credentialsJson().reveal()).getBytes(StandardCharsets.UTF_8);
        try {
            ServiceAccountCredentials c = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json));
            if (c.getClientEmail() == null || c.getPrivateKey() == null) {
                throw new IllegalArgumentException("GCS credentials need client_email and private_key");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i && i.getMessage() != null && i.getMessage().startsWith("GCS")) {
                throw i;
            }
            // the library's messages name fields, never values; keep them short anyway
            throw new IllegalArgumentException("GCS credentials are not a usable service account key: "
                    + Redaction.clean(e.getMessage(), List.of(location.credentialsJson())));
        }
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        try {
            WriteChannel writer = storage.writer(BlobInfo.newBuilder(location.bucket(), key(name)).build());
            try (OutputStream out = Channels.newOutputStream(writer)) {
                long copied = content.transferTo(out);
                if (copied != length) {
                    // leave the resumable session unfinalized: no object appears, it expires on its own
                    throw new DestinationException(FailureReason.GENERAL_ERROR,
                            describe() + ": " + name + ": expected " + length + " bytes, got " + copied);
                }
            }
        } catch (StorageException e) {
            throw translate(e, name);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        try {
            return Channels.newInputStream(storage.reader(BlobId.of(location.bucket(), key(name))));
        } catch (StorageException e) {
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        List<StoredFile> files = new ArrayList<>();
        try {
            for (Blob b : storage.list(location.bucket(), Storage.BlobListOption.prefix(location.subdir()),
                    Storage.BlobListOption.currentDirectory()).iterateAll()) {
                if (!b.isDirectory()) {
                    files.add(new StoredFile(b.getName().substring(location.subdir().length()), b.getSize()));
                }
            }
        } catch (StorageException e) {
            throw translate(e, "");
        }
        return files;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            storage.delete(BlobId.of(location.bucket(), key(name)));
        } catch (StorageException e) {
            throw translate(e, name);
        }
    }

    @Override
    public String describe() {
        return "gs://" + location.bucket() + "/" + location.subdir();
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }

    private String key(String name) {
        return location.subdir() + name;
    }

    private DestinationException translate(StorageException e, String name) {
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        FailureReason reason = switch (e.getCode()) {
            case 401 -> FailureReason.BAD_CREDENTIALS;
            case 403 -> FailureReason.NO_PERMISSION;
            case 404 -> FailureReason.WRONG_FILE_PATH;
            case 0 -> e.getCause() instanceof java.net.SocketTimeoutException ? FailureReason.TIMEOUT : FailureReason.UNREACHABLE;
            default -> FailureReason.GENERAL_ERROR;
        };
        return new DestinationException(reason, what + ": HTTP " + e.getCode(), e);
    }
}
