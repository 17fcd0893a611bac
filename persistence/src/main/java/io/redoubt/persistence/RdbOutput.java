package io.redoubt.persistence;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The primitive writes of the RDB format over a stream, keeping the CRC64 of everything written:
 * lengths (6, 14, 32 or 64 bits), strings (as small integers when they are one, LZF-compressed when
 * that pays, raw otherwise), little-endian millisecond times and binary doubles.
 */
public final class RdbOutput {
    private final OutputStream out;
    private final boolean compress;
    private final Crc64 crc = new Crc64();
    private long written;
    private final byte[] scratch = new byte[9];

    public RdbOutput(OutputStream out, boolean compress) {
        this.out = out;
        this.compress = compress;
    }

    public long written() {
        return written;
    }

    public long crc() {
        return crc.value();
    }

    public void raw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        written += len;
    }

    public void raw(byte[] b) throws IOException {
        raw(b, 0, b.length);
    }

    public void writeByte(int b) throws IOException {
        scratch[0] = (byte) b;
        raw(scratch, 0, 1);
    }

    /** A length, read as unsigned 64 bits (stream IDs and -1 counters are saved this way by Redis). */
    public void length(long len) throws IOException {
        if (len < 0) {
            scratch[0] = (byte) 0x81;
            putBe(len, 8);
            raw(scratch, 0, 9);
        } else if (len < (1 << 6)) {
            writeByte((int) len);
        } else if (len < (1 << 14)) {
            scratch[0] = (byte) (0x40 | (len >>> 8));
            scratch[1] = (byte) len;
            raw(scratch, 0, 2);
        } else if (len <= 0xffffffffL) {
            scratch[0] = (byte) 0x80;
            putBe(len, 4);
            raw(scratch, 0, 5);
        } else {
            scratch[0] = (byte) 0x81;
            putBe(len, 8);
            raw(scratch, 0, 9);
        }
    }

    private void putBe(long v, int n) {
        for (int i = 0; i < n; i++) {
            scratch[1 + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    /** Little-endian fixed-width integer (millisecond times, expiries). */
    public void le(long v, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            scratch[i] = (byte) (v >>> (8 * i));
        }
        raw(scratch, 0, n);
    }

    public void binaryDouble(double d) throws IOException {
        le(Double.doubleToRawLongBits(d), 8);
    }

    /** A string, encoded as Redis's rdbSaveRawString would. */
    public void string(byte[] s) throws IOException {
        if (s.length <= 11) {
            Long v = RdbStrings.parseCanonicalLong(s, 11);
            if (v != null && integer(v)) {
                return;
            }
        }
        if (compress && s.length > 20) {
            byte[] c = Lzf.compress(s, s.length - 4);
            if (c != null) {
                writeByte(0xc3);
                length(c.length);
                length(s.length);
                raw(c);
                return;
            }
        }
        length(s.length);
        raw(s);
    }

    /** A long as Redis saves an integer: int-encoded when it fits 32 bits, as text otherwise. */
    public void longString(long v) throws IOException {
        if (!integer(v)) {
            byte[] s = RdbStrings.ascii(v);
            length(s.length);
            raw(s);
        }
    }

    private boolean integer(long v) throws IOException {
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            scratch[0] = (byte) 0xc0;
            scratch[1] = (byte) v;
            raw(scratch, 0, 2);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            scratch[0] = (byte) 0xc1;
            scratch[1] = (byte) v;
            scratch[2] = (byte) (v >>> 8);
            raw(scratch, 0, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            scratch[0] = (byte) 0xc2;
            scratch[1] = (byte) v;
            scratch[2] = (byte) (v >>> 8);
            scratch[3] = (byte) (v >>> 16);
            scratch[4] = (byte) (v >>> 24);
            raw(scratch, 0, 5);
        } else {
            return false;
        }
        return true;
    }

    public void flush() throws IOException {
        out.flush();
    }
}
