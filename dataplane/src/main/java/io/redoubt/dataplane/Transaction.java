package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A client's MULTI state: the queued commands, whether one was refused while queueing (EXEC then
 * aborts with EXECABORT), and whether a watched key changed (EXEC then returns a null reply).
 */
final class Transaction {
    record Queued(CommandSpec spec, byte[][] argv) {
    }

    private final List<Queued> queued = new ArrayList<>();
    private final EnumSet<CommandFlag> anyHas = EnumSet.noneOf(CommandFlag.class);
    private boolean waitsForLoading;   // a queued command may not run while the dataset loads
    private long memory;
    private boolean refused;

    void queue(CommandSpec spec, byte[][] argv) {
        queued.add(new Queued(spec, argv));
        anyHas.addAll(spec.flags());
        waitsForLoading |= !spec.has(CommandFlag.LOADING);
        for (byte[] a : argv) {
            memory += a.length + 16;
        }
    }

    /** Whether a queued command has {@code flag} (EXEC is then judged as that command would be). */
    boolean has(CommandFlag flag) {
        return anyHas.contains(flag);
    }

    /** Whether a queued command may not run while the dataset loads (EXEC then waits for loading too). */
    boolean waitsForLoading() {
        return waitsForLoading;
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
        return memory;
    }
}
