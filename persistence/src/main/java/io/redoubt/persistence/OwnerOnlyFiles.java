package io.redoubt.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates data files readable by the owner only (0600) and data folders the owner only may enter
 * (0700), whatever the process's umask: a dump, an AOF, an aclfile or a rewritten config holds every
 * key and password hash of a database, so no other local account may read one, not even for the
 * moment between its creation and a later chmod. The mode is given at creation (umask can only take
 * bits away); a file or folder that already exists keeps its mode. On a file system without POSIX
 * permissions the folder's protection applies.
 */
public final class OwnerOnlyFiles {
    /** rw------- */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** {@link Files#createDirectories}, each folder it creates 0700. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER))
                : Files.createDirectories(dir);
    }

    /**
     * Takes the group's and others' bits away from an existing folder (a data folder made by hand, by
     * an installer, or by an earlier version with the umask's 0755), so what the node then creates in
     * it is reachable by the owner only. Returns the folder's former mode when it changed, else null.
     */
    public static String restrictFolder(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) {
            return null;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (FOLDER.containsAll(mode)) {
            return null;
        }
        Set<PosixFilePermission> ownerOnly = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : mode) {
            if (FOLDER.contains(p)) {
                ownerOnly.add(p);
            }
        }
        Files.setPosixFilePermissions(dir, ownerOnly);
        return PosixFilePermissions.toString(mode);
    }

    /** {@link FileChannel#open}: a file it creates is 0600. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return POSIX ? FileChannel.open(file, Set.of(options), PosixFilePermissions.asFileAttribute(FILE))
                : FileChannel.open(file, options);
    }

    /**
     * A new temporary file's channel: any file left under that name (by a crash) is removed first, so
     * the file written is always created now, 0600, and never inherits an old file's mode.
     */
    public static FileChannel create(Path temp, OpenOption... options) throws IOException {
        Files.deleteIfExists(temp);
        return open(temp, options);
    }

    /** Whether the default file system has POSIX permissions (then the modes above apply). */
    public static boolean posix() {
        return POSIX;
    }

    /** The attribute that makes a file created with {@link Files} 0600, or none off POSIX. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
