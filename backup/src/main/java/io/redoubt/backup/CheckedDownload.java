package io.redoubt.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A downloaded backup file read once: counts and hashes every byte, and after the consumer is done
 * {@link #finish()} reads whatever it left (a gzip reader stops at the trailer) so that size and
 * SHA-256 cover the whole file.
 */
final class CheckedDownload extends FilterInputStream {
    private final MessageDigest sha;
    private long count;

    CheckedDownload(InputStream raw) {
        this(raw, BackupWriter.sha256());
    }

    private CheckedDownload(InputStream raw, MessageDigest sha) {
        super(new DigestInputStream(raw, sha));
        this.sha = sha;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass the digest
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Reads to the end; returns the SHA-256 of the whole file in hex. */
    String finish() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // draining into the digest
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    long count() {
        return count;
    }
}
