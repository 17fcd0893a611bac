package io.redoubt.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients in MONITOR mode and the line each of them receives for every command another client
 * runs: {@code +<unix seconds>.<micros> [<db> <addr>] "cmd" "arg" ...}, arguments quoted as Redis's
 * {@code sdscatrepr} does. Used on the shard thread, where every connection of the endpoint lives,
 * so lines are written straight to the monitors' channels.
 */
public final class MonitorFeed {
    private final List<Session> monitors = new ArrayList<>();

    public boolean isEmpty() {
        return monitors.isEmpty();
    }

    void add(Session s) {
        if (!monitors.contains(s)) {
            monitors.add(s);
        }
    }

    void remove(Session s) {
        monitors.remove(s);
    }

    /** Sends {@code argv}, run by {@code origin} in database {@code db}, to every monitor. */
    void feed(Session origin, int db, byte[][] argv, long epochMicros) {
        StringBuilder line = new StringBuilder(64);
        line.append('+').append(epochMicros / 1_000_000).append('.');
        String micros = Long.toString(epochMicros % 1_000_000);
        line.append("000000", 0, 6 - micros.length()).append(micros);
        line.append(" [").append(db).append(' ').append(origin.address()).append(']');
        for (byte[] arg : argv) {
            line.append(' ');
            quote(line, arg);
        }
        line.append("\r\n");
        byte[] bytes = line.toString().getBytes(StandardCharsets.ISO_8859_1);
        for (Session m : new ArrayList<>(monitors)) {
            Channel ch = m.channel();
            if (m == origin && m.writer().target() != null) {
                // A monitor's own command: the line follows its reply, in its reply buffer, as in Redis.
                m.writer().raw(bytes);
            } else if (ch.isActive()) {
                ByteBuf buf = ch.alloc().buffer(bytes.length).writeBytes(bytes);
                ch.writeAndFlush(buf, ch.voidPromise());
                m.enforceOutputLimit();
            }
        }
    }

    /** Redis's sdscatrepr: printable ASCII as is, the usual escapes, anything else as {@code \xHH}. */
    static void quote(StringBuilder out, byte[] arg) {
        out.append('"');
        for (byte b : arg) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        out.append('"');
    }
}
