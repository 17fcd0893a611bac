package io.redoubt.scripting;

import io.redoubt.resp.ReplySink;

/**
 * A Lua state that compiles and runs scripts, behind an interface because its implementation
 * ({@code io.redoubt.scripting.lua}) uses the Foreign Function and Memory API, final only from Java
 * 22, and is compiled for 22 while the rest of the code base targets 21. Used on one thread.
 */
public interface LuaEngine extends AutoCloseable {
    /**
     * Compiles {@code body} from byte {@code from} as {@code @user_script} and keeps it under
     * {@code name}; answers null, or the compiler's message.
     */
    String compile(String name, byte[] body, int from);

    /** Forgets a compiled script. */
    void forget(String name);

    /**
     * Runs the script kept under {@code name} with {@code KEYS = argv[firstKey .. firstKey+numkeys)}
     * and the rest as {@code ARGV}, writing its reply (or Redis's error naming {@code sha}) to
     * {@code out}.
     */
    void run(String name, String sha, byte[][] argv, int firstKey, int numkeys, ScriptRun run, ReplySink out);

    /** A function a library registered: its name, description (or null) and flags as Redis names them. */
    record RegisteredFunction(String name, byte[] description, java.util.List<String> flags) {
    }

    /**
     * Compiles and runs a library's code (from byte {@code from}, past its shebang) so that it registers
     * its functions, kept under {@code prefix + name}; answers null (with {@code out} filled), or
     * Redis's error text without "ERR ".
     */
    String loadLibrary(String prefix, byte[] code, int from, java.util.List<RegisteredFunction> out);

    /** Makes this state the one functions run in: KEYS and ARGV are no globals there. */
    void forFunctions();

    /**
     * Calls the function kept under {@code name} with the keys {@code argv[firstKey .. firstKey+numkeys)}
     * and the rest as its two table arguments, writing its reply (or Redis's error naming
     * {@code function}) to {@code out}.
     */
    void call(String name, String function, byte[][] argv, int firstKey, int numkeys, ScriptRun run, ReplySink out);

    /** Bytes the state holds. */
    long memory();

    @Override
    void close();

    /** The liblua5.1 engine, loaded by name so that this module's Java 21 classes do not link to it. */
    static LuaEngine create(CommandCaller commands, Rand48 random) {
        try {
            return (LuaEngine) Class.forName("io.redoubt.scripting.lua.LuaVm")
                    .getConstructor(CommandCaller.class, Rand48.class).newInstance(commands, random);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } catch (UnsupportedClassVersionError e) {
            throw new IllegalStateException("Lua scripting needs Java 22 or newer (the FFM API); this is "
                    + Runtime.version(), e);
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load the Lua binding: " + e, e);
        }
    }
}
