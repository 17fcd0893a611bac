package io.redoubt.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The event log on disk: one JSON line per event appended to {@code file}, rotated as
 * {@link FileRotation} says into {@code <file>-<yyyy-MM-dd-HHmmss.SSS>.gz} (the UTC time of the
 * rotation, so names sort in time order and every event in a file is no later than its name), the
 * oldest deleted beyond {@code maxFiles}. Written by one {@link QueuedSender} thread only.
 */
final class EventFile implements Destination {
    static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss.SSS")
            .withZone(ZoneId.of("UTC"));

    private final Path file;
    private final FileRotation rotation;
    private final InstantSource clock;

    EventFile(Path file, FileRotation rotation, InstantSource clock) {
        this.file = file.toAbsolutePath();
        this.rotation = rotation;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /** Rotated files, oldest first. */
    List<Path> rotated() throws IOException {
        String prefix = file.getFileName() + "-";
        try (Stream<Path> list = Files.list(file.getParent())) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".gz");
            }).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
    }

    /** When a rotated file was rotated: every event in it is at or before this time. */
    Instant rotatedAt(Path rotated) {
        String n = rotated.getFileName().toString();
        String stamp = n.substring(file.getFileName().toString().length() + 1, n.length() - 3);
        try {
            return Instant.from(ROTATED.parse(stamp));
        } catch (RuntimeException e) {
            return Instant.MAX; // a name we did not write: always read it
        }
    }

    @Override
    public Link open() throws IOException {
        Files.createDirectories(file.getParent());
        return new Writer();
    }

    @Override
    public String describe() {
        return "event log " + file;
    }

    /** The open file; reopens after each rotation. */
    private final class Writer implements Link {
        private FileChannel channel;
        private long size;
        private long periodStart;

        Writer() throws IOException {
            openFile();
        }

        private void openFile() throws IOException {
            if (!Files.exists(file)) {
                createOwnerOnly(file); // security events name users and addresses: not for every local account
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            size = channel.size();
            Instant since = size == 0 ? clock.instant() : Files.getLastModifiedTime(file).toInstant();
            periodStart = periodOf(since);
        }

        private static void createOwnerOnly(Path file) throws IOException {
            try {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile: use it as it is
            }
        }

        private long periodOf(Instant t) {
            ZonedDateTime z = t.atZone(ZoneId.systemDefault());
            return switch (rotation.period()) {
                case NONE -> 0;
                case HOURLY -> z.truncatedTo(ChronoUnit.HOURS).toEpochSecond();
                case DAILY -> z.truncatedTo(ChronoUnit.DAYS).toEpochSecond();
            };
        }

        @Override
        public void send(byte[] message) throws IOException {
            Instant now = clock.instant();
            boolean bySize = rotation.maxBytes() > 0 && size > 0 && size + message.length + 1 > rotation.maxBytes();
            boolean byTime = rotation.period() != FileRotation.Period.NONE && size > 0 && periodOf(now) != periodStart;
            if (bySize || byTime) {
                rotate(now);
            }
            ByteBuffer buf = ByteBuffer.allocate(message.length + 1).put(message).put((byte) '\n').flip();
            while (buf.hasRemaining()) {
                size += channel.write(buf);
            }
        }

        private void rotate(Instant now) throws IOException {
            channel.close();
            Path target = file.resolveSibling(file.getFileName() + "-" + ROTATED.format(now) + ".gz");
            Path tmp = file.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                in.transferTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(file);
            List<Path> old = new ArrayList<>(rotated());
            while (old.size() > rotation.maxFiles()) {
                Files.deleteIfExists(old.remove(0));
            }
            openFile();
            periodStart = periodOf(now);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file stays as written so far
            }
        }
    }
}
