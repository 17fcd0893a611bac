package io.redoubt.cse;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of a pass-through command as Jedis gives it: an integer as {@link Long}, a bulk or status string
 * as {@code byte[]}/{@link String}, a flat array as a {@link List}. The commands {@link RefusedCommands} lets
 * through never answer with nested arrays. (Lettuce's own ObjectOutput wraps a lone integer in a list.)
 */
final class LettuceRawReply extends CommandOutput<byte[], byte[], Object> {
    private List<Object> array;

    LettuceRawReply() {
        super(ByteArrayCodec.INSTANCE, null);
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : copy(bytes));
    }

    @Override
    public void setSingle(ByteBuffer status) {
        add(status == null ? null : new String(copy(status), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void multi(int count) {
        if (array == null) {
            array = new ArrayList<>(Math.max(0, Math.min(count, 1024)));
            output = array;
        }
    }

    private void add(Object value) {
        if (array != null) {
            array.add(value);
        } else {
            output = value;
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
