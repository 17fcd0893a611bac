package io.redoubt.dataplane;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE state. While a pause is in effect, a client's command that the pause covers (every
 * command for ALL, commands that write or may replicate for WRITE) is not refused but held: its
 * connection stops reading and waits here until CLIENT UNPAUSE or the end of the pause, then runs
 * the held command and carries on. Used on the shard thread.
 */
public final class ClientPause {
    /** What a pause holds. */
    public enum Mode { NONE, WRITE, ALL }

    /** A connection holding a command until the pause ends. */
    interface Waiter {
        void resume();
    }

    private final InstantSource clock;
    private Mode mode = Mode.NONE;
    private long endMillis;
    private final List<Waiter> waiting = new ArrayList<>();

    ClientPause(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Starts or extends a pause. As in Redis, a later end time or a wider mode wins: a running ALL
     * pause is not narrowed to WRITE and its end is not brought forward.
     */
    void pause(Mode newMode, long untilMillis, long nowMillis, ScheduledExecutorService shardThread) {
        if (mode == Mode.NONE || newMode == Mode.ALL) {
            mode = newMode;
        }
        if (untilMillis > endMillis || mode == Mode.NONE) {
            endMillis = untilMillis;
        }
        shardThread.schedule(this::expire, Math.max(0, endMillis - nowMillis) + 1, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        if (mode != Mode.NONE && clock.millis() >= endMillis) {
            unpause();
        }
    }

    /** Ends the pause and lets every held command run, in arrival order. */
    void unpause() {
        mode = Mode.NONE;
        endMillis = 0;
        List<Waiter> resumed = new ArrayList<>(waiting);
        waiting.clear();
        for (Waiter w : resumed) {
            w.resume();
        }
    }

    /** Whether a command with these traits must wait, given the time now. */
    boolean holds(boolean writes, long nowMillis) {
        if (mode == Mode.NONE) {
            return false;
        }
        if (nowMillis >= endMillis) {
            return false; // the timer releases the held commands
        }
        return mode == Mode.ALL || writes;
    }

    void await(Waiter w) {
        waiting.add(w);
    }

    void forget(Waiter w) {
        waiting.remove(w);
    }

    public Mode mode() {
        return mode;
    }

    public boolean isWaiting(Waiter w) {
        return waiting.contains(w);
    }
}
