package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.exec.CommandResolution;
import io.redoubt.resp.Errors;
import io.redoubt.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Runs one request through Redis's ordered checks: lookup → arity → authentication → commands refused in
 * MULTI → authorization (ACL) → admission (OOM, MISCONF, pub/sub context, LOADING) → transaction
 * queueing → execute → statistics. Handlers never check any of these themselves.
 */
public final class Dispatcher {
    private final ServerContext server;
    private final CommandTable table;
    private final CommandResolution.Resolver resolver;
    private final CommandSpec exec; // compared by identity on every request: EXEC is judged by what it holds

    public Dispatcher(ServerContext server) {
        this.server = server;
        this.table = server.commands();
        this.resolver = new CommandResolution.Resolver(table);
        this.exec = table.lookup("exec");
    }

    /**
     * Whether CLIENT PAUSE holds this request: every command under PAUSE ALL, commands that write or
     * may replicate under PAUSE WRITE. EXEC is judged by the commands it holds, as Redis judges it: a
     * transaction of reads and admin commands runs during PAUSE WRITE, one that writes waits. The
     * caller keeps the request and runs it when the pause ends.
     */
    public boolean mustWait(Session session, byte[][] argv) {
        ClientPause pause = server.diagnostics().pause();
        if (pause.mode() == ClientPause.Mode.NONE) {
            return false;
        }
        CommandSpec spec = table.find(argv);
        if (spec == null) {
            return pause.holds(false, server.clock().millis());
        }
        Transaction held = spec == exec ? session.transaction() : null;
        boolean writes = spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE)
                || (held != null && (held.has(CommandFlag.WRITE) || held.has(CommandFlag.MAY_REPLICATE)));
        return pause.holds(writes, server.clock().millis());
    }

    public void dispatch(Session session, byte[][] argv) {
        RespWriter reply = session.writer();
        if (session.routed() && server.routerLink().isAuthStateQuery(argv)) {
            reply.integer(server.acl().authState(session)); // the router's own question: not a command
            return;
        }
        // one clock read per request for the command's time (Redis's command time snapshot, which the
        // commands of an EXEC share, as Redis fixes the time for a transaction) and its duration's start
        long started = System.nanoTime();
        session.touched(server.shard().beginCommand(started));

        KeyTracking tracking = server.tracking();
        tracking.running(session);
        CommandResolution resolved = resolver.resolve(argv);
        boolean executed = checkThenRun(session, resolved, argv, started);
        tracking.requestDone(session, resolved.spec());
        if (executed) {
            server.blockedClients().serveReadyKeys(this);
        }
    }

    /** The ordered steps, then the command: false when it was refused or queued rather than run. */
    private boolean checkThenRun(Session session, CommandResolution resolved, byte[][] argv, long started) {
        CommandSpec spec = resolved.spec();
        if (!resolved.runnable()) {
            reject(session, spec, resolved.error());
            return false;
        }
        String refusal = admit(session, spec, argv);
        if (refusal != null) {
            reject(session, spec, refusal);
            return false;
        }
        if (session.inMulti() && !TransactionCommands.controlsTransaction(spec)) {
            session.transaction().queue(spec, argv);
            session.writer().simple("QUEUED");
            return false;
        }
        execute(session, spec, argv, started);
        return true;
    }

    /**
     * Redis's checks between arity and execution, in Redis's order (processCommand in server.c):
     * authentication, commands refused inside MULTI, the ACL, memory, disk errors, the RESP2 pub/sub
     * context, loading. Queueing comes after all of them, so a command that would be refused now is
     * refused at queue time (and dooms the transaction) rather than queued. EXEC is judged by the
     * commands it holds: it needs memory when one of them is DENYOOM, counts as a write when one
     * writes, and waits for loading when one of them may not run while loading.
     *
     * @return the error to answer, or null when the command may be queued or run
     */
    private String admit(Session session, CommandSpec spec, byte[][] argv) {
        if (!spec.has(CommandFlag.NO_AUTH) && server.acl().authRequired(session)) {
            return Errors.NOAUTH;
        }
        boolean inMulti = session.inMulti();
        if (inMulti && TransactionCommands.refusedInMulti(spec)) {
            return Errors.NOT_ALLOWED_IN_MULTI;
        }
        String denied = server.acl().authorize(session, spec, argv, inMulti);
        if (denied != null) {
            return denied;
        }
        Transaction held = spec == exec ? session.transaction() : null;
        // Queueing takes memory of its own, so under maxmemory nothing but the transaction's own
        // control commands is queued (Redis 7.0 does the same).
        boolean needsMemory = spec.has(CommandFlag.DENYOOM) || (held != null && held.has(CommandFlag.DENYOOM))
                || (inMulti && !TransactionCommands.endsTransaction(spec));
        if (needsMemory && outOfMemory(inMulti ? session.transaction().memory() : 0)) {
            return Errors.OOM;
        }
        boolean writes = spec.has(CommandFlag.WRITE) || (held != null && held.has(CommandFlag.WRITE));
        if (writes || spec.name().equals("ping")) { // Redis refuses PING too while the disk fails
            String diskError = diskRefusal();
            if (diskError != null) {
                return diskError;
            }
        }
        String replicaRefusal = server.replication().refusal(session, spec, writes);
        if (replicaRefusal != null) {
            return replicaRefusal;
        }
        if (session.subscriber() && session.protocol() == 2 && !PubSubCommands.allowedWhileSubscribed(spec)) {
            return "ERR Can't execute '" + spec.fullName() + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
        }
        boolean deniedWhileLoading = !spec.has(CommandFlag.LOADING) || (held != null && held.waitsForLoading());
        if (deniedWhileLoading && server.rdb().loading()) {
            return "LOADING Redis is loading the dataset in memory";
        }
        return null;
    }

    /** The memory step: over maxmemory after evicting what the policy allows ({@code extra} bytes more). */
    boolean outOfMemory(long extra) {
        return !server.shard().evictIfNeeded(extra);
    }

    /** The disk step: why writes are refused now (a failed RDB save or AOF write), or null. */
    String diskRefusal() {
        return server.rdb().writesRefused() ? io.redoubt.persistence.RdbService.MISCONF : server.aof().writeRefusal();
    }

    /**
     * A command a script runs ({@code redis.call}), through Redis's steps for scripts (scriptCall in
     * script.c) in its order: resolution and arity, commands refused in scripts, the caller's ACL,
     * writes refused in read-only scripts, then, until the script's first write, the disk and memory
     * steps (after it the script runs to its end, as Redis lets it). The command then runs as any
     * other (statistics, AOF, audit) with its reply captured in the script's protocol.
     *
     * @return the reply as RESP; a refusal is an error reply in Redis's words for scripts
     */
    byte[] callFromScript(Session session, io.redoubt.scripting.ScriptRun run, byte[][] argv) {
        CommandResolution resolved = resolver.resolve(argv);
        CommandSpec spec = resolved.spec();
        String refusal = !resolved.runnable()
                ? (spec == null ? "ERR Unknown Redis command called from script"
                        : "ERR Wrong number of args calling Redis command from script")
                : admitFromScript(session, run, spec, argv);
        if (refusal != null) {
            if (spec != null) {
                server.stats().rejectedCalls[spec.id()]++;
            }
            server.stats().countError(refusal); // INFO errorstats counts it here, as Redis does, and not again
            return ("-" + refusal + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
        if (spec.has(CommandFlag.WRITE)) {
            run.wrote(true);
        }
        RespWriter writer = session.writer();
        io.netty.buffer.ByteBuf target = writer.target();
        int protocol = writer.protocol();
        CommandSpec outerSpec = session.spec();
        byte[][] outerArgv = session.argv();
        long errors = writer.errors();
        scriptReply.clear();
        writer.target(scriptReply);
        writer.protocol(run.resp());
        try {
            execute(session, spec, argv, System.nanoTime());
        } finally {
            writer.target(target);
            writer.protocol(protocol);
            writer.errors(errors); // the command's error is its own failed call, not the script's
            session.begin(outerSpec, outerArgv);
        }
        byte[] reply = io.netty.buffer.ByteBufUtil.getBytes(scriptReply);
        if (scriptReply.capacity() > SCRIPT_REPLY_KEPT) {
            scriptReply = io.netty.buffer.Unpooled.buffer(256); // one huge reply does not stay allocated
        }
        return reply;
    }

    private static final int SCRIPT_REPLY_KEPT = 64 * 1024;
    private io.netty.buffer.ByteBuf scriptReply = io.netty.buffer.Unpooled.buffer(256);

    private String admitFromScript(Session session, io.redoubt.scripting.ScriptRun run, CommandSpec spec,
                                   byte[][] argv) {
        if (spec.has(CommandFlag.NOSCRIPT)) {
            return "ERR This Redis command is not allowed from script";
        }
        if (!ownsEveryKey(spec, argv)) {
            // the router sent the script to the shard of its declared keys; another shard's key is not here
            return "ERR Script attempted to access a non local key in a cluster node";
        }
        String denied = server.acl().authorizeInScript(session, spec, argv);
        if (denied != null) {
            return denied;
        }
        if (run.readOnly() && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE))) {
            return "ERR Write commands are not allowed from read-only scripts.";
        }
        if (run.wrote()) {
            return null;
        }
        if (spec.has(CommandFlag.WRITE)) {
            String diskError = diskRefusal();
            if (diskError != null) {
                return diskError;
            }
        }
        if (!run.allowOom() && spec.has(CommandFlag.DENYOOM) && outOfMemory(0)) {
            return Errors.OOM;
        }
        return null;
    }

    /** Whether this shard owns every key {@code argv} names (always, in a database of one shard). */
    private boolean ownsEveryKey(CommandSpec spec, byte[][] argv) {
        if (!server.oneOfSeveralShards()) {
            return true;
        }
        boolean[] all = {true};
        spec.keys(argv, i -> all[0] &= server.ownsKey(argv[i]));
        return all[0];
    }

    /** Runs a parked command again, served from {@code readyKey}; its reply is flushed at once. */
    void rerunBlocked(Session session, CommandSpec spec, byte[][] argv, byte[] readyKey) {
        ServerStats stats = server.stats();
        long calls = stats.calls[spec.id()];
        long processed = stats.totalCommandsProcessed;
        session.readyKey(readyKey);
        long started = System.nanoTime();
        server.shard().beginCommand(started);
        server.tracking().running(session);
        try {
            session.deliver(r -> execute(session, spec, argv, started));
        } finally {
            server.tracking().requestDone(session, spec);
            session.readyKey(null);
            // one blocking command is one call, counted when it blocked, as Redis counts it
            stats.calls[spec.id()] = calls;
            stats.totalCommandsProcessed = processed;
        }
    }

    /**
     * Refuses a command; inside MULTI this also dooms the transaction (EXECABORT). A refused EXEC
     * discards the transaction and names the reason, as Redis's execCommandAbort does, whether or
     * not a transaction was open.
     */
    private void reject(Session session, CommandSpec spec, String error) {
        if (spec != null) {
            server.stats().rejectedCalls[spec.id()]++;
        }
        if (spec != null && spec == exec) {
            session.resetTransaction();
            String reason = error.startsWith("ERR ") ? error.substring(4) : error;
            session.writer().error("EXECABORT Transaction discarded because of: " + reason);
            return;
        }
        if (session.inMulti()) {
            session.transaction().refuse();
        }
        session.writer().error(error);
    }

    /** EXEC: runs the queued commands atomically, unless a watched key changed or queueing failed. */
    void exec(Session session) {
        Transaction tx = session.transaction();
        if (tx == null) {
            throw new CommandException("ERR EXEC without MULTI");
        }
        boolean touched = server.watchedKeys().touched(session, server.shard());
        session.resetTransaction();
        RespWriter reply = session.writer();
        if (tx.refused()) {
            throw new CommandException("EXECABORT Transaction discarded because of previous errors.");
        }
        if (touched) {
            reply.nullArray();
            return;
        }
        CommandSpec exec = session.spec();
        byte[][] execArgv = session.argv();
        reply.array(tx.queued().size());
        session.executingTransaction(true);
        server.commandLogs().transactionStarted();
        try {
            for (Transaction.Queued q : tx.queued()) {
                String denied = server.acl().authorizeQueued(session, q.spec(), q.argv());
                if (denied != null) {
                    reply.error(denied);
                    continue;
                }
                execute(session, q.spec(), q.argv(), System.nanoTime());
            }
        } finally {
            server.commandLogs().transactionEnded();
            session.executingTransaction(false);
        }
        session.begin(exec, execArgv);
    }

    /**
     * Runs a command that passed every check; {@code start} is its {@code System.nanoTime} at dispatch,
     * so its duration in the statistics includes the table lookup and the checks (tens of ns).
     */
    private void execute(Session session, CommandSpec spec, byte[][] argv, long start) {
        RespWriter reply = session.writer();
        long errorsBefore = reply.errors();
        session.begin(spec, argv);
        int db = session.dbIndex();
        try {
            spec.handler().execute(session);
        } catch (CommandException e) {
            reply.error(e.getMessage());
        }
        if (session.tracking().on()) {
            server.tracking().commandRan(session, spec, argv);
        }
        java.util.List<byte[][]> effects = session.takeEffects();
        server.commandLogs().afterCommand(db, spec, argv, effects);
        long nanos = System.nanoTime() - start;
        long micros = nanos / 1000;
        ServerStats stats = server.stats();
        int id = spec.id();
        stats.calls[id]++;
        stats.usec[id] += micros;
        stats.recordLatency(id, nanos);
        stats.totalCommandsProcessed++;
        if (reply.errors() != errorsBefore) {
            stats.failedCalls[id]++;
        }
        session.lastCommand(spec.fullName());
        server.diagnostics().afterCommand(session, spec, argv, micros);
        server.audit().commandExecuted(session, spec, argv);
        session.begin(null, null);
    }
}
