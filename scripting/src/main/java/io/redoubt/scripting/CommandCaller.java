package io.redoubt.scripting;

import io.redoubt.engine.command.CommandContext;

/**
 * How scripts reach the rest of the server: the port the data plane implements. A script's
 * {@code redis.call} goes through the same named checks as a client's command (resolution and arity,
 * commands refused in scripts, the caller's ACL, read-only scripts, disk errors, memory), worded as
 * Redis words them for scripts. Called on the shard's thread while the script runs.
 */
public interface CommandCaller {
    /**
     * Runs {@code argv} (at least one word) for {@code run}'s script as its caller's user, and answers
     * the reply as RESP in the protocol {@link ScriptRun#resp()} names; a refusal is an error reply.
     */
    byte[] call(ScriptRun run, byte[][] argv);

    /**
     * {@code redis.acl_check_cmd}: whether the caller's user may run {@code argv}, or null when no
     * command matches it.
     */
    Boolean permits(ScriptRun run, byte[][] argv);

    /**
     * Runs a whole script ({@code body}) around which the caller's state is kept (its database, its
     * blocking ability) and its writes are logged as one transaction.
     */
    void execute(ScriptRun run, Runnable body);

    /**
     * Why a write cannot run now (MISCONF, or READONLY on a read-only replica), in the words Redis
     * answers any write command; or null.
     */
    String writeRefusal(CommandContext caller);

    /** Whether the server is over maxmemory and cannot free enough. */
    boolean outOfMemory(CommandContext caller);
}
