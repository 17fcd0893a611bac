package io.redoubt.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local or mounted folder ({@code mount_point}). The folder must exist (RE: on every node); it is never
 * created, so a typo is {@code wrong-file-path} rather than a new folder. A file is written under a
 * temporary name and renamed when complete.
 */
final class LocalDestination implements Destination {
    private final Path dir;

    LocalDestination(BackupLocation.MountPoint location) {
        this.dir = location.path();
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        Path target = file(name);
        Path part = dir.resolve(name + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                long copied = content.transferTo(out);
                if (copied != length) {
                    throw new DestinationException(FailureReason.GENERAL_ERROR,
                            describe() + ": " + name + ": expected " + length + " bytes, got " + copied);
                }
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw translate(e, name);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        try {
            return Files.newInputStream(file(name));
        } catch (IOException e) {
            throw translate(e, name);
        }
    }

    @Override
    public List<StoredFile> list() throws IOException {
        List<StoredFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    files.add(new StoredFile(p.getFileName().toString(), Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw translate(e, "");
        }
        return files;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw translate(e, name);
        }
    }

    @Override
    public String describe() {
        return "mount_point " + dir;
    }

    @Override
    public void close() {
    }

    private Path file(String name) {
        Path p = dir.resolve(name).normalize();
        if (!p.getParent().equals(dir.normalize())) {
            throw new IllegalArgumentException("backup file names are plain names: " + name);
        }
        return p;
    }

    private DestinationException translate(IOException e, String name) {
        if (e instanceof DestinationException d) {
            return d;
        }
        String what = describe() + (name.isEmpty() ? "" : ": " + name);
        if (!Files.isDirectory(dir)) {
            return new DestinationException(FailureReason.WRONG_FILE_PATH, describe() + ": the folder does not exist", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DestinationException(FailureReason.NO_PERMISSION, what + ": permission denied", e);
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new DestinationException(FailureReason.WRONG_FILE_PATH, what + ": no such file", e);
        }
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("No space")) {
            return new DestinationException(FailureReason.NO_SPACE, what + ": no space left on the device", e);
        }
        return new DestinationException(FailureReason.GENERAL_ERROR, what + ": " + e.getClass().getSimpleName(), e);
    }
}
