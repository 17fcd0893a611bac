package io.redoubt.persistence;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The primitive reads of the RDB format, keeping the CRC64 of everything read and the offset, so
 * that an error can name where the file went wrong. Every length is checked against
 * {@link #maxLength} before anything is allocated for it.
 */
public final class RdbInput {
    private final InputStream in;
    private final Crc64 crc = new Crc64();
    private final long maxLength;
    private long offset;
    private final byte[] scratch = new byte[9];

    /**
     * @param maxLength the largest string or element count believed, normally the bytes left in
     *     the file or payload (a string can never be longer than what remains)
     */
    public RdbInput(InputStream in, long maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    public long offset() {
        return offset;
    }

    public long crc() {
        return crc.value();
    }

    public void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("unexpected end of file");
            }
            done += n;
        }
        crc.update(b, off, len);
        offset += len;
    }

    public int readByte() throws IOException {
        readFully(scratch, 0, 1);
        return scratch[0] & 0xff;
    }

    public long le(int n) throws IOException {
        readFully(scratch, 0, n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (scratch[i] & 0xff);
        }
        return v;
    }

    public double binaryDouble() throws IOException {
        return Double.longBitsToDouble(le(8));
    }

    /** Set by {@link #lengthOrEncoding} when the byte read was a string encoding (11xxxxxx). */
    private boolean encoded;

    /** Reads a length, or for a string encoding marker its kind (then {@link #encoded} is set). */
    private long lengthOrEncoding() throws IOException {
        encoded = false;
        int b = readByte();
        int kind = b >>> 6;
        switch (kind) {
            case 0 -> {
                return b & 0x3f;
            }
            case 1 -> {
                return ((b & 0x3f) << 8) | readByte();
            }
            case 2 -> {
                if (b == 0x80) {
                    readFully(scratch, 0, 4);
                    return ((scratch[0] & 0xffL) << 24) | ((scratch[1] & 0xffL) << 16)
                            | ((scratch[2] & 0xffL) << 8) | (scratch[3] & 0xffL);
                }
                if (b == 0x81) {
                    readFully(scratch, 0, 8);
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = (v << 8) | (scratch[i] & 0xff);
                    }
                    return v;
                }
                throw new RdbFormatException("unknown length encoding 0x" + Integer.toHexString(b));
            }
            default -> {
                encoded = true;
                return b & 0x3f;
            }
        }
    }

    /** A plain length (counts, database numbers). */
    public long length() throws IOException {
        long len = lengthOrEncoding();
        if (encoded) {
            throw new RdbFormatException("expected a length, found a string encoding");
        }
        return len;
    }

    /** A length used as a count of things to read, bounded by what the input can hold. */
    public int count() throws IOException {
        long n = length();
        if (n < 0 || n > maxLength || n > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("count " + Long.toUnsignedString(n) + " is larger than the data");
        }
        return (int) n;
    }

    public byte[] string() throws IOException {
        long len = lengthOrEncoding();
        if (!encoded) {
            return bytes(len);
        }
        int enc = (int) len;
        switch (enc) {
            case 0 -> {
                return RdbStrings.ascii((byte) readByte());
            }
            case 1 -> {
                return RdbStrings.ascii((short) le(2));
            }
            case 2 -> {
                return RdbStrings.ascii((int) le(4));
            }
            case 3 -> {
                long clen = length();
                long ulen = length();
                if (clen < 0 || ulen < 0 || clen > maxLength || ulen > Integer.MAX_VALUE - 8 || ulen > maxLength * 256 + 64) {
                    throw new RdbFormatException("LZF string lengths " + clen + "/" + ulen + " are not plausible");
                }
                byte[] c = bytes(clen);
                try {
                    return Lzf.decompress(c, (int) ulen);
                } catch (IllegalArgumentException e) {
                    throw new RdbFormatException("invalid LZF compressed string: " + e.getMessage());
                }
            }
            default -> throw new RdbFormatException("unknown string encoding " + enc);
        }
    }

    private byte[] bytes(long len) throws IOException {
        if (len < 0 || len > maxLength || len > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("string length " + len + " is larger than the data");
        }
        byte[] b = new byte[(int) len];
        readFully(b, 0, b.length);
        return b;
    }

    /** A string that must hold an integer (stream IDs and counters some types store this way). */
    public long longString() throws IOException {
        byte[] s = string();
        Long v = RdbStrings.parseCanonicalLong(s, 20);
        if (v == null) {
            throw new RdbFormatException("expected an integer string");
        }
        return v;
    }

    /** A sorted set score in the old text form of RDB_TYPE_ZSET: a length byte, then the text. */
    public double textDouble() throws IOException {
        int len = readByte();
        switch (len) {
            case 253 -> {
                return Double.NaN;
            }
            case 254 -> {
                return Double.POSITIVE_INFINITY;
            }
            case 255 -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                byte[] b = new byte[len];
                readFully(b, 0, len);
                return ScoreText.parse(b);
            }
        }
    }
}
