package io.redoubt.persistence;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.KeyspaceObserver;
import io.redoubt.engine.keyspace.Shard;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RDB side of a shard's durability: SAVE, BGSAVE, the {@code save} schedule, loading at start,
 * and the figures INFO persistence reports. Every method except the background write runs on the
 * shard's thread.
 *
 * <p>BGSAVE without fork: the shard thread takes a {@link ShardSnapshot} (a copy of every value),
 * then a background thread serializes it. The copy pause grows with the data set (it is a memory
 * copy, no encoding, no I/O) and the copy costs as much memory as the values until the file is
 * written. Files are written to {@code temp-<n>.rdb} in {@code dir}, forced to disk, then renamed over
 * {@code dbfilename}, so a failed or interrupted save never leaves a corrupt dump.
 */
public final class RdbService implements KeyspaceObserver {
    private static final Logger LOG = LoggerFactory.getLogger(RdbService.class);
    /** Redis's MISCONF reply when the last background save failed and stop-writes-on-bgsave-error is on. */
    public static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently"
            + " unable to persist to disk. Commands that may modify the data set are disabled, because this instance"
            + " is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error"
            + " option). Please check the Redis logs for details about the RDB error.";
    /** Redis waits this long after a failed background save before the schedule tries again. */
    private static final long RETRY_DELAY_MS = 5000;

    private final Shard shard;
    /** Told of every failed save as (file, reason): the node's security-event log listens. */
    private volatile java.util.function.BiConsumer<String, String> failureListener = (object, detail) -> { };
    private volatile PersistenceSettings settings = PersistenceSettings.DEFAULT;
    private final InstantSource clock;
    private final AtomicBoolean inProgress = new AtomicBoolean();

    private long dirty;
    private long dirtyAtStart;
    private volatile long lastSaveMillis;
    private volatile boolean lastBgsaveOk = true;
    private volatile long lastBgsaveSeconds = -1;
    private volatile long bgsaveStartMillis;
    private volatile long lastTryMillis;
    private volatile long lastCopyMillis;
    private volatile long lastCopyBytes;
    private long saves;
    private boolean scheduled;
    private volatile boolean loading;
    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;
    private volatile boolean bgDone;
    private volatile boolean bgOk;
    /** The replication history to save with the data (replication supplies it; null: none). Shard thread. */
    private java.util.function.Supplier<ReplicationInfo> replicationInfo = () -> null;
    /** The history the file loaded at start carried, or null. */
    private volatile ReplicationInfo loadedReplicationInfo;

    public RdbService(Shard shard, InstantSource clock) {
        this.shard = shard;
        this.clock = clock;
        this.lastSaveMillis = clock.millis();
        shard.addObserver(this);
    }

    /** The node's current values; a change of a parameter replaces them whole. */
    public void settings(PersistenceSettings values) {
        this.settings = values;
    }

    public PersistenceSettings settings() {
        return settings;
    }

    /** Whether {@code save} names any save point. */
    public boolean snapshotsScheduled() {
        return !settings.savePoints().isEmpty();
    }

    @Override
    public void keyModified(Keyspace db, byte[] key) {
        dirty++;
    }

    @Override
    public void extraChanges(long extra) {
        dirty += extra;
    }

    /** Redis does not count a key deleted by expiry or eviction as a change: take back its signal's count. */
    @Override
    public void keyExpired(Keyspace db, byte[] key) {
        dirty--;
    }

    @Override
    public void keyEvicted(Keyspace db, byte[] key) {
        dirty--;
    }

    /** The dump file: {@code dir}/{@code dbfilename}. */
    public Path file() {
        return settings.rdbFile();
    }

    /**
     * Sets where the replication history saved with each snapshot comes from; it is asked on the shard
     * thread at the moment the data is copied, so the two match (once, while wiring the node).
     */
    public void replicationInfo(java.util.function.Supplier<ReplicationInfo> source) {
        this.replicationInfo = source;
    }

    /** The replication history the file loaded at start carried (Redis's repl-id/repl-offset), or null. */
    public ReplicationInfo loadedReplicationInfo() {
        return loadedReplicationInfo;
    }

    private RdbWriter writer() {
        return settings.rdbWriter();
    }

    public boolean bgsaveInProgress() {
        return inProgress.get();
    }

    public boolean loading() {
        return loading;
    }

    /** Marks the load at start as running or done (commands get -LOADING meanwhile). */
    public void loading(boolean value) {
        loading = value;
    }

    /** UNIX seconds of the last successful save (LASTSAVE). */
    public long lastSaveSeconds() {
        return lastSaveMillis / 1000;
    }

