package io.redoubt.it.introspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one raw RESP2/RESP3 reply into plain Java values so tests can compare structure rather than
 * bytes: aggregates (array, set, map, push) become {@code List<Object>} (a map as its flat key/value
 * list), integers {@code Long}, strings {@code String}, errors {@link Err}, nulls {@code null}.
 */
public final class RespValue {
    /** An error reply. */
    public record Err(String text) {
    }

    private final byte[] data;
    private int pos;

    private RespValue(byte[] data) {
        this.data = data;
    }

    public static Object parse(byte[] reply) {
        RespValue p = new RespValue(reply);
        Object v = p.next();
        if (p.pos != reply.length) {
            throw new IllegalArgumentException("trailing bytes after reply");
        }
        return v;
    }

    private String line() {
        int start = pos;
        while (data[pos] != '\r') {
            pos++;
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos += 2;
        return s;
    }

    private Object next() {
        char type = (char) data[pos++];
        String head = line();
        switch (type) {
            case '+':
                return head;
            case '-':
                return new Err(head);
            case ':':
                return Long.parseLong(head);
            case '_':
                return null;
            case '$':
            case '=': {
                int len = Integer.parseInt(head);
                if (len < 0) {
                    return null;
                }
                String s = new String(data, pos, len, StandardCharsets.UTF_8);
                pos += len + 2;
                return s;
            }
            case '*':
            case '~':
            case '>':
            case '%': {
                int n = Integer.parseInt(head);
                if (n < 0) {
                    return null;
                }
                int count = type == '%' ? 2 * n : n;
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    list.add(next());
                }
                return list;
            }
            default:
                throw new IllegalArgumentException("unknown RESP type " + type);
        }
    }
}
