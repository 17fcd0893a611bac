package io.redoubt.scripting.lua;

import static io.redoubt.scripting.lua.LuaLibrary.GLOBALSINDEX;
import static io.redoubt.scripting.lua.LuaLibrary.REGISTRYINDEX;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.redoubt.resp.DoubleFormat;
import io.redoubt.scripting.CommandCaller;
import io.redoubt.scripting.LuaEngine;
import io.redoubt.scripting.Rand48;
import io.redoubt.scripting.ScriptRun;
import io.redoubt.resp.ReplySink;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lua 5.1 state with Redis's libraries and sandbox, owned by one shard's thread (Redis has one per
 * server): compiles scripts into its registry and runs them. The Java functions scripts reach
 * ({@code redis.call} and the rest) are upcalls that never raise a Lua error: see {@link LuaLibrary}.
 * Not thread-safe; {@link #close} frees the native state.
 */
public final class LuaVm implements LuaEngine {
    private static final Logger LOG = LoggerFactory.getLogger("io.redoubt.scripting.user_script");
    private static final byte[] SANDBOX = resource("sandbox.lua");
    static final String IGNORE_STATS = "ignore_error_stats_update";

    private final LuaLibrary lua = LuaLibrary.get();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state;
    private final MemorySegment length;
    private final MemorySegment kKeys;
    private final MemorySegment kArgv;
    private final MemorySegment kGlobals;
    private final MemorySegment kHandler;
    private final MemorySegment kErr;
    private final MemorySegment kOk;
    private final CommandCaller commands;
    private final Rand48 random;
    private final RespToLua replies = new RespToLua(this);
    private final java.util.Map<String, MemorySegment> names = new java.util.HashMap<>();
    private MemorySegment scratch;
    private ScriptRun run;

    public LuaVm(CommandCaller commands, Rand48 random) {
        this.commands = commands;
        this.random = random;
        this.length = arena.allocate(JAVA_LONG);
        this.scratch = arena.allocate(4096);
        this.kKeys = arena.allocateFrom("KEYS");
        this.kArgv = arena.allocateFrom("ARGV");
        this.kGlobals = arena.allocateFrom("rd.globals");
        this.kHandler = arena.allocateFrom("rd.handler");
        this.kErr = arena.allocateFrom("err");
        this.kOk = arena.allocateFrom("ok");
        try {
            this.state = (MemorySegment) lua.newstate.invokeExact();
            if (state.address() == 0) {
                throw new IllegalStateException("luaL_newstate failed");
            }
            open(lua.openBase, "");
            open(lua.openTable, "table");
            open(lua.openString, "string");
            open(lua.openMath, "math");
            open(lua.openDebug, "debug");
            open(lua.openBit, "bit");
            lua.pushcclosure.invokeExact(state, lua.openCjson, 0);
            check((int) lua.pcall.invokeExact(state, 0, 1, 0), "cjson");
            lua.setfield.invokeExact(state, GLOBALSINDEX, name("cjson"));
            upcall("__rd_call", "redisCall");
            upcall("__rd_pcall", "redisPcall");
            upcall("__rd_random", "random");
            upcall("__rd_seed", "seed");
            upcall("__rd_log", "log");
            upcall("__rd_setresp", "setResp");
            upcall("__rd_setrepl", "setRepl");
            upcall("__rd_sha1hex", "sha1hex");
            upcall("__rd_acl", "aclCheck");
            upcall("__rd_mp_pack", "msgpackPack");
            upcall("__rd_mp_unpack", "msgpackUnpack");
            upcall("__rd_struct_pack", "structPack");
            upcall("__rd_struct_unpack", "structUnpack");
            upcall("__rd_struct_size", "structSize");
            upcall("__rd_millis", "millis");
            MemorySegment code = bytes(SANDBOX);
            check((int) lua.loadbuffer.invokeExact(state, code, (long) SANDBOX.length, arena.allocateFrom("=redoubt")),
                    "sandbox");
            check((int) lua.pcall.invokeExact(state, 0, 0, 0), "sandbox");
            lua.settop.invokeExact(state, 0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A C string for a table key or registry name, made once (the arena frees them with the state). */
    private MemorySegment name(String key) {
        MemorySegment s = names.get(key);
        if (s == null) {
            s = arena.allocateFrom(key);
            names.put(key, s);
        }
        return s;
    }

    private static byte[] resource(String name) {
        try (InputStream in = LuaVm.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void open(MemorySegment opener, String name) throws Throwable {
        lua.pushcclosure.invokeExact(state, opener, 0);
        pushString(name);
        check((int) lua.pcall.invokeExact(state, 1, 0, 0), name);
    }

    private void check(int rc, String what) throws Throwable {
        if (rc != 0) {
            String message = new String(toBytes(-1), StandardCharsets.UTF_8);
            throw new IllegalStateException("Lua " + what + ": " + message);
        }
    }

    private void upcall(String global, String method) throws Throwable {
        MethodHandle target = MethodHandles.lookup()
                .findVirtual(LuaVm.class, method, MethodType.methodType(int.class, MemorySegment.class))
                .bindTo(this);
        MemorySegment stub = lua.linker.upcallStub(target, FunctionDescriptor.of(JAVA_INT, ADDRESS), arena);
        lua.pushcclosure.invokeExact(state, stub, 0);
        lua.setfield.invokeExact(state, GLOBALSINDEX, name(global));
    }

    // ---- scripts ----------------------------------------------------------------------------------

    /**
     * Compiles {@code body} (from byte {@code from}: past a shebang line, keeping its line feed so line
     * numbers stay the user's) as {@code @user_script} and keeps it under {@code name}.
     *
     * @return null, or the compiler's message ({@code user_script:1: ...})
     */
    @Override
    public String compile(String name, byte[] body, int from) {
        try {
            String error = compileChunk(body, from, "@user_script");
            if (error == null) {
                lua.setfield.invokeExact(state, REGISTRYINDEX, name(name));
            }
            return error;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code body} from byte {@code from} under {@code chunkName} and leaves the function alone
     * on the stack; or answers the compiler's message with the stack empty.
     */
    private String compileChunk(byte[] body, int from, String chunkName) throws Throwable {
        lua.settop.invokeExact(state, 0);
        MemorySegment code = bytes(body, from, body.length - from);
        int rc = (int) lua.loadbuffer.invokeExact(state, code, (long) (body.length - from), name(chunkName));
        if (rc != 0) {
            String message = new String(toBytes(-1), StandardCharsets.UTF_8);
            lua.settop.invokeExact(state, 0);
            return message;
        }
        // compiled again from its dump without tail calls (see TailCalls): the dump is made by this
        // same library from source it just checked, so loading it back cannot fail
        lua.getfield.invokeExact(state, REGISTRYINDEX, name("rd.dump"));
        lua.pushvalue.invokeExact(state, -2);
        check((int) lua.pcall.invokeExact(state, 1, 1, 0), "string.dump");
        byte[] chunk = TailCalls.removeFrom(toBytes(-1));
        lua.settop.invokeExact(state, 0);
        check((int) lua.loadbuffer.invokeExact(state, bytes(chunk), (long) chunk.length, name(chunkName)),
                "a compiled script");
        return null;
    }

    /**
     * FUNCTION LOAD: compiles a library's code as {@code @user_function} and runs it where only
     * {@code redis.register_function}, {@code redis.log} and the constants are reachable, as Redis's
     * luaEngineCreate does; each registered callback is kept in the registry as {@code prefix + name}.
     *
     * @return null, or Redis's message ({@code Error compiling function: ...} or
     *     {@code Error registering functions: ...})
     */
    @Override
    public String loadLibrary(String prefix, byte[] code, int from, java.util.List<RegisteredFunction> out) {
        try {
            String error = compileChunk(code, from, "@user_function");
            if (error != null) {
                return "Error compiling function: " + error;
            }
            lua.getfield.invokeExact(state, REGISTRYINDEX, name("rd.load_library"));
            lua.insert.invokeExact(state, 1);
            pushString(prefix);
            check((int) lua.pcall.invokeExact(state, 2, 2, 0), "load_library");
            if (type(-1) == LuaLibrary.TSTRING) {
                String message = text(-1);
                lua.settop.invokeExact(state, 0);
                return "Error registering functions: " + message;
            }
            int n = (int) (long) lua.objlen.invokeExact(state, 1);
            for (int i = 1; i <= n; i++) {
                lua.rawgeti.invokeExact(state, 1, i);
                lua.rawgeti.invokeExact(state, -1, 1);
                String fname = text(-1);
                lua.rawgeti.invokeExact(state, -2, 2);
                byte[] description = type(-1) == LuaLibrary.TSTRING ? toBytes(-1) : null;
                lua.rawgeti.invokeExact(state, -3, 3);
                String flags = text(-1);
                lua.settop.invokeExact(state, 1);
                out.add(new RegisteredFunction(fname, description,
                        flags.isEmpty() ? java.util.List.of() : java.util.List.of(flags.split(","))));
            }
            lua.settop.invokeExact(state, 0);
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes this state the functions' one: no KEYS or ARGV globals (FCALL passes them as arguments). */
    @Override
    public void forFunctions() {
        try {
            lua.getfield.invokeExact(state, REGISTRYINDEX, name("rd.functions_state"));
            check((int) lua.pcall.invokeExact(state, 0, 0, 0), "functions_state");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * FCALL: calls the callback kept under {@code name} with the keys and the arguments as its two
     * table arguments, writing its reply (or Redis's error naming {@code function}) to {@code out}.
     */
    @Override
    public void call(String name, String function, byte[][] argv, int firstKey, int numkeys, ScriptRun context,
                     ReplySink out) {
        invoke(function, context, out, () -> {
            lua.getfield.invokeExact(state, REGISTRYINDEX, name(name));
            pushArray(argv, firstKey, numkeys);
            pushArray(argv, firstKey + numkeys, argv.length - firstKey - numkeys);
            return 2;
        });
    }

    /** Pushes the function to call and its arguments above the error handler; answers how many arguments. */
    @FunctionalInterface
    private interface CallSetup {
        int push() throws Throwable;
    }

    /**
     * Calls what {@code setup} pushes under Redis's error handler for {@code context}, writing its
     * reply, or Redis's error naming {@code errorName} (the script's SHA or the function's name).
     */
    private void invoke(String errorName, ScriptRun context, ReplySink out, CallSetup setup) {
        ScriptRun outer = run;
        run = context;
        try {
            lua.settop.invokeExact(state, 0);
            lua.getfield.invokeExact(state, REGISTRYINDEX, kHandler);   // 1: the error handler
            int nargs = setup.push();
            int rc = (int) lua.pcall.invokeExact(state, nargs, 1, 1);
            if (rc != 0) {
                writeError(errorName, out);
            } else {
                new LuaToResp(this, context.resp()).write(out);
            }
            lua.settop.invokeExact(state, 0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            run = outer;
        }
    }

    /** Forgets a compiled script. */
    @Override
    public void forget(String name) {
        try {
            lua.pushnil.invokeExact(state);
            lua.setfield.invokeExact(state, REGISTRYINDEX, name(name));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the script kept under {@code name} with {@code KEYS} and {@code ARGV}, writing its result
     * (or Redis's error text naming {@code sha}) to {@code out}.
     */
    @Override
    public void run(String name, String sha, byte[][] argv, int firstKey, int numkeys, ScriptRun context,
                    ReplySink out) {
        invoke(sha, context, out, () -> {
            lua.getfield.invokeExact(state, REGISTRYINDEX, kGlobals);   // the real globals
            pushArray(argv, firstKey, numkeys);
            lua.setfield.invokeExact(state, -2, kKeys);
            pushArray(argv, firstKey + numkeys, argv.length - firstKey - numkeys);
            lua.setfield.invokeExact(state, -2, kArgv);
            lua.settop.invokeExact(state, 1);
            lua.getfield.invokeExact(state, REGISTRYINDEX, name(name));
            return 0;
        });
    }

    /** Redis's luaCallFunction error: {@code msg script: <sha>, on <source>:<line>.} */
    private void writeError(String sha, ReplySink out) throws Throwable {
        if (type(-1) != LuaLibrary.TTABLE) {
            String msg = type(-1) == LuaLibrary.TSTRING ? text(-1) : "execution failure";
            out.error("ERR Error running script " + sha + ", " + (msg.length() > 100 ? msg.substring(0, 100) : msg));
            return;
        }
        String msg = field(-1, "err");
        String source = field(-1, "source");
        String line = field(-1, "line");
        StringBuilder text = new StringBuilder(msg == null ? "" : msg);
        if (source != null && line != null) {
            text.append(" script: ").append(sha).append(", on ").append(source).append(':').append(line).append('.');
        }
        LuaToResp.error(out, oneLine(text.toString()), flag(-1, IGNORE_STATS));
    }

    /** Whether the table at {@code index} has {@code key} set to true. */
    boolean flag(int index, String key) throws Throwable {
        lua.getfield.invokeExact(state, index, name(key));
        boolean set = (int) lua.toboolean.invokeExact(state, -1) != 0;
        lua.settop.invokeExact(state, -2);
        return set;
    }

    static String oneLine(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace('\r', ' ').replace('\n', ' ');
    }

    /** A string (or number) field of the table at {@code index}, or null. */
    String field(int index, String key) throws Throwable {
        lua.getfield.invokeExact(state, index, name(key));
        int t = type(-1);
        String value = t == LuaLibrary.TSTRING || t == LuaLibrary.TNUMBER ? text(-1) : null;
        lua.settop.invokeExact(state, -2);
        return value;
    }

    // ---- upcalls: each returns its results' count and never raises --------------------------------

    private int redisCall(MemorySegment l) {
        return command(true);
    }

    private int redisPcall(MemorySegment l) {
        return command(false);
    }

    /** redis.call / redis.pcall: on an error reply, call answers (error table, true) for Lua to raise. */
    private int command(boolean raise) {
        try {
            byte[][] argv = arguments();
            byte[] reply;
            if (argv == null) {
                return failure(raise, "Lua redis lib command arguments must be strings or integers");
            } else if (argv.length == 0) {
                return failure(raise, "Please specify at least one argument for this redis lib call");
            } else if (run == null) {
                return failure(raise, "redis.call can only be called inside a script invocation");
            }
            reply = commands.call(run, argv);
            lua.settop.invokeExact(state, 0);
            replies.push(reply, run.resp());
            if (reply.length > 0 && reply[0] == '-') {
                // counted in INFO errorstats when the command failed: not again if the script answers it
                lua.pushboolean.invokeExact(state, 1);
                lua.setfield.invokeExact(state, -2, name(IGNORE_STATS));
                if (raise) {
                    lua.pushboolean.invokeExact(state, 1);
                    return 2;
                }
            }
            return 1;
        } catch (Throwable e) {
            LOG.error("redis.call failed inside the server", e);
            return failure(raise, "internal error running the command: " + e);
        }
    }

    private int aclCheck(MemorySegment l) {
        try {
            byte[][] argv = arguments();
            if (argv == null) {
                return failure(true, "Lua redis lib command arguments must be strings or integers");
            } else if (argv.length == 0) {
                return failure(true, "Please specify at least one argument for this redis lib call");
            } else if (run == null) {
                return failure(true, "redis.acl_check_cmd can only be called inside a script invocation");
            }
            Boolean allowed = commands.permits(run, argv);
            if (allowed == null) {
                return failure(true, "Invalid command passed to redis.acl_check_cmd()");
            }
            lua.settop.invokeExact(state, 0);
            lua.pushboolean.invokeExact(state, allowed ? 1 : 0);
            return 1;
        } catch (Throwable e) {
            return failure(true, "internal error: " + e);
        }
    }

    /** The call's arguments as Redis's luaArgsToRedisArgv makes them; null when one is of another type. */
    private byte[][] arguments() throws Throwable {
        int n = (int) lua.gettop.invokeExact(state);
        byte[][] argv = new byte[n][];
        for (int i = 1; i <= n; i++) {
            int t = type(i);
            if (t == LuaLibrary.TSTRING) {
                argv[i - 1] = toBytes(i);
            } else if (t == LuaLibrary.TNUMBER) {
                argv[i - 1] = numberText((double) lua.tonumber.invokeExact(state, i)).getBytes(StandardCharsets.US_ASCII);
            } else {
                return null;
            }
        }
        return argv;
    }

    /** Redis 7.0 passes a Lua number to a command as {@code %.17g}. */
    static String numberText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return DoubleFormat.g17(d);
    }

    /** Pushes Redis's error table ({@code ERR text}), followed by true when it is to be raised. */
    private int failure(boolean raise, String text) {
        try {
            lua.settop.invokeExact(state, 0);
            pushErrorTable("ERR " + text);
            if (raise) {
                lua.pushboolean.invokeExact(state, 1);
                return 2;
            }
            return 1;
        } catch (Throwable e) {
            return 0;
        }
    }

    /** Work on the stack of a library upcall, which may refuse with its library's text. */
    @FunctionalInterface
    private interface LibraryCall {
        int run() throws Throwable;
    }

    /** Runs a library upcall: its results, or (FAIL, message) for its Lua wrapper to raise. */
    private int library(LibraryCall call) {
        try {
            return call.run();
        } catch (LibraryError e) {
            return fail(e.getMessage());
        } catch (Throwable e) {
            return fail("internal error: " + e);
        }
    }

    /** Replaces the upcall's arguments with one string result. */
    private int result(byte[] value) throws Throwable {
        lua.settop.invokeExact(state, 0);
        pushBytes(value, 0, value.length);
        return 1;
    }

    /** cmsgpack.pack(...). */
    private int msgpackPack(MemorySegment l) {
        return library(() -> {
            int n = (int) lua.gettop.invokeExact(state);
            if (n == 0) {
                throw new LibraryError("bad argument #0 to 'pack' (MessagePack pack needs input.)");
            }
            return result(new MsgPack(this).pack(n));
        });
    }

    /** cmsgpack.unpack, unpack_one and unpack_limit, as (string, limit, offset); 0 and 0 decode all. */
    private int msgpackUnpack(MemorySegment l) {
        return library(() -> {
            byte[] data = toBytes(1);
            int limit = (int) (double) lua.tonumber.invokeExact(state, 2);
            int offset = (int) (double) lua.tonumber.invokeExact(state, 3);
            boolean all = limit == 0 && offset == 0;
            if (offset < 0 || limit < 0) {
                throw new LibraryError("Invalid request to unpack with offset of " + offset + " and limit of "
                        + data.length + ".");
            } else if (offset > data.length) {
                throw new LibraryError("Start offset " + offset + " greater than input length " + data.length + ".");
            }
            lua.settop.invokeExact(state, 0);
            MsgPack codec = new MsgPack(this);
            int count = codec.unpack(data, offset, all ? 0 : limit);
            if (!all) {
                lua.pushnumber.invokeExact(state, (double) (codec.offset() >= data.length ? -1 : codec.offset()));
                lua.insert.invokeExact(state, 1);
                count++;
            }
            return count;
        });
    }

    private int structPack(MemorySegment l) {
        return library(() -> result(new Struct(this, "pack").pack()));
    }

    private int structUnpack(MemorySegment l) {
        return library(() -> new Struct(this, "unpack").unpack());
    }

    private int structSize(MemorySegment l) {
        return library(() -> {
            long size = new Struct(this, "size").size();
            lua.settop.invokeExact(state, 0);
            lua.pushnumber.invokeExact(state, (double) size);
            return 1;
        });
    }

    /** The failure convention of library upcalls: (FAIL, message), raised by the Lua wrapper. */
    private int fail(String message) {
        try {
            lua.settop.invokeExact(state, 0);
            lua.getfield.invokeExact(state, REGISTRYINDEX, name("rd.fail"));
            pushString(message);
            return 2;
        } catch (Throwable e) {
            return 0;
        }
    }

    private int random(MemorySegment l) {
        try {
            lua.pushnumber.invokeExact(state, random.next());
            return 1;
        } catch (Throwable e) {
            return 0;
        }
    }

    /** A monotonic clock in milliseconds, for FUNCTION LOAD's time limit. */
    private int millis(MemorySegment l) {
        try {
            lua.pushnumber.invokeExact(state, (double) (System.nanoTime() / 1_000_000));
            return 1;
        } catch (Throwable e) {
            return 0;
        }
    }

    private int seed(MemorySegment l) {
        try {
            random.seed((int) (long) (double) lua.tonumber.invokeExact(state, 1));
        } catch (Throwable e) {
            LOG.error("math.randomseed", e);
        }
        return 0;
    }

    private int log(MemorySegment l) {
        try {
            int level = (int) (double) lua.tonumber.invokeExact(state, 1);
            String line = new String(toBytes(2), StandardCharsets.UTF_8);
            switch (level) {
                case 0 -> LOG.debug(line);
                case 1 -> LOG.info(line);
                case 2 -> LOG.info(line);
                default -> LOG.warn(line);
            }
        } catch (Throwable e) {
            LOG.error("redis.log", e);
        }
        return 0;
    }

    private int setResp(MemorySegment l) {
        try {
            if (run != null) {
                run.resp((int) (double) lua.tonumber.invokeExact(state, 1));
            }
        } catch (Throwable e) {
            LOG.error("redis.setresp", e);
        }
        return 0;
    }

    private int setRepl(MemorySegment l) {
        try {
            if (run != null) {
                run.replication((int) (double) lua.tonumber.invokeExact(state, 1));
            }
        } catch (Throwable e) {
            LOG.error("redis.set_repl", e);
        }
        return 0;
    }

    private int sha1hex(MemorySegment l) {
        try {
            byte[] digest = sha1(toBytes(1));
            lua.settop.invokeExact(state, 0);
            pushString(HexFormat.of().formatHex(digest));
            return 1;
        } catch (Throwable e) {
            return 0;
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the stack, for this package's converters ---------------------------------------------------

    MemorySegment state() {
        return state;
    }

    LuaLibrary lua() {
        return lua;
    }

    int type(int index) throws Throwable {
        return (int) lua.type.invokeExact(state, index);
    }

    /** The bytes of the string at {@code index} (a number is converted in place, as Lua does). */
    byte[] toBytes(int index) throws Throwable {
        MemorySegment p = (MemorySegment) lua.tolstring.invokeExact(state, index, length);
        if (p.address() == 0) {
            return new byte[0];
        }
        long n = length.get(JAVA_LONG, 0);
        return p.reinterpret(n).toArray(JAVA_BYTE);
    }

    String text(int index) throws Throwable {
        if (type(index) == LuaLibrary.TNUMBER) {
            // Lua's own %.14g, without converting the value on the stack in place
            lua.pushvalue.invokeExact(state, index);
            String s = new String(toBytes(-1), StandardCharsets.UTF_8);
            lua.settop.invokeExact(state, -2);
            return s;
        }
        return new String(toBytes(index), StandardCharsets.UTF_8);
    }

    void pushBytes(byte[] b, int offset, int len) throws Throwable {
        MemorySegment s = bytes(b, offset, len);
        lua.pushlstring.invokeExact(state, s, (long) len);
    }

    void pushString(String s) throws Throwable {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        pushBytes(b, 0, b.length);
    }

    /** Pushes {@code {err = text}}. */
    void pushErrorTable(String text) throws Throwable {
        lua.createtable.invokeExact(state, 0, 1);
        pushString(text);
        lua.setfield.invokeExact(state, -2, kErr);
    }

    /** Pushes {@code {ok = text}}. */
    void pushStatusTable(byte[] b, int offset, int len) throws Throwable {
        lua.createtable.invokeExact(state, 0, 1);
        pushBytes(b, offset, len);
        lua.setfield.invokeExact(state, -2, kOk);
    }

    void setField(int index, String key) throws Throwable {
        lua.setfield.invokeExact(state, index, name(key));
    }

    boolean checkStack(int extra) throws Throwable {
        return (int) lua.checkstack.invokeExact(state, extra) != 0;
    }

    private void pushArray(byte[][] argv, int from, int count) throws Throwable {
        lua.createtable.invokeExact(state, count, 0);
        for (int i = 0; i < count; i++) {
            byte[] a = argv[from + i];
            pushBytes(a, 0, a.length);
            lua.rawseti.invokeExact(state, -2, i + 1);
        }
    }

    private MemorySegment bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    /** {@code b} copied into the scratch buffer (Lua copies what it is given): no allocation per push. */
    private MemorySegment bytes(byte[] b, int offset, int len) {
        if (scratch.byteSize() < len) {
            scratch = arena.allocate(Math.max(len, scratch.byteSize() * 2));
        }
        MemorySegment.copy(b, offset, scratch, JAVA_BYTE, 0, len);
        return scratch;
    }

    /** Lua's memory in use, in bytes (INFO's used_memory_lua). */
    @Override
    public long memory() {
        try {
            int kb = (int) lua.gc.invokeExact(state, LuaLibrary.GCCOUNT, 0);
            return kb * 1024L;
        } catch (Throwable e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            lua.close.invokeExact(state);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        arena.close();
    }
}
