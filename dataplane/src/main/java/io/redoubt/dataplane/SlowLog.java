package io.redoubt.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Redis's slow log: the most recent commands that ran for at least {@code slowlog-log-slower-than}
 * microseconds, newest first, at most {@code slowlog-max-len} of them. Arguments are kept as Redis
 * keeps them (at most 32, each cut to 128 bytes) so an entry never holds a client's large value.
 * Used on the shard thread; the limits may be changed from any thread.
 */
public final class SlowLog {
    static final int MAX_ARGC = 32;
    static final int MAX_STRING = 128;

    /** One logged command. */
    public record Entry(long id, long timestampSecs, long durationMicros, byte[][] args, String address,
                        String clientName) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private volatile long slowerThanMicros = 10000;
    private volatile int maxLen = 128;
    private long nextId;

    /** {@code slowlog-log-slower-than}: negative disables, 0 logs every command. */
    public void slowerThanMicros(long micros) {
        this.slowerThanMicros = micros;
    }

    /** {@code slowlog-max-len}. */
    public void maxLen(int max) {
        this.maxLen = max; // as in Redis, the log shrinks at the next entry
    }

    /** Whether a command that took {@code micros} belongs in the log. */
    boolean wants(long micros) {
        long threshold = slowerThanMicros;
        return threshold >= 0 && micros >= threshold;
    }

    void add(byte[][] argv, long timestampSecs, long durationMicros, String address, String clientName) {
        int argc = Math.min(argv.length, MAX_ARGC);
        byte[][] kept = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            if (argc != argv.length && i == argc - 1) {
                kept[i] = ("... (" + (argv.length - argc + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
            } else if (argv[i].length > MAX_STRING) {
                byte[] cut = new byte[MAX_STRING];
                System.arraycopy(argv[i], 0, cut, 0, MAX_STRING);
                byte[] tail = ("... (" + (argv[i].length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                kept[i] = concat(cut, tail);
            } else {
                kept[i] = argv[i];
            }
        }
        entries.addFirst(new Entry(nextId++, timestampSecs, durationMicros, kept, address, clientName));
        trim();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private void trim() {
        while (entries.size() > Math.max(0, maxLen)) {
            entries.pollLast();
        }
    }

    public int size() {
        return entries.size();
    }

    /** The newest {@code count} entries; a negative count means all. */
    public List<Entry> newest(long count) {
        List<Entry> list = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && (count < 0 || list.size() < count)) {
            list.add(it.next());
        }
        return list;
    }

    public void reset() {
        entries.clear();
    }
}
