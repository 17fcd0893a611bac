package io.redoubt.engine.command;

import java.util.Set;

/**
 * A command's own way of finding its keys, as Redis's getkeys proc: Redis uses it in place of the key
 * specs when a spec it reached is {@link KeySpec.Flag#INCOMPLETE} (MIGRATE's {@code KEYS}), so the
 * ACL, COMMAND GETKEYS and routing see exactly the keys Redis sees there, each with its flags.
 */
@FunctionalInterface
public interface KeysProc {

    /** Calls {@code visitor} with each key's argument index and flags, in argument order. */
    void keys(byte[][] argv, Visitor visitor);

    /** Receives one key: its argument index and what the command does to it. */
    @FunctionalInterface
    interface Visitor {
        void key(int index, Set<KeySpec.Flag> flags);
    }
}