    /**
     * Whether write commands must be refused with {@link #MISCONF}: the last background save failed,
     * saving is configured, and stop-writes-on-bgsave-error is on (Redis's writeCommandsDeniedByDiskError).
     */
    public boolean writesRefused() {
        PersistenceSettings s = settings;
        return !lastBgsaveOk && s.stopWritesOnBgsaveError() && !s.savePoints().isEmpty();
    }

    /** SAVE: writes the file on the calling (shard) thread. Returns null when it worked, else the reason. */
    public String save() {
        if (inProgress.get()) {
            return "ERR Background save already in progress";
        }
        long started = clock.millis();
        long dirtyBefore = dirty;
        try {
            write(ShardSnapshot.take(shard), replicationInfo.get());
        } catch (IOException | RuntimeException e) {
            saveFailed(e);
            return "ERR";
        }
        dirty -= dirtyBefore;
        lastSaveMillis = started;
        lastBgsaveOk = true;
        saves++;
        LOG.info("DB saved on disk");
        return null;
    }

    /**
     * BGSAVE [SCHEDULE]: copies the shard now and writes it on another thread. Returns the status
     * reply, or throws nothing: errors come back as text starting with "ERR".
     */
    public String bgsave(boolean schedule) {
        if (inProgress.get()) {
            if (schedule) {
                scheduled = true;
                return "+Background saving scheduled";
            }
            return "ERR Background save already in progress";
        }
        startBackground();
        return "+Background saving started";
    }

