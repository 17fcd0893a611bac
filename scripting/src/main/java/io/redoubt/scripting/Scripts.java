package io.redoubt.scripting;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.Errors;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A shard's scripts: the cache of bodies by SHA1 (EVAL and SCRIPT LOAD add to it, SCRIPT FLUSH empties
 * it, as in Redis), the Lua state they are compiled into (made on first use, replaced by a flush), and
 * the run of one script with Redis 7.0's checks before it starts. Used on the shard's thread only.
 */
public final class Scripts {
    /** A cached script: its body, its shebang flags and the registry name of its compiled function. */
    record Script(String sha, byte[] body, ScriptFlags flags, String function) {
    }

    private final CommandCaller commands;
    private final Rand48 random = new Rand48(); // one sequence per server, not reset by a flush
    private final Map<String, Script> cache = new HashMap<>();
    private long bodyBytes;
    private LuaEngine vm;

    public Scripts(CommandCaller commands) {
        this.commands = commands;
    }

    private LuaEngine vm() {
        if (vm == null) {
            try {
                vm = LuaEngine.create(commands, random);
            } catch (RuntimeException e) {
                throw new CommandException("ERR Lua scripting is unavailable on this server: " + e.getMessage());
            }
        }
        return vm;
    }

    static String sha1hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SCRIPT LOAD and EVAL's first step: the cached script, compiled now if new. */
    Script load(byte[] body) {
        String sha = sha1hex(body);
        Script s = cache.get(sha);
        if (s != null) {
            return s;
        }
        ScriptFlags flags;
        try {
            flags = ScriptFlags.of(body);
        } catch (ScriptFlags.InvalidShebang e) {
            throw new CommandException("ERR " + e.getMessage());
        }
        String function = "f_" + sha;
        String error = vm().compile(function, body, flags.shebangLength());
        if (error != null) {
            throw new CommandException("ERR Error compiling script (new function): " + error);
        }
        s = new Script(sha, body, flags, function);
        cache.put(sha, s);
        bodyBytes += body.length;
        return s;
    }

    /** EVALSHA's lookup (any letter case), or null. */
    Script find(byte[] sha) {
        if (sha.length != 40) {
            return null;
        }
        return cache.get(new String(sha, java.nio.charset.StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT));
    }

    boolean exists(byte[] sha) {
        return find(sha) != null;
    }

    /** SCRIPT FLUSH: forgets every script and starts a fresh Lua state, as Redis does. */
    void flush() {
        cache.clear();
        bodyBytes = 0;
        if (vm != null) {
            vm.close();
            vm = null;
        }
    }

    /** Number of cached scripts (INFO number_of_cached_scripts). */
    public int size() {
        return cache.size();
    }

    /** Memory of the Lua state (INFO used_memory_lua); 0 before the first script makes it. */
    public long luaMemory() {
        return vm == null ? 0 : vm.memory();
    }

    /** Bytes of the cached scripts' bodies (INFO used_memory_scripts_eval, without Redis's overheads). */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * Runs {@code script} for {@code caller} with keys {@code argv[3 .. 3+numkeys)} and the rest as
     * arguments, after the checks Redis makes before a script that declared flags starts.
     */
    void run(Script script, CommandContext caller, int numkeys, boolean readOnlyCommand) {
        ScriptRun run = admit(commands, script.flags(), caller, readOnlyCommand);
        LuaEngine lua = vm();
        commands.execute(run, () -> lua.run(script.function(), script.sha(), caller.argv(), 3, numkeys, run,
                caller.reply()));
    }

    /**
     * The checks Redis makes before a script that declared flags (or a function) starts, and the run
     * they allow.
     */
    static ScriptRun admit(CommandCaller commands, ScriptFlags flags, CommandContext caller, boolean readOnlyCommand) {
        if (!flags.compatible()) {
            // Redis gives a script that declared flags the command flags they imply (a script that
            // may write is a write command, one not allowed past maxmemory is denyoom) and its
            // processCommand refuses it with the same texts as any such command, in this order.
            if (!flags.allowOom() && !flags.noWrites() && commands.outOfMemory(caller)) {
                throw new CommandException(Errors.OOM);
            }
            if (!flags.noWrites()) {
                String refusal = commands.writeRefusal(caller);
                if (refusal != null) {
                    throw new CommandException(refusal);
                }
                if (readOnlyCommand) {
                    throw new CommandException("ERR Can not execute a script with write flag using *_ro command.");
                }
            }
        }
        return new ScriptRun(caller, readOnlyCommand || flags.noWrites(), flags.allowOom());
    }
}
