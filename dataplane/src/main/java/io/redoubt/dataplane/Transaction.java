package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's MULTI state: the queued commands, whether one was refused while queueing (EXEC then
 * aborts with EXECABORT), and whether a watched key changed (EXEC then returns a null reply).
 */
final class Transaction {
    record Queued(CommandSpec spec, byte[][] argv) {
    }

    private final List<Queued> queued = new ArrayList<>();
    private boolean refused;

    void queue(CommandSpec spec, byte[][] argv) {
        queued.add(new Queued(spec, argv));
    }

    void refuse() {
        refused = true;
    }

    boolean refused() {
        return refused;
    }

    List<Queued> queued() {
        return queued;
    }

    /** Bytes held by the queued arguments, for CLIENT LIST's multi-mem. */
    long memory() {
        long bytes = 0;
        for (Queued q : queued) {
            for (byte[] a : q.argv) {
                bytes += a.length + 16;
            }
        }
        return bytes;
    }
}
