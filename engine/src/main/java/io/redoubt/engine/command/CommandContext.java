package io.redoubt.engine.command;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.resp.ReplySink;

/** Everything a handler sees while it runs one command on the shard's thread. */
public interface CommandContext {
    /** The arguments, command name first. */
    byte[][] argv();

    ReplySink reply();

    /** The client's selected database on the shard running this command. */
    Keyspace db();

    Shard shard();

    Client client();

    /** The spec being run (a subcommand's own spec for container commands). */
    CommandSpec spec();

    /**
     * Records this command for the AOF and replicas as {@code argv} (called once per command to record,
     * in order) instead of by its spec's propagation: Redis's alsoPropagate, for a command whose effect
     * Redis writes as other commands (SPOP as SREM). Callers that record nothing ignore it.
     */
    default void propagateAs(byte[][] argv) {
    }
}
