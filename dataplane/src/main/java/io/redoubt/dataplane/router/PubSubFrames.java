package io.redoubt.dataplane.router;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Tells a message a shard pushes to a subscriber (published messages, keyspace notifications,
 * invalidations) from a reply to a request. A RESP3 push is never a reply, except the (un)subscribe
 * confirmations; in RESP2 a message is an array that starts with "message", "pmessage" or "smessage".
 */
final class PubSubFrames {
    private static final Set<String> CONFIRMATIONS = Set.of("subscribe", "psubscribe", "ssubscribe",
            "unsubscribe", "punsubscribe", "sunsubscribe");
    private static final Set<String> MESSAGES = Set.of("message", "pmessage", "smessage");

    private PubSubFrames() {
    }

    /**
     * @param subscriberContext whether a RESP2 array may be a message here: the client holds
     *                          subscriptions, or the link owes it no reply
     */
    static boolean unsolicited(ByteBuf frame, boolean subscriberContext) {
        byte type = frame.getByte(frame.readerIndex());
        if (type == '>') {
            String kind = firstBulk(frame);
            return kind == null || !CONFIRMATIONS.contains(kind);
        }
        if (type == '*' && subscriberContext) {
            String kind = firstBulk(frame);
            return kind != null && MESSAGES.contains(kind);
        }
        return false;
    }

    /** The first element of an aggregate frame when it is a short bulk string, lower-cased; else null. */
    private static String firstBulk(ByteBuf f) {
        int body = f.indexOf(f.readerIndex(), f.writerIndex(), (byte) '\n') + 1;
        if (body <= 0 || body >= f.writerIndex() || f.getByte(body) != '$') {
            return null;
        }
        int lenEnd = f.indexOf(body, f.writerIndex(), (byte) '\n');
        long len = ReplyFramer.parseLong(f, body + 1, lenEnd - 1);
        if (len < 0 || len > 16 || lenEnd + 1 + len > f.writerIndex()) {
            return null;
        }
        return f.toString(lenEnd + 1, (int) len, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
    }
}
