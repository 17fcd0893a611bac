package io.redoubt.dataplane;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WATCH bookkeeping for one shard: which sessions watch which keys. Any change to a watched key
 * (a write, a deletion, an expiry, FLUSHDB/FLUSHALL, SWAPDB) marks its watchers dirty, so their next
 * EXEC fails. Runs on the shard's thread as a {@link KeyspaceObserver}.
 */
final class WatchedKeys implements KeyspaceObserver {
    private final Map<DbKey, Set<Session>> watchers = new HashMap<>();

    /** A key watched by one session, with whether it existed (unexpired) when WATCH ran. */
    record Watch(DbKey key, boolean existed) {
    }

    void watch(Session session, Keyspace db, byte[] key) {
        DbKey k = new DbKey(db.index(), key);
        Set<Session> set = watchers.computeIfAbsent(k, x -> new HashSet<>());
        if (set.add(session)) {
            session.watches().add(new Watch(k, db.peek(key) != null && !db.isExpired(db.peek(key))));
        }
    }

    void unwatchAll(Session session) {
        for (Watch w : session.watches()) {
            Set<Session> set = watchers.get(w.key());
            if (set != null) {
                set.remove(session);
                if (set.isEmpty()) {
                    watchers.remove(w.key());
                }
            }
        }
        session.watches().clear();
    }

    /**
     * True when EXEC must fail: a watched key changed, or a key that existed at WATCH time has expired
     * since (Redis 7.0 counts a logically expired key as changed even before anything deletes it).
     */
    boolean touched(Session session, io.redoubt.engine.keyspace.Shard shard) {
        if (session.watchDirty()) {
            return true;
        }
        for (Watch w : session.watches()) {
            if (w.existed()) {
                Entry e = shard.db(w.key().db()).peek(w.key().bytes());
                if (e == null || shard.db(w.key().db()).isExpired(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        DbKey k = new DbKey(db.index(), key);
        Set<Session> set = watchers.get(k);
        if (set != null) {
            Entry now = db.peek(key);
            boolean noLiveValue = now == null || db.isExpired(now);
            for (Session s : new ArrayList<>(set)) {
                // A key with no live value when watched (absent or already expired) that still has none
                // (deleted, flushed, swapped out, still stale) has not changed, as Redis 7.0 rules.
                if (noLiveValue && !existedWhenWatched(s, k)) {
                    continue;
                }
                s.markWatchDirty();
            }
        }
    }

    private static boolean existedWhenWatched(Session s, DbKey k) {
        for (Watch w : s.watches()) {
            if (w.key().equals(k)) {
                return w.existed();
            }
        }
        return false;
    }
}
