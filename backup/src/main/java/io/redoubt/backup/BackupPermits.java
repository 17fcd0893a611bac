package io.redoubt.backup;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RE's {@code max_simultaneous_backups} (default 4): a small pool of permits; a backup that gets none
 * waits for the next trigger instead of queueing threads.
 */
public final class BackupPermits {
    public static final int DEFAULT_MAX_SIMULTANEOUS = 4;

    /** A held permit; closing it (once; again is harmless) gives it back. */
    public static final class Permit implements AutoCloseable {
        private final Semaphore pool;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Semaphore pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                pool.release();
            }
        }
    }

    private final Semaphore pool;
    private final int max;

    public BackupPermits(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max_simultaneous_backups must be at least 1");
        }
        this.max = max;
        this.pool = new Semaphore(max, true);
    }

    public Optional<Permit> tryAcquire() {
        return pool.tryAcquire() ? Optional.of(new Permit(pool)) : Optional.empty();
    }

    public int max() {
        return max;
    }

    public int available() {
        return pool.availablePermits();
    }
}
