package io.redoubt.backup;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One backup location, reached with its credentials: the files of every backup written there live flat
 * under it, named by {@link BackupNames}. Every operation is bounded by the location's timeouts and fails
 * with a {@link DestinationException} naming a {@link FailureReason}. {@link #put} streams: no
 * implementation holds a whole file in memory, and a file interrupted mid-upload never appears under its
 * final name where the store allows it (a temporary name then a rename, or an upload that commits only
 * when complete).
 */
public interface Destination extends Closeable {
    /** The name of the probe file that {@link #probe()} writes and deletes. */
    String PROBE_FILE = ".redoubt-probe";

    /** Stores {@code length} bytes read from {@code content} as {@code name}, replacing any file of that name. */
    void put(String name, InputStream content, long length) throws IOException;

    /**
     * Stores the local file {@code file} as {@code name}. A destination whose client retries a failed
     * request (S3) overrides this to re-read the file for each attempt, which a stream cannot give it.
     */
    default void put(String name, java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            put(name, in, java.nio.file.Files.size(file));
        }
    }

    /** Opens {@code name} for reading; the caller closes the stream. */
    InputStream get(String name) throws IOException;

    /** The files at the location (not below it). */
    List<StoredFile> list() throws IOException;

    /** Deletes {@code name}; a file that is not there is not an error. */
    void delete(String name) throws IOException;

    /** What this destination is, for messages: kind and place, never a credential. */
    String describe();

    /**
     * Checks the location and its credentials as RE does when a backup is configured: writes a small
     * probe file, reads it back, compares, and deletes it.
     */
    default ProbeResult probe() {
        byte[] expected = ("redoubt backup probe " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        try {
            put(PROBE_FILE, new java.io.ByteArrayInputStream(expected), expected.length);
            byte[] back;
            try (InputStream in = get(PROBE_FILE)) {
                back = in.readNBytes(expected.length + 1);
            }
            delete(PROBE_FILE);
            if (!java.util.Arrays.equals(expected, back)) {
                return new ProbeResult(FailureReason.GENERAL_ERROR,
                        describe() + ": the probe file read back differs from what was written");
            }
            return ProbeResult.passed(describe() + ": probe file written, read back and deleted");
        } catch (DestinationException e) {
            return ProbeResult.failed(e);
        } catch (IOException | RuntimeException e) {
            return new ProbeResult(FailureReason.GENERAL_ERROR, describe() + ": probe failed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    void close();
}
