package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.keyspace.ByteKey;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Server-assisted client-side caching for one shard, as Redis 7.0's tracking.c does it: the tracking
 * table (each key read by a tracking client, with the ids of the clients that read it), the BCAST
 * prefixes with the keys changed under them since the last broadcast, and the invalidation messages.
 *
 * <p>Invariants: a key is in the table at most once, with each reader's id once, and
 * {@code items} counts those ids; an invalidation removes the key with all its readers, so each read
 * is invalidated once (readers that have closed or stopped tracking are skipped then). The table
 * knows key names only, not databases (Redis's table has no database either). It runs on the shard's
 * thread as a {@link KeyspaceObserver}, so every change to a key, by any command, an expiry, an
 * eviction or a flush, reaches it with no per-command code.
 *
 * <p>What Redis does in beforeSleep (sending the BCAST invalidations collected during an event-loop
 * turn, and evicting keys over {@code tracking-table-max-keys}) runs here as one task queued on the
 * shard's thread, after the reads it handles.
 */
final class KeyTracking implements KeyspaceObserver {
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIRECT_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_RESP2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_RESP3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int LIMIT_EFFORT = 100;

    /** The clients of one BCAST prefix, and the keys under it changed since the last broadcast. */
    private static final class Prefix {
        final Set<Session> clients = new LinkedHashSet<>();
        /** Each changed key (in byte order, as Redis sends them) with the client that changed it last. */
        final NavigableMap<byte[], Session> changed = new TreeMap<>(Arrays::compareUnsigned);
    }

    /**
     * The ids of the clients that read one key, in the order they read it: most keys have one or a
     * few readers, so a short array costs far less than a set of boxed ids (the table may hold a
     * million keys).
     */
    private static final class Readers {
        private long[] ids = new long[1];
        private int count;

        boolean add(long id) {
            for (int i = 0; i < count; i++) {
                if (ids[i] == id) {
                    return false;
                }
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
            return true;
        }
    }

    private final ClientRegistry clients;
    private final Map<ByteKey, Readers> table = new HashMap<>();
    private long items;
    private final NavigableMap<byte[], Prefix> prefixes = new TreeMap<>(Arrays::compareUnsigned);
    private int trackingClients;
    private volatile long maxKeys = 1_000_000;
    private int limitRounds;            // consecutive turns that ended still over the limit
    private Session running;            // the client whose command is running, or null (cron)
    /** Invalidations owed to the running client, sent after its reply (null: a flush). */
    private final List<byte[]> owedToRunning = new ArrayList<>();
    private boolean inWholeChange;
    private Executor shardThread;
    private boolean turnEndQueued;

    KeyTracking(ClientRegistry clients) {
        this.clients = clients;
    }

    // ---- statistics -------------------------------------------------------------------------------

    int trackingClients() {
        return trackingClients;
    }

    long totalKeys() {
        return table.size();
    }

    long totalItems() {
        return items;
    }

    int totalPrefixes() {
        return prefixes.size();
    }

    /** tracking-table-max-keys; 0 means no limit. Safe from any thread. */
    void maxKeys(long max) {
        this.maxKeys = max;
    }

    // ---- enabling ---------------------------------------------------------------------------------

    /** Redis's enableTracking; the caller has checked the options, as CLIENT TRACKING does. */
    void enable(Session s, long redirect, boolean bcast, boolean optIn, boolean optOut, boolean noLoop,
                List<byte[]> newPrefixes) {
        ClientTracking t = s.tracking();
        if (!t.on()) {
            trackingClients++;
        }
        t.enable(redirect, bcast, optIn, optOut, noLoop);
        shardThread = s.executor();
        if (bcast) {
            if (newPrefixes.isEmpty()) {
                addPrefix(s, new byte[0]);
            }
            for (byte[] p : newPrefixes) {
                addPrefix(s, p);
            }
        }
    }

    private void addPrefix(Session s, byte[] prefix) {
        if (s.tracking().prefixes().add(prefix)) {
            prefixes.computeIfAbsent(prefix, p -> new Prefix()).clients.add(s);
        }
    }

    /**
     * Redis's disableTracking: the client leaves its prefixes; its ids stay in the table until the
     * keys are invalidated (they are skipped then), as in Redis.
     */
    void disable(Session s) {
        ClientTracking t = s.tracking();
        for (byte[] p : t.prefixes()) {
            Prefix prefix = prefixes.get(p);
            if (prefix != null) {
                prefix.clients.remove(s);
                if (prefix.clients.isEmpty()) {
                    prefixes.remove(p);
                }
            }
        }
        if (t.on()) {
            trackingClients--;
        }
        t.disable();
    }

    // ---- commands ---------------------------------------------------------------------------------

    /** The client whose command runs from now on (null: none, as in the cron). */
    void running(Session s) {
        this.running = s;
    }

    /**
     * After a command of a tracking client ran: remembers the keys a read-only command named (read
     * or not: Redis remembers them even when the command failed), unless OPTIN/OPTOUT says otherwise.
     */
    void commandRan(Session s, CommandSpec spec, byte[][] argv) {
        ClientTracking t = s.tracking();
        if (t.bcast() || !spec.has(CommandFlag.READONLY) || spec.has(CommandFlag.PUBSUB) || !t.remembersKeys()) {
            return;
        }
        long id = s.id();
        spec.keys(argv, i -> {
            if (table.computeIfAbsent(new ByteKey(argv[i]), k -> new Readers()).add(id)) {
                items++;
            }
        });
        long max = maxKeys;
        if (max > 0 && table.size() > max) {
            endOfTurn();
        }
    }

    /**
     * A request of {@code s} is done (run, queued or refused): the invalidations it caused for
     * itself follow its reply, and CLIENT CACHING's flag lasts only for the next command (or
     * transaction), as Redis's resetClient clears it.
     */
    void requestDone(Session s, CommandSpec spec) {
        if (!owedToRunning.isEmpty()) {
            List<byte[]> owed = new ArrayList<>(owedToRunning);
            owedToRunning.clear();
            for (byte[] key : owed) {
                if (key == null) {
                    sendNull(s);
                } else {
                    sendKey(s, key);
                }
            }
        }
        ClientTracking t = s.tracking();
        if (t.caching() && !s.inMulti() && !isClientCommand(spec)) {
            t.caching(false);
        }
        running = null;
    }

    private static boolean isClientCommand(CommandSpec spec) {
        CommandSpec top = spec == null ? null : spec.parent() != null ? spec.parent() : spec;
        return top != null && top.name().equals("client");
    }

    // ---- changes ----------------------------------------------------------------------------------

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        if (inWholeChange) {
            return; // a flush is one null invalidation; SWAPDB invalidates nothing in Redis 7.0
        }
        if (!prefixes.isEmpty()) {
            collectForBroadcast(key, running);
        }
        if (!table.isEmpty()) {
            invalidate(key);
        }
    }

    /**
     * An expiry or eviction is nobody's change: BCAST clients in NOLOOP mode hear of it even when
     * their own command found the key expired (Redis signals these with no client). The key was
     * just collected under the running client by {@link #keyModified}; this puts it right.
     */
    @Override
    public void keyExpired(Keyspace db, byte[] key) {
        if (!prefixes.isEmpty() && !inWholeChange) {
            collectForBroadcast(key, null);
        }
    }

    @Override
    public void keyEvicted(Keyspace db, byte[] key) {
        keyExpired(db, key);
    }

    @Override
    public void wholeChangeStarted(WholeChange change) {
        inWholeChange = true;
        if (change == WholeChange.FLUSH) {
            invalidateAll();
        }
    }

    @Override
    public void wholeChangeEnded(WholeChange change) {
        inWholeChange = false;
    }

    /** Redis's trackingInvalidateKey for a key of the table: every client that read it hears once. */
    private void invalidate(byte[] key) {
        Readers readers = table.remove(new ByteKey(key));
        if (readers == null) {
            return;
        }
        items -= readers.count;
        for (int i = 0; i < readers.count; i++) {
            Session target = clients.byId(readers.ids[i]);
            if (target == null || !target.tracking().on() || target.tracking().bcast()) {
                continue; // gone, no longer tracking, or switched to BCAST since it read the key
            }
            if (target == running) {
                if (!target.tracking().noLoop()) {
                    owedToRunning.add(key);
                }
            } else {
                sendKey(target, key);
            }
        }
    }

    /** FLUSHDB/FLUSHALL: every tracking client gets a null invalidation, and the table is emptied. */
    private void invalidateAll() {
        if (trackingClients > 0) {
            for (Session s : clients.all()) {
                if (s.tracking().on()) {
                    if (s == running) {
                        owedToRunning.add(null);
                    } else {
                        sendNull(s);
                    }
                }
            }
        }
        table.clear();
        items = 0;
    }

    private void collectForBroadcast(byte[] key, Session modifier) {
        boolean any = false;
        for (Map.Entry<byte[], Prefix> e : prefixes.entrySet()) {
            byte[] p = e.getKey();
            if (p.length <= key.length && Arrays.equals(p, 0, p.length, key, 0, p.length)) {
                e.getValue().changed.put(key, modifier);
                any = true;
            }
        }
        if (any) {
            endOfTurn();
        }
    }

    /** Queues the work Redis does in beforeSleep, once per turn of the shard's thread. */
    private void endOfTurn() {
        if (turnEndQueued || shardThread == null) {
            return;
        }
        turnEndQueued = true;
        try {
            shardThread.execute(this::atEndOfTurn);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            turnEndQueued = false; // the endpoint is closing: nobody is left to tell
        }
    }

    private void atEndOfTurn() {
        turnEndQueued = false;
        Session before = running;
        running = null;
        try {
            broadcast();
            enforceLimit();
        } finally {
            running = before;
        }
    }

    /** Redis's trackingBroadcastInvalidationMessages: one message per prefix and client. */
    private void broadcast() {
        for (Prefix prefix : new ArrayList<>(prefixes.values())) {
            if (prefix.changed.isEmpty()) {
                continue;
            }
            List<Map.Entry<byte[], Session>> changed = new ArrayList<>(prefix.changed.entrySet());
            prefix.changed.clear();
            for (Session s : new ArrayList<>(prefix.clients)) {
                List<byte[]> keys = new ArrayList<>(changed.size());
                for (Map.Entry<byte[], Session> c : changed) {
                    if (!(s.tracking().noLoop() && c.getValue() == s)) {
                        keys.add(c.getKey());
                    }
                }
                if (!keys.isEmpty()) {
                    send(s, w -> {
                        w.array(keys.size());
                        for (byte[] k : keys) {
                            w.bulk(k);
                        }
                    });
                }
            }
        }
    }

    /**
     * Redis's trackingLimitUsedSlots: over {@code tracking-table-max-keys}, invalidates keys until
     * under it, trying harder each turn that ends still over.
     */
    private void enforceLimit() {
        long max = maxKeys;
        if (max <= 0 || table.size() <= max) {
            limitRounds = 0;
            return;
        }
        int effort = LIMIT_EFFORT * (limitRounds + 1);
        List<ByteKey> victims = new ArrayList<>(Math.min(effort, table.size()));
        for (Iterator<ByteKey> keys = table.keySet().iterator(); victims.size() < effort && keys.hasNext(); ) {
            victims.add(keys.next());
        }
        for (ByteKey victim : victims) {
            invalidate(victim.bytes());
            if (table.size() <= max) {
                limitRounds = 0;
                return;
            }
        }
        limitRounds++;
        endOfTurn();
    }

    /** The client closed or ran RESET. */
    void forget(Session s) {
        disable(s);
    }

    // ---- messages ---------------------------------------------------------------------------------

    private void sendKey(Session s, byte[] key) {
        send(s, w -> {
            w.array(1);
            w.bulk(key);
        });
    }

    /** A flush's invalidation: a null in the tracking client's own protocol, wherever it goes. */
    private void sendNull(Session s) {
        byte[] nul = s.protocol() > 2 ? NULL_RESP3 : NULL_RESP2;
        send(s, w -> w.raw(nul));
    }

    /**
     * Redis's sendTrackingMessage: to the client itself in RESP3, or to its redirect target (a push
     * in RESP3, a message on {@code __redis__:invalidate} to a RESP2 subscriber). A RESP2 client
     * without a redirect cannot be told anything. A redirect whose client is gone marks the
     * tracking client broken and tells it so, when it speaks RESP3.
     */
    private void send(Session s, Consumer<ReplySink> value) {
        Session to = s;
        long redirect = s.tracking().redirectTarget();
        if (redirect != 0) {
            to = clients.byId(redirect);
            if (to == null) {
                s.tracking().redirectBroken();
                if (s.protocol() > 2) {
                    s.deliver(w -> {
                        w.push(2);
                        w.bulk(REDIRECT_BROKEN);
                        w.integer(redirect);
                    });
                }
                return;
            }
        }
        if (to.protocol() > 2) {
            to.deliver(w -> {
                w.push(2);
                w.bulk(INVALIDATE);
                value.accept(w);
            });
        } else if (redirect != 0 && to.subscriber()) {
            to.deliver(w -> {
                w.push(3);
                w.bulk(MESSAGE);
                w.bulk(CHANNEL);
                value.accept(w);
            });
        }
    }
}
