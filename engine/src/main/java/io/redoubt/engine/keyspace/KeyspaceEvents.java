package io.redoubt.engine.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications as Redis sends them: for each event of an enabled class, a message
 * {@code event} on {@code __keyspace@<db>__:<key>} (flag K) and a message {@code key} on
 * {@code __keyevent@<db>__:<event>} (flag E), published at the moment the change happens so that
 * subscribers see events in the order the data changed.
 *
 * <p>Command code calls {@link #notify} unconditionally; when the event's class is off the call costs
 * one field read and one bit test, and nothing is allocated. The flags follow Redis's
 * {@code notify-keyspace-events} letters; {@link #parse} and {@link #format} convert them exactly as
 * Redis does (including its quirk that {@code n} is not shown next to {@code A}).
 */
public final class KeyspaceEvents {
    /** Where notifications go: the server's pub/sub, implemented outside the engine. */
    @FunctionalInterface
    public interface Sink {
        void publish(byte[] channel, byte[] message);
    }

    /** Publish to {@code __keyspace@<db>__:<key>}. */
    public static final int KEYSPACE = 1;
    /** Publish to {@code __keyevent@<db>__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** The classes {@code A} stands for: every class but key-miss and new-key. */
    static final int ALL = EventClass.GENERIC.mask | EventClass.STRING.mask | EventClass.LIST.mask
            | EventClass.SET.mask | EventClass.HASH.mask | EventClass.ZSET.mask | EventClass.EXPIRED.mask
            | EventClass.EVICTED.mask | EventClass.STREAM.mask | EventClass.MODULE.mask;
    /** Every letter Redis accepts, in the order its error message lists them. */
    public static final String LETTERS = "Ag$lshzxeKEtmdn";
    public static final String INVALID = "Invalid event class character. Use '" + LETTERS + "'.";

    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "__:".getBytes(StandardCharsets.US_ASCII);

    private volatile int flags;
    private Sink sink = (channel, message) -> { };

    /** Connects delivery; called once by the server before it accepts clients. */
    public void deliverTo(Sink sink) {
        this.sink = sink;
    }

    public int flags() {
        return flags;
    }

    /** Replaces the enabled classes (the result of {@link #parse}); safe from any thread. */
    public void flags(int flags) {
        this.flags = flags;
    }

    /** Whether events of {@code type} are published at all (for callers that must build a key first). */
    public boolean enabled(EventClass type) {
        return (flags & type.mask) != 0;
    }

    /** Publishes {@code event} about {@code key} of database {@code db} if its class is enabled. */
    public void notify(EventClass type, String event, int db, byte[] key) {
        int f = flags;
        if ((f & type.mask) == 0) {
            return;
        }
        byte[] name = event.getBytes(StandardCharsets.US_ASCII);
        byte[] dbDigits = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
        if ((f & KEYSPACE) != 0) {
            sink.publish(concat(KEYSPACE_PREFIX, dbDigits, SUFFIX, key), name);
        }
        if ((f & KEYEVENT) != 0) {
            sink.publish(concat(KEYEVENT_PREFIX, dbDigits, SUFFIX, name), key);
        }
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c, byte[] d) {
        byte[] out = new byte[a.length + b.length + c.length + d.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        System.arraycopy(d, 0, out, a.length + b.length + c.length, d.length);
        return out;
    }

    /** The flags for a {@code notify-keyspace-events} value, or -1 when a letter is unknown. */
    public static int parse(String letters) {
        int f = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            switch (c) {
                case 'A' -> f |= ALL;
                case 'K' -> f |= KEYSPACE;
                case 'E' -> f |= KEYEVENT;
                default -> {
                    EventClass type = byLetter(c);
                    if (type == null) {
                        return -1;
                    }
                    f |= type.mask;
                }
            }
        }
        return f;
    }

    private static EventClass byLetter(char c) {
        for (EventClass type : EventClass.values()) {
            if (type.flag == c) {
                return type;
            }
        }
        return null;
    }

    /**
     * The value CONFIG GET shows for {@code flags}: {@code A} when every class it covers is on (and
     * then, as in Redis, no other class letter, so {@code n} is not shown), else the class letters in
     * Redis's order; then K, E and m.
     */
    public static String format(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & ALL) == ALL) {
            b.append('A');
        } else {
            for (EventClass type : new EventClass[] {EventClass.GENERIC, EventClass.STRING, EventClass.LIST,
                EventClass.SET, EventClass.HASH, EventClass.ZSET, EventClass.EXPIRED, EventClass.EVICTED,
                EventClass.STREAM, EventClass.MODULE, EventClass.NEW}) {
                if ((flags & type.mask) != 0) {
                    b.append(type.flag);
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            b.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            b.append('E');
        }
        if ((flags & EventClass.KEY_MISS.mask) != 0) {
            b.append('m');
        }
        return b.toString();
    }
}
