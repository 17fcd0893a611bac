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
}
