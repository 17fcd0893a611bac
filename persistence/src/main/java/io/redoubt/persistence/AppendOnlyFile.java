package io.redoubt.persistence;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.exec.CommandLog;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import io.redoubt.engine.keyspace.Shard;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file in Redis 7's multi-part layout: in {@code appenddirname}, a manifest names one
 * base file (an RDB with aof-base set, or commands) and the incremental files that follow it. Every
 * command that changed the keyspace is appended, in RESP, to the current incremental file; the
 * buffer of one event-loop batch is written before its replies are sent and forced to disk per
 * {@code appendfsync} (always: before the replies; everysec: by a background thread each second;
 * no: by the OS).
 *
 * <p>What a write records (as sent, or by its effect) is decided by {@link WriteRecorder}, which the
 * replication stream shares.
 *
 * <p>BGREWRITEAOF without fork or rewrite buffer: on the shard thread a new incremental file is
 * opened and the manifest updated, the shard is copied ({@link ShardSnapshot}); another thread writes
 * the new base; when it is done the manifest is switched to the new base and the new incremental
 * file, and the old files are deleted. A crash at any point leaves a manifest whose files exist.
 */
public final class AppendOnlyFile implements KeyspaceObserver, CommandLog {
    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyFile.class);

    private final Shard shard;
    /** Told of every AOF write or rewrite failure as (folder, reason): the security-event log listens. */
    private volatile java.util.function.BiConsumer<String, String> failureListener = (object, detail) -> { };
    /**
     * Told, on the shard thread, that a write failed under appendfsync always: the database must stop.
     * Until the node supplies its own, the process stops, as Redis's does.
     */
    private volatile java.util.function.Consumer<String> fatalErrorHandler = reason -> Runtime.getRuntime().halt(1);
    /** Set by a fatal error: no reply may leave any more ({@link #flush} says so to every caller). */
    private volatile boolean stopped;
    private volatile PersistenceSettings settings = PersistenceSettings.DEFAULT;
    private final InstantSource clock;

    private boolean active;
    private boolean replaying;
    /** What each write records, as its spec's propagation says; appended here while the AOF is on. */
    private final WriteRecorder recorder;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 12);
    private int selectedDb = -1;
    private long lastTimestamp;
    private volatile FileChannel incr;
    private AofManifest manifest;
    private long incrSeq;
    private long baseSeq;
    private volatile boolean unsynced;
    private volatile String lastWriteError;
    private Thread fsyncThread;
    // appendfsync and aof-timestamp-enabled, kept here as CONFIG SET changes them: every write reads them
    private volatile String fsyncPolicy = "everysec";
    private volatile boolean timestamps;
    /** The start's load is over: from now on CONFIG SET appendonly switches the AOF at once. */
    private volatile boolean started;
    /** Files a manifest named before CONFIG SET appendonly yes; deleted once the new base is written. */
    private AofManifest stale;
    private long sizeAfterRewrite;

    // rewrite state
    private volatile boolean rewriting;
    private volatile boolean rewriteDone;
    private volatile boolean rewriteOk;
    private volatile long rewriteStartMillis;
    private volatile long lastRewriteSeconds = -1;
    private volatile boolean lastRewriteOk = true;
    private boolean rewriteScheduled;
    private long rewrites;
    private Path rewriteTemp;

    public AppendOnlyFile(Shard shard, InstantSource clock) {
        this.shard = shard;
        this.clock = clock;
        this.recorder = new WriteRecorder(shard, () -> active && !replaying, this::append);
        shard.addObserver(this);
    }

    /** The node's current values; a change of a parameter replaces them whole. */
    public void settings(PersistenceSettings values) {
        this.settings = values;
    }

    private Path dir() {
        return settings.aofDir();
    }

    private String fileName() {
        return settings.appendFilename();
    }

    private Path manifestPath() {
        return dir().resolve(fileName() + ".manifest");
    }

    /** {@code appendfsync}: always, everysec or no. */
    public void fsyncPolicy(String policy) {
        this.fsyncPolicy = policy;
    }

    /** {@code aof-timestamp-enabled}. */
    public void timestamps(boolean on) {
        this.timestamps = on;
    }

    public boolean enabled() {
        return settings.appendOnly();
    }

    public boolean active() {
        return active;
    }

    public boolean rewriting() {
        return rewriting;
    }

    /** Whether writes must be refused: the last AOF write failed (Redis's MISCONF for the AOF). */
    public String writeRefusal() {
        if (stopped) {
            return "MISCONF Errors writing to the AOF file: the database is stopping after a fatal write error";
        }
        String e = lastWriteError;
        return active && e != null ? "MISCONF Errors writing to the AOF file: " + e : null;
    }

    // ---- recording -------------------------------------------------------------------------------

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        recorder.keyModified(db, key);
    }

    @Override
    public void keyExpired(Keyspace db, byte[] key) {
        recorder.keyExpired(db, key);
    }

    @Override
    public void keyEvicted(Keyspace db, byte[] key) {
        recorder.keyEvicted(db, key);
    }

    @Override
    public void transactionStarted() {
        recorder.transactionStarted();
    }

    @Override
    public void transactionEnded() {
        recorder.transactionEnded();
    }

    /**
     * The whole data set was replaced by no command (a replica loaded its master's RDB): the file no
     * longer leads to it, so a rewrite starts a new base from the data as it is now, as Redis restarts
     * a replica's AOF after a full sync. Shard thread.
     */
    public void dataReplaced() {
        recorder.forgetChanges();
        if (!active) {
            return;
        }
        if (rewriting) {
            rewriteScheduled = true;
        } else {
            startRewrite();
        }
    }

    /** Called after every command on the shard thread: logs it when it changed the keyspace. */
    @Override
    public void afterCommand(int dbIndex, CommandSpec spec, byte[][] argv) {
        recorder.afterCommand(dbIndex, spec, argv);
    }

    @Override
    public void afterCommand(int dbIndex, CommandSpec spec, byte[][] argv, List<byte[][]> effects) {
        recorder.afterCommand(dbIndex, spec, argv, effects);
    }

    private void append(int dbIndex, byte[][] argv) {
        if (timestamps) {
            long now = clock.millis() / 1000;
            if (now != lastTimestamp) {
                lastTimestamp = now;
                buffer.writeBytes(("#TS:" + now + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (dbIndex != selectedDb) {
            encode(buffer, new byte[][] {bytes("SELECT"), bytes(Integer.toString(dbIndex))});
            selectedDb = dbIndex;
        }
        encode(buffer, argv);
    }

    static void encode(OutputStream out, byte[][] argv) {
        try {
            out.write(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] a : argv) {
                out.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(a);
                out.write('\r');
                out.write('\n');
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final byte[] MULTI = "*1\r\n$5\r\nMULTI\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes what the batch appended, before its replies leave; forces it to disk first under
     * appendfsync always. Runs on the shard thread.
     *
     * @return whether the batch's replies may be sent: false once a write failed under appendfsync
     *         always, since writes that are not on disk must never be acknowledged
     */
    public boolean flush() {
        if (stopped) {
            return false;
        }
        if (buffer.size() == 0 || incr == null) {
            return true;
        }
        byte[] data = buffer.toByteArray();
        long sizeBefore = -1;
        try {
            sizeBefore = incr.size();
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                incr.write(b);
            }
            buffer.reset();
            if (fsyncPolicy.equals("always")) {
                incr.force(false);
            } else {
                unsynced = true;
            }
            if (lastWriteError != null) {
                LOG.warn("AOF write error looks solved, Redoubt can write again.");
                lastWriteError = null;
            }
        } catch (IOException e) {
            cutPartialWrite(sizeBefore);
            writeFailed(e);
        }
        return !stopped;
    }

    /**
     * After a failed write (a full disk), cuts the file back to where the batch began, as Redis does,
     * so no half command stays in it; the batch stays buffered and is written again by the cron.
     */
    private void cutPartialWrite(long sizeBefore) {
        if (sizeBefore < 0) {
            return;
        }
        try {
            if (incr.size() > sizeBefore) {
                incr.truncate(sizeBefore);
            }
        } catch (IOException e) {
            LOG.warn("Could not cut a partial write from the AOF file in {}: {}", dir(), e.getMessage());
        }
    }

    /**
     * The one place an AOF write failure is handled: a log line naming the file; under appendfsync
     * always the database stops (Redis stops its process; a node stops only this database, through
     * the fatal-error handler it supplies), since replies for commands that are not on disk must not
     * be sent; otherwise writes are refused with MISCONF until a later write succeeds. The failure
     * listener is told first.
     */
    void writeFailed(IOException e) {
        LOG.error("Error writing to the AOF file in {}: {}", dir(), e.getMessage());
        lastWriteError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failureListener.accept(String.valueOf(dir()), "AOF write failed: " + lastWriteError);
        if (fsyncPolicy.equals("always")) {
            LOG.error("Can't recover from AOF write error when the AOF fsync policy is 'always'. Stopping the database...");
            stopped = true;
            fatalErrorHandler.accept("AOF write failed under appendfsync always: " + lastWriteError);
        }
    }

    // ---- start: load, open -----------------------------------------------------------------------

    /**
     * At start, with appendonly yes: loads the base and incremental files named by the manifest,
     * then opens the last incremental file for appending (or creates the layout when there is none).
     *
     * @return true when an AOF was loaded (the RDB file must then not be loaded)
     */
    public boolean loadAtStart(CommandTable table) throws RdbLoadException {
        if (!enabled()) {
            started = true;
            return false;
        }
        Path mf = manifestPath();
        boolean loaded = false;
        try {
            OwnerOnlyFiles.createDirectories(dir());
            if (Files.isRegularFile(mf)) {
                manifest = AofManifest.read(mf);
                replaying = true;
                try {
                    new AofLoader(shard, table, settings.aofLoadTruncated())
                            .load(dir(), manifest);
                } finally {
                    replaying = false;
                }
                baseSeq = manifest.baseSeq();
                loaded = true;
            } else {
                manifest = new AofManifest(null, 0, List.of(), List.of());
            }
            if (manifest.incrs().isEmpty()) {
                incrSeq = 1;
                manifest = new AofManifest(manifest.base(), manifest.baseSeq(), List.of(incrName(1)), List.of(1L));
                manifest.write(mf);
            } else {
                incrSeq = manifest.incrSeqs().get(manifest.incrSeqs().size() - 1);
            }
            openIncr(incrName(incrSeq));
        } catch (IOException e) {
            throw new RdbLoadException(dir() + ": cannot open the append only file: " + e.getMessage(), e);
        }
        active = true;
        startFsyncThread();
        if (manifest.base() == null) {
            startRewrite();
        }
        sizeAfterRewrite = totalSize();
        started = true;
        return loaded;
    }

    /**
     * DEBUG LOADAOF, on the shard thread: writes what is buffered, empties the shard and replays the
     * files the manifest on disk names, as Redis's debug.c does; the replay is not logged again.
     *
     * @return null when it loaded, else the reason (Redis exits here; Redoubt refuses instead)
     */
    public String reloadForDebug(CommandTable table) {
        if (active) {
            flush();
        }
        Path mf = manifestPath();
        if (!Files.isRegularFile(mf)) {
            return "ERR no append only file to load in " + dir();
        }
        shard.flushAll();
        replaying = true;
        try {
            new AofLoader(shard, table, settings.aofLoadTruncated()).load(dir(), AofManifest.read(mf));
        } catch (RdbLoadException | IOException | RuntimeException e) {
            LOG.warn("DEBUG LOADAOF could not load the append only file: {}", e.getMessage());
            return "ERR Error trying to load the AOF, check server logs.";
        } finally {
            replaying = false;
            discardCurrentCommand();
        }
        LOG.warn("Append Only File loaded by DEBUG LOADAOF");
        return null;
    }

    @Override
    public void discardCurrentCommand() {
        recorder.forgetChanges();
    }

    @Override
    public void changedWithoutKeys() {
        recorder.changedWithoutKeys();
    }

    /**
     * CONFIG SET appendonly, on the shard thread. Switching on writes a new base from the data as it is
     * now (a rewrite) and logs every later write to a new incremental file; until that base is written
     * the manifest on disk still names the files it named before, as Redis keeps its old AOF until the
     * rewrite that turns it on is done. Switching off flushes, forces and closes the file (its files
     * stay). Before the start's load is over this does nothing: the load reads the setting itself.
     */
    public void switchTo(boolean on) throws IOException {
        if (!started || on == active) {
            return;
        }
        if (!on) {
            closeFiles(); // forgets the files the manifest on disk names, so nothing here can delete them
            stale = null;
            LOG.info("Append only file switched off (CONFIG SET appendonly no)");
            return;
        }
        OwnerOnlyFiles.createDirectories(dir());
        Path mf = manifestPath();
        stale = Files.isRegularFile(mf) ? AofManifest.read(mf) : null;
        long lastIncr = 0;
        if (stale != null) {
            for (long seq : stale.incrSeqs()) {
                lastIncr = Math.max(lastIncr, seq);
            }
            baseSeq = stale.baseSeq();
        }
        incrSeq = lastIncr + 1;
        manifest = new AofManifest(null, baseSeq, List.of(incrName(incrSeq)), List.of(incrSeq));
        openIncr(incrName(incrSeq));
        lastWriteError = null;
        active = true;
        startFsyncThread();
        // the snapshot and the new incremental file start at the same moment on this thread, so the new
        // base plus that file hold every write, without rotating to yet another file
        if (!startRewrite(false)) {
            closeFiles();
            throw new IOException("the rewrite that starts the append only file could not start");
        }
        LOG.info("Append only file switched on (CONFIG SET appendonly yes): rewriting a new base");
    }

    private String incrName(long seq) {
        return fileName() + "." + seq + ".incr.aof";
    }

    private void openIncr(String name) throws IOException {
        FileChannel old = incr;
        incr = OwnerOnlyFiles.open(dir().resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        selectedDb = -1;
        if (old != null) {
            old.force(false);
            old.close();
        }
    }

    private void startFsyncThread() {
        if (fsyncThread != null) {
            return;
        }
        fsyncThread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                FileChannel ch = incr;
                if (unsynced && ch != null && fsyncPolicy.equals("everysec")) {
                    unsynced = false;
                    try {
                        ch.force(false);
                    } catch (IOException e) {
                        // a closed channel after a rewrite switch is fine; a real error shows on the next write
                        LOG.debug("AOF fsync: {}", e.getMessage());
                    }
                }
            }
        }, "redoubt-aof-fsync");
        fsyncThread.setDaemon(true);
        fsyncThread.start();
    }

    private long totalSize() {
        long n = 0;
        try (var files = Files.list(dir())) {
            for (Path p : files.toList()) {
                if (p.getFileName().toString().startsWith(fileName() + ".")) {
                    n += Files.size(p);
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    // ---- rewrite ---------------------------------------------------------------------------------

    /** BGREWRITEAOF. Returns the status reply, or an error text starting with "ERR". */
    public String bgrewrite(boolean bgsaveRunning) {
        if (rewriting) {
            return "ERR Background append only file rewriting already in progress";
        }
        if (bgsaveRunning) {
            rewriteScheduled = true;
            return "+Background append only file rewriting scheduled";
        }
        if (!startRewrite()) {
            return "ERR";
        }
        return "+Background append only file rewriting started";
    }

    private boolean startRewrite() {
        return startRewrite(true);
    }

    /** @param rotate open a new incremental file for the writes made from now on (not when switching on) */
    private boolean startRewrite(boolean rotate) {
        try {
            OwnerOnlyFiles.createDirectories(dir());
            flush();
            if (active && rotate) {
                long next = incrSeq + 1;
                List<String> incrs = new ArrayList<>(manifest.incrs());
                List<Long> seqs = new ArrayList<>(manifest.incrSeqs());
                incrs.add(incrName(next));
                seqs.add(next);
                openIncr(incrName(next));
                manifest = new AofManifest(manifest.base(), manifest.baseSeq(), incrs, seqs);
                manifest.write(manifestPath());
                incrSeq = next;
            }
        } catch (IOException e) {
            rewriteFailed(e);
            return false;
        }
        ShardSnapshot snapshot = ShardSnapshot.take(shard);
        rewriting = true;
        rewriteDone = false;
        rewriteStartMillis = clock.millis();
        rewriteTemp = dir().resolve("temp-rewriteaof-" + ProcessHandle.current().pid() + ".aof");
        boolean preamble = settings.aofUseRdbPreamble();
        RdbWriter writer = settings.rdbWriter();
        long used = shard.usedMemory();
        Path temp = rewriteTemp;
        LOG.info("Background append only file rewriting started");
        Thread t = new Thread(() -> {
            boolean ok;
            try (FileChannel ch = OwnerOnlyFiles.create(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                if (preamble) {
                    writer.write(snapshot, out, used, true);
                } else {
                    AofCommands.write(snapshot, out);
                }
                out.flush();
                ch.force(true);
                ok = true;
            } catch (IOException | RuntimeException e) {
                rewriteFailed(e);
                ok = false;
            }
            rewriteOk = ok;
            rewriteDone = true;
        }, "redoubt-aof-rewrite");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /** The one place a failed AOF rewrite is reported. An event log hooks here. */
    void rewriteFailed(Exception e) {
        LOG.warn("Background AOF rewrite failed in {}: {}", dir(), e.getMessage());
        failureListener.accept(String.valueOf(dir()), "AOF rewrite failed: " + e.getMessage());
    }

    /**
     * Sets what stops the database after a fatal error (a failed write under appendfsync always). It
     * runs on the shard thread, so it must hand the stopping to another thread.
     */
    public void onFatalError(java.util.function.Consumer<String> handler) {
        this.fatalErrorHandler = handler;
    }

    /** Whether a fatal error has stopped this file: the database is stopping. */
    public boolean stopped() {
        return stopped;
    }

    /** Sets who is told of AOF write and rewrite failures (once, while wiring the node). */
    public void onFailure(java.util.function.BiConsumer<String, String> listener) {
        this.failureListener = listener;
    }

    private void finishRewrite() {
        if (!rewriting || !rewriteDone) {
            return;
        }
        rewriting = false;
        lastRewriteSeconds = (clock.millis() - rewriteStartMillis) / 1000;
        if (!rewriteOk) {
            lastRewriteOk = false;
            if (stale != null || manifest.base() == null && active) {
                // the rewrite that switched the AOF on failed: the next cron retries it
                rewriteScheduled = true;
            }
            try {
                Files.deleteIfExists(rewriteTemp);
            } catch (IOException ignored) {
                // nothing more to do: the old files are still named by the manifest
            }
            return;
        }
        boolean preamble = settings.aofUseRdbPreamble();
        long newBaseSeq = baseSeq + 1;
        String baseName = fileName() + "." + newBaseSeq + ".base." + (preamble ? "rdb" : "aof");
        AofManifest old = manifest;
        try {
            DurableFiles.rename(rewriteTemp, dir().resolve(baseName));
            if (active) {
                manifest = new AofManifest(baseName, newBaseSeq, List.of(incrName(incrSeq)), List.of(incrSeq));
                manifest.write(manifestPath());
            } else {
                manifest = new AofManifest(baseName, newBaseSeq, List.of(), List.of());
            }
        } catch (IOException e) {
            rewriteFailed(e);
            lastRewriteOk = false;
            return;
        }
        baseSeq = newBaseSeq;
        if (stale != null) {
            // what the manifest named before CONFIG SET appendonly yes: replaced by the new base
            if (stale.base() != null && !stale.base().equals(baseName)) {
                deleteQuietly(stale.base());
            }
            for (String f : stale.incrs()) {
                if (!manifest.incrs().contains(f)) {
                    deleteQuietly(f);
                }
            }
            stale = null;
        }
        if (old.base() != null && !old.base().equals(baseName)) {
            deleteQuietly(old.base());
        }
        for (String f : old.incrs()) {
            if (!manifest.incrs().contains(f)) {
                deleteQuietly(f);
            }
        }
        lastRewriteOk = true;
        rewrites++;
        sizeAfterRewrite = totalSize();
        LOG.info("Background AOF rewrite finished successfully");
    }

    private void deleteQuietly(String name) {
        try {
            Files.deleteIfExists(dir().resolve(name));
        } catch (IOException e) {
            LOG.warn("Could not delete the old AOF file {}: {}", name, e.getMessage());
        }
    }

    /** Shard-thread housekeeping: finishes rewrites, starts scheduled or automatic ones, retries writes. */
    public void cron(boolean bgsaveRunning) {
        finishRewrite();
        if (lastWriteError != null) {
            flush();
        }
        if (!active || rewriting || bgsaveRunning) {
            return;
        }
        if (rewriteScheduled) {
            rewriteScheduled = false;
            startRewrite();
            return;
        }
        long percentage = settings.autoAofRewritePercentage();
        long minSize = settings.autoAofRewriteMinSize();
        if (percentage > 0) {
            long size = totalSize();
            long base = Math.max(1, sizeAfterRewrite);
            if (size > minSize && (size - base) * 100 / base >= percentage) {
                LOG.info("Starting automatic rewriting of AOF on {}% growth", (size - base) * 100 / base);
                startRewrite();
            }
        }
    }

    /**
     * Flushes and forces the file (SHUTDOWN, SIGTERM), after completing a rewrite still running or due:
     * until its base is in place, the files on disk do not hold what the rewrite captured (after a full
     * synchronisation from a master, the whole data set: a replica stopped right after one would come
     * back from its AOF without it). Redis refuses to shut down while its first rewrite runs; this waits
     * for the rewrite instead (at most a minute, then the files stay as the manifest names them).
     */
    public void close() {
        if (!active) {
            return;
        }
        completeRewrite();
        closeFiles();
    }

    private void completeRewrite() {
        for (int round = 0; round < 2 && (rewriting || rewriteScheduled); round++) {
            if (!rewriting) {
                rewriteScheduled = false;
                if (!startRewrite()) {
                    return;
                }
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
            while (!rewriteDone && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!rewriteDone) {
                LOG.warn("The AOF rewrite in {} did not finish within a minute of closing: the files stay as the "
                        + "manifest names them", dir());
                return;
            }
            finishRewrite();
        }
    }

    /** Flushes, forces and closes the incremental file; a running rewrite is left to finish on its own. */
    private void closeFiles() {
        if (!active) {
            return;
        }
        flush();
        try {
            FileChannel ch = incr;
            if (ch != null) {
                ch.force(false);
                ch.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the AOF: {}", e.getMessage());
        }
        active = false;
        incr = null;
        // the files stay as the manifest on disk names them: a rewrite still running, finished by a cron
        // tick after this close (shutdown, or CONFIG SET appendonly no), must not delete them
        manifest = new AofManifest(null, baseSeq, List.of(), List.of());
        if (fsyncThread != null) {
            fsyncThread.interrupt();
            fsyncThread = null;
        }
    }

    /** The aof_* fields of INFO persistence. */
    public Map<String, String> infoFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("aof_enabled", active ? "1" : "0");
        f.put("aof_rewrite_in_progress", rewriting ? "1" : "0");
        f.put("aof_rewrite_scheduled", rewriteScheduled ? "1" : "0");
        f.put("aof_last_rewrite_time_sec", Long.toString(lastRewriteSeconds));
        f.put("aof_current_rewrite_time_sec", rewriting ? Long.toString((clock.millis() - rewriteStartMillis) / 1000) : "-1");
        f.put("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        f.put("aof_rewrites", Long.toString(rewrites));
        f.put("aof_last_write_status", lastWriteError == null ? "ok" : "err");
        if (active) {
            f.put("aof_current_size", Long.toString(totalSize()));
            f.put("aof_base_size", Long.toString(sizeAfterRewrite));
            f.put("aof_pending_rewrite", rewriteScheduled ? "1" : "0");
            f.put("aof_buffer_length", Integer.toString(buffer.size()));
            f.put("aof_pending_bio_fsync", "0");
            f.put("aof_delayed_fsync", "0");
        }
        return f;
    }
}
