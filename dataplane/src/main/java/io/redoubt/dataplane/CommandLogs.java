package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.exec.CommandLog;
import java.util.List;

/**
 * Every command log of a server as one: the AOF, then the replication stream. Whoever records, opens
 * or closes a transaction, or drops a command's changes tells this one, so no log can be forgotten.
 */
final class CommandLogs implements CommandLog {
    private final ServerContext server;

    CommandLogs(ServerContext server) {
        this.server = server;
    }

    @Override
    public void afterCommand(int db, CommandSpec spec, byte[][] argv) {
        afterCommand(db, spec, argv, null);
    }

    @Override
    public void afterCommand(int db, CommandSpec spec, byte[][] argv, List<byte[][]> effects) {
        server.aof().afterCommand(db, spec, argv, effects);
        server.replication().stream().afterCommand(db, spec, argv, effects);
    }

    @Override
    public void transactionStarted() {
        server.aof().transactionStarted();
        server.replication().stream().transactionStarted();
    }

    @Override
    public void transactionEnded() {
        server.aof().transactionEnded();
        server.replication().stream().transactionEnded();
    }

    @Override
    public void changedWithoutKeys() {
        server.aof().changedWithoutKeys();
        server.replication().stream().changedWithoutKeys();
    }

    @Override
    public void discardCurrentCommand() {
        server.aof().discardCurrentCommand();
        server.replication().stream().discardCurrentCommand();
    }
}