    private void startBackground() {
        long copyStart = System.nanoTime();
        ShardSnapshot snapshot = ShardSnapshot.take(shard);
        ReplicationInfo history = replicationInfo.get();
        lastCopyMillis = (System.nanoTime() - copyStart) / 1_000_000;
        lastCopyBytes = shard.usedMemory();
        dirtyAtStart = dirty;
        inProgress.set(true);
        bgsaveStartMillis = clock.millis();
        lastTryMillis = bgsaveStartMillis;
        bgDone = false;
        LOG.info("Background saving started ({} keys copied in {} ms)", snapshot.keyCount(), lastCopyMillis);
        Thread t = new Thread(() -> {
            boolean ok;
            try {
                write(snapshot, history);
                ok = true;
            } catch (IOException | RuntimeException e) {
                saveFailed(e);
                ok = false;
            }
            bgOk = ok;
            bgDone = true;
        }, "redoubt-bgsave");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The one place a failed save is reported (SAVE, BGSAVE, the schedule, SHUTDOWN): a log line
     * naming the file and the cause, then the failure listener.
     */
    void saveFailed(Exception e) {
        LOG.warn("Write error saving DB on disk {}: {}", file(), e.getMessage());
        failureListener.accept(String.valueOf(file()), "save failed: " + e.getMessage());
    }

    /** Sets who is told of failed saves (once, while wiring the node). */
    public void onFailure(java.util.function.BiConsumer<String, String> listener) {
        this.failureListener = listener;
    }

    /**
     * Shard-thread housekeeping, every cron tick: finishes a background save that completed, and
     * starts one when a {@code save} point is reached or one was scheduled.
     */
    public void cron() {
        long now = clock.millis();
        finishBackground(now);
        if (inProgress.get()) {
            return;
        }
        if (scheduled) {
            scheduled = false;
            startBackground();
            return;
        }
        List<PersistenceSettings.SavePoint> points = settings.savePoints();
        if (points.isEmpty() || dirty == 0) {
            return;
        }
        for (PersistenceSettings.SavePoint point : points) {
            long seconds = point.seconds();
            long changes = point.changes();
            if (dirty >= changes && now - lastSaveMillis > seconds * 1000
                    && (lastBgsaveOk || now - lastTryMillis > RETRY_DELAY_MS)) {
                LOG.info("{} changes in {} seconds. Saving...", changes, seconds);
                startBackground();
                return;
            }
        }
    }

    private void finishBackground(long now) {
        if (inProgress.get() && bgDone) {
            if (bgOk) {
                dirty -= dirtyAtStart;
                lastSaveMillis = bgsaveStartMillis;
                lastBgsaveOk = true;
                saves++;
                LOG.info("Background saving terminated with success");
            } else {
                lastBgsaveOk = false;
                LOG.warn("Background saving error");
            }
            lastBgsaveSeconds = (now - bgsaveStartMillis) / 1000;
            inProgress.set(false);
        }
    }

    /**
     * The save SHUTDOWN makes: waits for a running background save to end (a fork's child would be
     * killed; here the copy simply finishes), then saves on this thread. Returns whether it worked.
     */
    public boolean saveForShutdown() {
        try {
            awaitBackground(Long.MAX_VALUE / 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        finishBackground(clock.millis());
        LOG.info("Saving the final RDB snapshot before exiting.");
        return save() == null;
    }

    private volatile boolean finalSaveDone;

    /** SHUTDOWN did (or, with NOSAVE, skipped) the final save: the process exit must not save again. */
    public void finalSaveDone() {
        finalSaveDone = true;
    }

    /**
     * The save at process exit (SIGTERM, or closing the node): as SHUTDOWN without arguments, unless
     * SHUTDOWN already decided. Returns whether the dump is as wanted.
     */
    public boolean saveAtExit() {
        if (finalSaveDone || settings.savePoints().isEmpty()) {
            return true;
        }
        finalSaveDone = true;
        return saveForShutdown();
    }

    /** Waits for a running background save (SHUTDOWN, tests); returns whether one was running. */
    public boolean awaitBackground(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        boolean was = inProgress.get();
        while (inProgress.get() && !bgDone && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return was;
    }

    private void write(ShardSnapshot snapshot, ReplicationInfo history) throws IOException {
        Path target = file();
        Path dir = target.getParent();
        OwnerOnlyFiles.createDirectories(dir);
        Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId() + ".rdb");
        try (FileChannel ch = OwnerOnlyFiles.create(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            writer().write(snapshot, out, shard.usedMemory(), false, history);
            out.flush();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    /**
     * Loads {@code dir}/{@code dbfilename} when it exists; called once before the endpoint serves.
     *
     * @throws RdbLoadException when the file exists and cannot be loaded (the start must fail)
     */
    public void loadAtStart() throws RdbLoadException {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return;
        }
        long start = System.nanoTime();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            RdbLoader.Result r = new RdbLoader(shard).load(in, f.toString(), Files.size(f));
            lastLoadKeysLoaded = r.keysLoaded();
            lastLoadKeysExpired = r.expiredSkipped();
            loadedReplicationInfo = r.replication();
            dirty = 0;
            LOG.info("DB loaded from disk: {} keys ({} expired skipped) in {} ms", r.keysLoaded(),
                    r.expiredSkipped(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new RdbLoadException(f + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * DEBUG RELOAD, on the shard thread: saves (unless {@code save} is false), empties the shard
     * (unless {@code flush} is false) and loads the file, leaving no change counted since the save, as
     * Redis's debug.c does. A key both in memory and in the file is replaced by the file's when
     * {@code merge} is set; otherwise the load stops with an error (where Redis exits).
     *
     * @return null when it worked, else Redis's error reply
     */
    public String reloadForDebug(boolean save, boolean flush, boolean merge) {
        if (save && save() != null) {
            return "ERR";
        }
        Path f = file();
        if (!Files.isRegularFile(f)) {
            LOG.warn("DEBUG RELOAD: there is no RDB file at {}", f);
            return "ERR Error trying to load the RDB dump, check server logs.";
        }
        if (flush) {
            shard.flushAll();
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            new RdbLoader(shard, merge).load(in, f.toString(), Files.size(f));
        } catch (IOException | RdbLoadException | RuntimeException e) {
            LOG.warn("DEBUG RELOAD could not load {}: {}", f, e.getMessage());
            return "ERR Error trying to load the RDB dump, check server logs.";
        } finally {
            dirty = 0;
        }
        LOG.warn("DB reloaded by DEBUG RELOAD");
        return null;
    }

    /** The rdb_* fields of INFO persistence, with Redis's names, in Redis's order. */
    public java.util.Map<String, String> infoFields() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        BiConsumer<String, Object> add = (k, v) -> f.put(k, String.valueOf(v));
        long now = clock.millis();
        add.accept("loading", loading ? 1 : 0);
        add.accept("rdb_changes_since_last_save", dirty);
        add.accept("rdb_bgsave_in_progress", inProgress.get() ? 1 : 0);
        add.accept("rdb_last_save_time", lastSaveSeconds());
        add.accept("rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        add.accept("rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        add.accept("rdb_current_bgsave_time_sec", inProgress.get() ? (now - bgsaveStartMillis) / 1000 : -1);
        add.accept("rdb_saves", saves);
        add.accept("rdb_last_cow_size", 0);
        add.accept("rdb_last_load_keys_expired", lastLoadKeysExpired);
        add.accept("rdb_last_load_keys_loaded", lastLoadKeysLoaded);
        return f;
    }

    /** Milliseconds the shard thread spent copying for the last BGSAVE, and the bytes it copied. */
    public long lastCopyMillis() {
        return lastCopyMillis;
    }

    public long lastCopyBytes() {
        return lastCopyBytes;
    }
}
