package io.redoubt.backup;

/** Opens the {@link Destination} for a {@link BackupLocation}: one implementation per kind. */
public final class Destinations {
    private Destinations() {
    }

    public static Destination open(BackupLocation location, DestinationTimeouts timeouts) {
        return switch (location) {
            case BackupLocation.MountPoint m -> new LocalDestination(m);
            case BackupLocation.Ftp f -> new FtpDestination(f, timeouts);
            case BackupLocation.Sftp s -> new SftpDestination(s, timeouts);
            case BackupLocation.S3 s -> new S3Destination(s, timeouts);
            case BackupLocation.Azure a -> new AzureDestination(a, timeouts);
            case BackupLocation.Gcs g -> new GcsDestination(g, timeouts);
        };
    }
}
