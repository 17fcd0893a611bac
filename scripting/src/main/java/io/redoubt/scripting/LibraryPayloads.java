package io.redoubt.scripting;

import java.util.List;

/**
 * FUNCTION DUMP's payload format, Redis's (each library as an RDB function record, then the RDB version
 * and a CRC64): the port persistence implements, since the RDB encoding is its business.
 */
public interface LibraryPayloads {
    /** The payload holding {@code codes}. */
    byte[] dump(List<byte[]> codes);

    /**
     * The library codes of {@code payload}; null when its version or checksum is wrong.
     *
     * @throws IllegalArgumentException with Redis's text (without "ERR ") when its content is not libraries
     */
    List<byte[]> read(byte[] payload);
}
