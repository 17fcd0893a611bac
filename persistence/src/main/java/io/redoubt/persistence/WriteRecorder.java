package io.redoubt.persistence;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.exec.CommandLog;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.streams.StreamValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What each write records for whoever replays it, as its spec's {@link Propagation} says: the request
 * as sent; followed by PEXPIREAT with the absolute time for relative expiries; XADD with the ID it got
 * and an exact trim; or, for commands whose replay would not give the same result (random or blocking
 * pops, stream claims), RESTORE ... REPLACE ABSTTL (or DEL) of the keys they changed. Lazy expiries
 * and evictions record a DEL; the writes of an EXEC are wrapped in MULTI ... EXEC. The AOF and the
 * replication stream each hold one and receive the commands through their {@link Sink}; SELECT is the
 * sink's business, since each tracks the database its reader is in.
 */
public final class WriteRecorder implements KeyspaceObserver, CommandLog {
    /** Receives each recorded command with the database it ran in. */
    @FunctionalInterface
    public interface Sink {
        void write(int db, byte[][] argv);
    }

    /** Commands logged by effect touch one or two keys; FLUSHALL's millions need not be remembered. */
    private static final int TRACKED_KEYS = 64;

    private final Shard shard;
    private final BooleanSupplier recording;
    private final Sink sink;
    /** Keys the running command changed (db index, key), at most {@link #TRACKED_KEYS} of them. */
    private final List<Object[]> modified = new ArrayList<>();
    private boolean anyModified;
    /** EXEC is running its queued commands: their writes go between MULTI and EXEC, as Redis logs them. */
    private boolean inTransaction;
    private boolean multiWritten;
    /** A transaction's first write, held until a second one shows the transaction needs MULTI ... EXEC. */
    private byte[][] heldArgv;
    private int heldDb;
    private int lastDb;

