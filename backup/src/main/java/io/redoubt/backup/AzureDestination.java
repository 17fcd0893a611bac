package io.redoubt.backup;

import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Azure Blob Storage through azure-storage-blob: a shared key or a SAS token, bounded connect, read,
 * write and response timeouts and two retries. A block blob becomes visible only when its upload
 * commits, so no temporary name is needed.
 */
final class AzureDestination implements Destination {
    private final BackupLocation.Azure location;
    private final DestinationTimeouts timeouts;
    private final BlobContainerClient container;

    AzureDestination(BackupLocation.Azure location, DestinationTimeouts timeouts) {
        this.location = location;
        this.timeouts = timeouts;
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(location.serviceEndpoint().toString())
                .clientOptions(new HttpClientOptions().setConnectTimeout(timeouts.connect())
                        .setReadTimeout(timeouts.io()).setWriteTimeout(timeouts.io()).setResponseTimeout(timeouts.io()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2,
                        (int) Math.max(1, timeouts.io().toSeconds()), 200L, 2000L, null));
        if (!location.accountKey().isEmpty()) {
            builder.credential(new StorageSharedKeyCredential(location.accountName(),
                    new String(location.accountKey().reveal())));
        } else {
            builder.sasToken(new String(location.sasToken().reveal()));
        }
        this.container = builder.buildClient().getBlobContainerClient(location.container());
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        try {
            container.getBlobClient(key(name)).upload(content, length, true);
        } catch (RuntimeException e) {
            throw translate(e, name);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        try {
            return container.getBlobClient(key(name)).openInputStream();
        } catch (RuntimeException e) {
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        List<StoredFile> files = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobsByHierarchy("/",
                    new ListBlobsOptions().setPrefix(location.subdir()), timeouts.io())) {
                if (!Boolean.TRUE.equals(item.isPrefix())) {
                    files.add(new StoredFile(item.getName().substring(location.subdir().length()),
                            item.getProperties().getContentLength()));
                }
            }
        } catch (RuntimeException e) {
            throw translate(e, "");
        }
        return files;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            container.getBlobClient(key(name)).deleteIfExists();
        } catch (RuntimeException e) {
            throw translate(e, name);
        }
    }

    @Override
    public String describe() {
        return "abs " + location.accountName() + "/" + location.container() + "/" + location.subdir();
    }

    @Override
    public void close() {
    }

    private String key(String name) {
        return location.subdir() + name;
    }

    private DestinationException translate(RuntimeException e, String name) {
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        if (e instanceof BlobStorageException b) {
            BlobErrorCode code = b.getErrorCode();
            FailureReason reason;
            // Azure answers a bad signature with AuthenticationFailed, Azurite with AuthorizationFailure (which
            // Azure also uses for network rules); both say "these credentials do not get in", unlike a
            // permission mismatch, which says the credentials work but may not write
            if (code == BlobErrorCode.AUTHENTICATION_FAILED || code == BlobErrorCode.AUTHORIZATION_FAILURE
                    || b.getStatusCode() == 401) {
                reason = FailureReason.BAD_CREDENTIALS;
            } else if (code == BlobErrorCode.CONTAINER_NOT_FOUND || code == BlobErrorCode.BLOB_NOT_FOUND
                    || b.getStatusCode() == 404) {
                reason = FailureReason.WRONG_FILE_PATH;
            } else if (b.getStatusCode() == 403) {
                reason = FailureReason.NO_PERMISSION;
            } else {
                reason = FailureReason.GENERAL_ERROR;
            }
            return new DestinationException(reason, what + ": " + (code == null ? "HTTP " + b.getStatusCode() : code), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException) {
                return new DestinationException(FailureReason.UNREACHABLE, what + ": cannot connect", e);
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new DestinationException(FailureReason.TIMEOUT, what + ": timed out", e);
            }
        }
        if (e instanceof UncheckedIOException) {
            return new DestinationException(FailureReason.GENERAL_ERROR, what + ": I/O error", e);
        }
        return new DestinationException(FailureReason.GENERAL_ERROR, what + ": " + e.getClass().getSimpleName(), e);
    }
}
