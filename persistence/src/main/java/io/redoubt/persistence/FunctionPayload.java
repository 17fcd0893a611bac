package io.redoubt.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of FUNCTION DUMP and FUNCTION RESTORE, byte for byte Redis 7.0's: each library as the RDB
 * function record (opcode 245 and its code as an RDB string, compressed as Redis compresses it), then
 * the RDB version and the CRC64 as a DUMP payload ends, so Redis's payloads restore here and the other
 * way round.
 */
public final class FunctionPayload {
    private FunctionPayload() {
    }

    public static byte[] serialize(List<byte[]> codes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes, true);
        try {
            for (byte[] code : codes) {
                out.writeByte(RdbType.OP_FUNCTION2);
                out.string(code);
            }
            out.le(RdbType.VERSION, 2);
            out.le(out.crc(), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The library codes of {@code payload}, or null when its version or checksum is wrong.
     *
     * @throws IllegalArgumentException with Redis's text when a record is not a function library
     */
    public static List<byte[]> parse(byte[] payload) {
        if (!DumpPayload.verify(payload)) {
            return null;
        }
        int bodyLength = payload.length - 10;
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, bodyLength), bodyLength);
        List<byte[]> codes = new ArrayList<>();
        try {
            while (in.offset() < bodyLength) {
                int type = in.readByte();
                if (type != RdbType.OP_FUNCTION2) {
                    throw new IllegalArgumentException("given type is not a function");
                }
                codes.add(in.string());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("failed loading the given functions payload");
        }
        return codes;
    }
}
