package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates folders (0700) and files (0600) only their owner may use, from the first moment: the
 * permissions are given at creation, never set afterwards, so no other user can open a key file in
 * between. On a file system without POSIX permissions the folder's protection has to do.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and missing parents) owner-only, unless it exists. */
    public static void folder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** Creates the new, empty {@code file} owner-only; fails if it exists. */
    public static void newFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }
}