    /**
     * @param recording whether writes are recorded now (read on every change, on the shard thread)
     * @param sink      receives what is recorded
     */
    public WriteRecorder(Shard shard, BooleanSupplier recording, Sink sink) {
        this.shard = shard;
        this.recording = recording;
        this.sink = sink;
    }

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        if (recording.getAsBoolean()) {
            anyModified = true;
            if (modified.size() < TRACKED_KEYS) {
                modified.add(new Object[] {db.index(), key});
            }
        }
    }

    @Override
    public void keyExpired(Keyspace db, byte[] key) {
        if (recording.getAsBoolean()) {
            append(db.index(), new byte[][] {bytes("DEL"), key});
            forgetLastChange(db.index(), key);
        }
    }

    /**
     * The shard reports a deletion by expiry or eviction as a change too, just before; the DEL records
     * it, so it must not make the running command count as a write (a GET that expires its key is
     * still not recorded, as in Redis).
     */
    private void forgetLastChange(int db, byte[] key) {
        for (int i = modified.size() - 1; i >= 0; i--) {
            Object[] k = modified.get(i);
            if ((Integer) k[0] == db && Arrays.equals((byte[]) k[1], key)) {
                modified.remove(i);
                if (modified.isEmpty()) {
                    anyModified = false;
                }
                return;
            }
        }
    }

    @Override
    public void keyEvicted(Keyspace db, byte[] key) {
        keyExpired(db, key);
    }

    /**
     * EXEC (or a script) starts running its commands. Their writes are recorded inside MULTI ... EXEC,
     * so a transaction torn by a crash is dropped whole at load and a replica applies it whole; one
     * that writes once is recorded as that one command, as Redis 7.0 propagates it (a single command is
     * atomic anyway).
     */
    @Override
    public void transactionStarted() {
        inTransaction = true;
        multiWritten = false;
    }

    /** EXEC finished its queued commands: closes the MULTI it recorded, or records its one write alone. */
    @Override
    public void transactionEnded() {
        if (inTransaction && multiWritten) {
            write(lastDb, new byte[][] {bytes("EXEC")});
        } else if (inTransaction && heldArgv != null) {
            write(heldDb, heldArgv);
        }
        heldArgv = null;
        inTransaction = false;
        multiWritten = false;
    }

    /** Called after every command on the shard thread: records it when it changed the keyspace. */
    @Override
    public void afterCommand(int dbIndex, CommandSpec spec, byte[][] argv) {
        afterCommand(dbIndex, spec, argv, null);
    }

    @Override
    public void afterCommand(int dbIndex, CommandSpec spec, byte[][] argv, List<byte[][]> effects) {
        if (!anyModified) {
            return;
        }
        anyModified = false;
        try {
            if (effects != null && !effects.isEmpty()) {
                logEffects(dbIndex, effects);
            } else {
                log(dbIndex, spec, argv);
            }
        } finally {
            modified.clear();
        }
    }

    /** The commands a command recorded in its place, in MULTI ... EXEC when several, as Redis 7.0 wraps them. */
    private void logEffects(int dbIndex, List<byte[][]> effects) {
        if (!recording.getAsBoolean()) {
            return;
        }
        boolean wrap = effects.size() > 1 && !inTransaction;
        if (wrap) {
            append(dbIndex, new byte[][] {bytes("MULTI")});
        }
        for (byte[][] e : effects) {
            append(dbIndex, e);
        }
        if (wrap) {
            append(dbIndex, new byte[][] {bytes("EXEC")});
        }
    }

    private void log(int dbIndex, CommandSpec spec, byte[][] argv) {
        if (!recording.getAsBoolean()) {
            return;
        }
        Propagation propagation = spec.propagation();
        if (propagation == Propagation.RESULTING_STATE) {
            for (Object[] k : distinct(modified)) {
                logState((Integer) k[0], (byte[]) k[1]);
            }
            return;
        }
        if (propagation == Propagation.AS_RESOLVED_STREAM_WRITE) {
            append(dbIndex, withStreamId(dbIndex, withExactTrim(dbIndex, argv)));
            return;
        }
        if (propagation == Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY) {
            byte[][] redisForm = AbsoluteExpiry.rewrite(shard.db(dbIndex), spec.name(), argv);
            if (redisForm != null) {
                append(dbIndex, redisForm);
                return;
            }
        }
        append(dbIndex, argv);
        if (propagation == Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY) {
            for (Object[] k : distinct(modified)) {
                Entry e = shard.db((Integer) k[0]).peek((byte[]) k[1]);
                if (e != null && e.hasExpiry()) {
                    append((Integer) k[0], new byte[][] {bytes("PEXPIREAT"), (byte[]) k[1],
                        bytes(Long.toString(e.expireAt()))});
                }
            }
        }
    }

    @Override
    public void changedWithoutKeys() {
        if (recording.getAsBoolean()) {
            anyModified = true;
        }
    }

    @Override
    public void discardCurrentCommand() {
        forgetChanges();
    }

    /** Forgets the changes seen since the last command: they were made by no command (a data set loaded whole). */
    public void forgetChanges() {
        anyModified = false;
        modified.clear();
    }

    private static List<Object[]> distinct(List<Object[]> keys) {
        List<Object[]> out = new ArrayList<>(keys.size());
        for (Object[] k : keys) {
            boolean seen = false;
            for (Object[] o : out) {
                if (o[0].equals(k[0]) && Arrays.equals((byte[]) o[1], (byte[]) k[1])) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out.add(k);
            }
        }
        return out;
    }

    private void logState(int dbIndex, byte[] key) {
        Keyspace db = shard.db(dbIndex);
        Entry e = db.peek(key);
        if (e == null || db.isExpired(e)) {
            append(dbIndex, new byte[][] {bytes("DEL"), key});
            return;
        }
        append(dbIndex, new byte[][] {bytes("RESTORE"), key, bytes(Long.toString(e.hasExpiry() ? e.expireAt() : 0)),
            DumpPayload.serialize(e.value()), bytes("REPLACE"), bytes("ABSTTL")});
    }

    /**
     * XADD or XTRIM with an exact trim: {@code ~} becomes {@code =}, MAXLEN's threshold the length the
     * stream has now and MINID's its first ID now, and LIMIT (only valid with {@code ~}) goes. Both
     * trims remove entries from the head only, so the exact trim removes exactly what this one did.
     */
    private byte[][] withExactTrim(int dbIndex, byte[][] argv) {
        Entry e = shard.db(dbIndex).peek(argv[1]);
        if (e == null || !(e.value() instanceof StreamValue s)) {
            return argv;
        }
        List<byte[]> out = new ArrayList<>(argv.length + 1);
        out.add(argv[0]);
        out.add(argv[1]);
        int i = 2;
        while (i < argv.length) {
            String a = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            if (a.equals("maxlen") || a.equals("minid")) {
                out.add(argv[i++]);
                if (i < argv.length && (Arrays.equals(argv[i], bytes("=")) || Arrays.equals(argv[i], bytes("~")))) {
                    i++;
                }
                out.add(bytes("="));
                byte[] threshold = i < argv.length ? argv[i++] : bytes("0");
                if (a.equals("maxlen")) {
                    threshold = bytes(Long.toString(s.length()));
                } else if (s.length() > 0) {
                    threshold = s.firstId().bytes();
                }
                out.add(threshold);
            } else if (a.equals("limit")) {
                i += 2;
            } else if (a.equals("nomkstream")) {
                out.add(argv[i++]);
            } else {
                break;
            }
        }
        while (i < argv.length) {
            out.add(argv[i++]);
        }
        return out.toArray(new byte[0][]);
    }

    /** XADD with the ID it actually got in place of an automatic one ({@code *} or {@code ms-*}). */
    private byte[][] withStreamId(int dbIndex, byte[][] argv) {
        int i = 2;
        while (i < argv.length) {
            String a = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            if (a.equals("nomkstream")) {
                i++;
            } else if (a.equals("maxlen") || a.equals("minid")) {
                i++;
                if (i < argv.length && (Arrays.equals(argv[i], bytes("=")) || Arrays.equals(argv[i], bytes("~")))) {
                    i++;
                }
                i++;
            } else if (a.equals("limit")) {
                i += 2;
            } else {
                break;
            }
        }
        Entry e = shard.db(dbIndex).peek(argv[1]);
        if (i < argv.length && e != null && e.value() instanceof StreamValue s
                && new String(argv[i], StandardCharsets.UTF_8).contains("*")) {
            byte[][] copy = argv.clone();
            copy[i] = s.lastId().bytes();
            return copy;
        }
        return argv;
    }

    private void append(int dbIndex, byte[][] argv) {
        if (inTransaction && !multiWritten) {
            if (heldArgv == null) {
                heldArgv = argv;
                heldDb = dbIndex;
                return;
            }
            multiWritten = true;
            write(heldDb, new byte[][] {bytes("MULTI")});
            write(heldDb, heldArgv);
            heldArgv = null;
        }
        write(dbIndex, argv);
    }

    private void write(int dbIndex, byte[][] argv) {
        lastDb = dbIndex;
        sink.write(dbIndex, argv);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
