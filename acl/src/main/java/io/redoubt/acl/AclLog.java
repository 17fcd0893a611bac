package io.redoubt.acl;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * ACL LOG: the most recent refusals (commands, keys, channels, failed authentication), newest first.
 * As in Redis, a refusal equal to a recent entry (same reason, context, object and user within 60
 * seconds) increments that entry's count instead of adding one, and the log keeps at most
 * {@code acllog-max-len} entries. Each entry also carries Redis 7.2's entry id (a counter that only
 * grows, also across RESET) and its creation and last-update times. Never holds a password: the
 * object of an auth failure is "auth".
 */
public final class AclLog {
    private static final long GROUPING_MILLIS = 60_000;

    /** One entry; mutable only through the log's grouping, read under the log's lock. */
    public static final class Entry {
        private long count;
        private final String reason;
        private final String context;
        private final String object;
        private final String username;
        private long lastMillis;
        private String clientInfo;
        private final long entryId;
        private final long createdMillis;

        Entry(long entryId, String reason, String context, String object, String username, long now,
              String clientInfo) {
            this.entryId = entryId;
            this.createdMillis = now;
            this.count = 1;
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.lastMillis = now;
            this.clientInfo = clientInfo;
        }

        public long count() {
            return count;
        }

        public String reason() {
            return reason;
        }

        public String context() {
            return context;
        }

        public String object() {
            return object;
        }

        public String username() {
            return username;
        }

        public long lastMillis() {
            return lastMillis;
        }

        public String clientInfo() {
            return clientInfo;
        }

        public long entryId() {
            return entryId;
        }

        public long createdMillis() {
            return createdMillis;
        }
    }

    private final InstantSource clock;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private volatile int maxLen = 128;
    private long nextEntryId;

    public AclLog(InstantSource clock) {
        this.clock = clock;
    }

    public InstantSource clock() {
        return clock;
    }

    public synchronized void maxLen(int n) {
        this.maxLen = n;
        trim();
    }

    public synchronized void add(String reason, String context, String object, String username, String clientInfo) {
        long now = clock.millis();
        for (var it = entries.iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.reason.equals(reason) && e.context.equals(context) && e.object.equals(object)
                    && e.username.equals(username) && now - e.lastMillis < GROUPING_MILLIS) {
                it.remove();
                e.count++;
                e.lastMillis = now;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(new Entry(nextEntryId++, reason, context, object, username, now, clientInfo));
        trim();
    }

    private void trim() {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries. */
    public synchronized List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public synchronized void reset() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }
}
