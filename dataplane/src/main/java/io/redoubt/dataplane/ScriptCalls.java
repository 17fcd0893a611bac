package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.exec.CommandResolution;
import io.redoubt.scripting.CommandCaller;
import io.redoubt.scripting.ScriptRun;

/**
 * The data plane's side of scripting: a script's commands go through the dispatcher's steps for
 * scripts ({@link Dispatcher#callFromScript}), as the user of the client that called the script.
 */
final class ScriptCalls implements CommandCaller {
    private final ServerContext server;

    ScriptCalls(ServerContext server) {
        this.server = server;
    }

    @Override
    public byte[] call(ScriptRun run, byte[][] argv) {
        return server.dispatcher().callFromScript((Session) run.caller(), run, argv);
    }

    @Override
    public Boolean permits(ScriptRun run, byte[][] argv) {
        CommandResolution resolved = CommandResolution.of(server.commands(), argv);
        CommandSpec spec = resolved.spec();
        if (spec == null) {
            return null;
        }
        return server.acl().permits((Session) run.caller(), spec, argv);
    }

    /**
     * The script runs as one unit: its commands never block (as in EXEC), its writes are logged
     * inside one MULTI/EXEC (unless it runs inside an EXEC, which already logs one), and a SELECT it
     * makes does not outlive it (Redis 7.0 runs scripts on their own client).
     */
    @Override
    public void execute(ScriptRun run, Runnable body) {
        Session s = (Session) run.caller();
        int db = s.dbIndex();
        boolean inTransaction = s.executingTransaction();
        s.executingTransaction(true);
        if (!inTransaction) {
            server.commandLogs().transactionStarted();
        }
        try {
            body.run();
        } finally {
            if (!inTransaction) {
                server.commandLogs().transactionEnded();
            }
            s.executingTransaction(inTransaction);
            s.select(db);
        }
    }

    @Override
    public String writeRefusal(CommandContext caller) {
        String disk = server.dispatcher().diskRefusal();
        // a script that may write is a write command: a read-only replica refuses it before it runs
        return disk != null ? disk : server.replication().refusal((Session) caller, caller.spec(), true);
    }

    @Override
    public boolean outOfMemory(CommandContext caller) {
        return server.dispatcher().outOfMemory(0);
    }
}
