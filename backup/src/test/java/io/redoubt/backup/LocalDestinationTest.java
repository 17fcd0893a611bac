package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDestinationTest extends DestinationContract {
    @TempDir
    static Path folder;

    private Destination destination;

    @BeforeAll
    void open() {
        destination = Destinations.open(new BackupLocation.MountPoint(folder), DestinationTimeouts.DEFAULT);
    }

    @AfterAll
    void close() {
        destination.close();
    }

    @Override
    Destination destination() {
        return destination;
    }

    @Test
    void aMissingFolderIsAWrongFilePathAndIsNotCreated() {
        Path missing = folder.resolve("not-there");
        ProbeResult r = Destinations.open(new BackupLocation.MountPoint(missing), DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).isEqualTo(FailureReason.WRONG_FILE_PATH);
        assertThat(r.message()).contains(missing.toString()).doesNotContain("\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFolderWithoutWriteAccessIsNoPermission() throws Exception {
        // root ignores file modes: then a sysfs folder, where even root may not create files, stands in
        Path denied;
        if ("root".equals(System.getProperty("user.name"))) {
            denied = Path.of("/sys/kernel");
        } else {
            denied = Files.createDirectory(folder.resolve("read-only"));
            Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        ProbeResult r = Destinations.open(new BackupLocation.MountPoint(denied), DestinationTimeouts.DEFAULT).probe();
        assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.NO_PERMISSION);
        assertThat(r.message()).contains("permission denied");
    }

    @Test
    void anInterruptedUploadLeavesNoFileUnderItsName() throws Exception {
        byte[] shortContent = new byte[10];
        try {
            destination.put("cut.bin", new ByteArrayInputStream(shortContent), 20);
        } catch (DestinationException expected) {
            assertThat(expected.getMessage()).contains("expected 20 bytes, got 10");
        }
        assertThat(folder.resolve("cut.bin")).doesNotExist();
        assertThat(folder.resolve("cut.bin.part")).doesNotExist();
    }
}
