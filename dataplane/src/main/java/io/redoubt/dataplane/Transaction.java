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
    private final EnumSet<CommandFlag> anyLacks = EnumSet.noneOf(CommandFlag.class);
    private long memory;
    private boolean refused;

    void queue(CommandSpec spec, byte[][] argv) {
        queued.add(new Queued(spec, argv));
        for (CommandFlag f : CommandFlag.values()) {
            (spec.has(f) ? anyHas : anyLacks).add(f);
        }
        for (byte[] a : argv) {
            memory += a.length + 16;
        }
    }

    /** Whether a queued command has {@code flag} (EXEC is then judged as that command would be). */
    boolean has(CommandFlag flag) {
        return anyHas.contains(flag);
    }

    /** Whether a queued command lacks {@code flag}. */
    boolean lacks(CommandFlag flag) {
        return anyLacks.contains(flag);
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
