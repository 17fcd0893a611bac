package io.redoubt.persistence;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The serialized value of DUMP and RESTORE, byte for byte Redis's: the value as an RDB type byte and
 * body, then the RDB version as two little-endian bytes, then the CRC64 of everything before it,
 * little-endian. Redis 7.0 DUMP payloads restore here and the other way round.
 */
public final class DumpPayload {
    /** RESTORE's reply when the footer is wrong. */
    public static final String BAD_VERSION_OR_CHECKSUM = "ERR DUMP payload version or checksum are wrong";
    /** RESTORE's reply when the body does not parse. */
    public static final String BAD_FORMAT = "ERR Bad data format";

    private DumpPayload() {
    }

    /** Serializes a value ({@code byte[]} or an engine value), compressing long strings as Redis does. */
    public static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes, true);
        try {
            ValueEncoder.write(out, value);
            out.le(RdbType.VERSION, 2);
            out.le(out.crc(), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether the footer carries a version this server reads and a matching checksum (verifyDumpPayload). */
    public static boolean verify(byte[] payload) {
        if (payload.length < 10) {
            return false;
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xff) | ((payload[footer + 1] & 0xff) << 8);
        if (version > RdbType.VERSION) {
            return false;
        }
        long stored = Listpack.getLe(payload, footer + 2, 8);
        return Crc64.of(payload, 0, payload.length - 8) == stored;
    }

    /**
     * Rebuilds the value of a verified payload.
     *
     * @throws RdbFormatException when the body is malformed, holds trailing bytes, or is an empty
     *     collection
     */
    public static Object deserialize(byte[] payload, EncodingLimits limits) {
        int bodyLength = payload.length - 10;
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, bodyLength), bodyLength);
        try {
            int type = in.readByte();
            Object value = ValueDecoder.read(in, type, limits);
            if (value == null) {
                throw new RdbFormatException("empty collection");
            }
            if (in.offset() != bodyLength) {
                throw new RdbFormatException("trailing bytes after the value");
            }
            return value;
        } catch (IOException e) {
            throw new RdbFormatException("truncated value: " + e.getMessage());
        } catch (ModuleDataException e) {
            throw new RdbFormatException(e.getMessage());
        }
    }
}
