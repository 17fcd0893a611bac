package io.redoubt.scripting;

import io.redoubt.engine.command.CommandContext;

/**
 * One execution of a script, as Redis's scriptRunCtx: who called it, what it may do (read-only for
 * {@code EVAL_RO} and {@code no-writes}; {@code allow-oom}), and what it has done so far (whether it
 * wrote, so later writes are not refused half way), its RESP version and replication flags. Lives on
 * the shard's thread for the duration of one call.
 */
public final class ScriptRun {
    private final CommandContext caller;
    private final boolean readOnly;
    private final boolean allowOom;
    private boolean wrote;
    private int resp = 2;
    private int replication = 3; // REPL_ALL

    ScriptRun(CommandContext caller, boolean readOnly, boolean allowOom) {
        this.caller = caller;
        this.readOnly = readOnly;
        this.allowOom = allowOom;
    }

    /** The client whose EVAL runs the script: its user, database and connection. */
    public CommandContext caller() {
        return caller;
    }

    /** EVAL_RO, EVALSHA_RO or a script flagged {@code no-writes}: writes are refused. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Flagged {@code allow-oom}: commands run past maxmemory. */
    public boolean allowOom() {
        return allowOom;
    }

    /** Whether a write command already ran: from then on the script is never stopped half way. */
    public boolean wrote() {
        return wrote;
    }

    public void wrote(boolean b) {
        this.wrote = b;
    }

    /** The protocol {@code redis.call} replies in: 2 unless the script called {@code redis.setresp(3)}. */
    public int resp() {
        return resp;
    }

    public void resp(int version) {
        this.resp = version;
    }

    /** {@code redis.set_repl} flags: 1 AOF, 2 replicas. */
    public int replication() {
        return replication;
    }

    public void replication(int flags) {
        this.replication = flags;
    }
}
