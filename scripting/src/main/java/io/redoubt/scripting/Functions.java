package io.redoubt.scripting;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.keyspace.FunctionLibraries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A shard's function libraries (Redis 7.0's FUNCTION LOAD): each library's code, the functions it
 * registered and their flags, compiled into a Lua state of their own (Redis too keeps functions apart
 * from EVAL's scripts). Library names are case-sensitive and function names are not, as in Redis.
 * A change (load, delete, flush, restore) happens whole or not at all. Used on the shard's thread.
 */
public final class Functions implements FunctionLibraries {
    /** A registered function: its library, its flags and the registry name of its callback. */
    record Function(String name, String library, byte[] description, List<String> flagNames, ScriptFlags flags,
                    String callback) {
    }

    /** A loaded library: its name, its code as sent, and its functions in registration order. */
    record Library(String name, byte[] code, Map<String, Function> functions) {
    }

    /** FUNCTION RESTORE's policies. */
    enum RestorePolicy { FLUSH, APPEND, REPLACE }

    private final CommandCaller commands;
    private final Rand48 random = new Rand48();
    private Map<String, Library> libraries = new LinkedHashMap<>();
    private Map<String, Function> functions = new LinkedHashMap<>(); // by lower-case name
    private long loads;
    private LuaEngine vm;

    public Functions(CommandCaller commands) {
        this.commands = commands;
    }

    private LuaEngine vm() {
        if (vm == null) {
            try {
                vm = LuaEngine.create(commands, random);
                vm.forFunctions();
            } catch (RuntimeException e) {
                throw new CommandException("ERR Lua scripting is unavailable on this server: " + e.getMessage());
            }
        }
        return vm;
    }

    /** The library's metadata from its shebang, as Redis's functionExtractLibMetaData reads it. */
    private record Metadata(String name, String engine, int codeFrom) {
        static Metadata of(byte[] code) {
            if (code.length < 2 || code[0] != '#' || code[1] != '!') {
                throw new CommandException("ERR Missing library metadata");
            }
            int end = 0;
            while (end < code.length && code[end] != '\n') {
                end++;
            }
            if (end == code.length) {
                throw new CommandException("ERR Invalid library metadata");
            }
            String[] parts = new String(code, 0, end, StandardCharsets.UTF_8).trim().split("[ \t\r\n\f\u000b]+");
            String engine = parts[0].substring(Math.min(2, parts[0].length()));
            String name = null;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].regionMatches(true, 0, "name=", 0, 5)) {
                    if (name != null) {
                        throw new CommandException("ERR Invalid metadata value, name argument was given multiple times");
                    }
                    name = parts[i].substring(5);
                    continue;
                }
                throw new CommandException("ERR Invalid metadata value given: " + parts[i]);
            }
            if (name == null) {
                throw new CommandException("ERR Library name was not given");
            }
            return new Metadata(name, engine, end);
        }
    }

    /** The maps a change works on: copies, swapped in only when the change succeeds. */
    private final class Draft {
        final Map<String, Library> libs = new LinkedHashMap<>(libraries);
        final Map<String, Function> fns = new LinkedHashMap<>(functions);
        final List<Library> added = new ArrayList<>();
        final List<Library> removed = new ArrayList<>();

        void remove(Library old) {
            libs.remove(old.name());
            for (Function f : old.functions().values()) {
                fns.remove(key(f.name()));
            }
            removed.add(old);
        }

        void add(Library lib) {
            libs.put(lib.name(), lib);
            for (Function f : lib.functions().values()) {
                fns.put(key(f.name()), f);
            }
            added.add(lib);
        }

        void commit() {
            libraries = libs;
            functions = fns;
            for (Library old : removed) {
                if (!added.contains(old)) {
                    forget(old);
                }
            }
        }

        void abandon() {
            for (Library lib : added) {
                forget(lib);
            }
        }
    }

    private void forget(Library lib) {
        if (vm == null) {
            return;
        }
        for (Function f : lib.functions().values()) {
            vm.forget(f.callback());
        }
    }

    private static String key(String functionName) {
        return functionName.toLowerCase(Locale.ROOT);
    }

    /**
     * Compiles {@code code} and runs it so it registers its functions, checked on its own (a
     * library's name, its engine, at least one function) but not yet against the other libraries.
     */
    private Library compile(byte[] code, Metadata md) {
        if (!md.name().matches("[A-Za-z0-9_]+")) {
            throw new CommandException("ERR Library names can only contain letters, numbers, or underscores(_) and "
                    + "must be at least one character long");
        }
        if (!md.engine().equalsIgnoreCase("lua")) {
            throw new CommandException("ERR Engine '" + md.engine() + "' not found");
        }
        String prefix = "fn." + (++loads) + ".";
        List<LuaEngine.RegisteredFunction> registered = new ArrayList<>();
        String error = vm().loadLibrary(prefix, code, md.codeFrom(), registered);
        if (error != null) {
            throw new CommandException("ERR " + error);
        }
        Map<String, Function> fns = new LinkedHashMap<>();
        for (LuaEngine.RegisteredFunction r : registered) {
            List<String> names = r.flags();
            ScriptFlags flags = new ScriptFlags(false, names.contains("no-writes"), names.contains("allow-oom"),
                    names.contains("allow-stale"), names.contains("no-cluster"),
                    names.contains("allow-cross-slot-keys"), 0);
            fns.put(r.name(), new Function(r.name(), md.name(), r.description(), names, flags, prefix + r.name()));
        }
        Library lib = new Library(md.name(), code, fns);
        if (fns.isEmpty()) {
            throw new CommandException("ERR No functions registered");
        }
        return lib;
    }

    /** The first function of {@code lib} whose name another library in {@code draft} already has, or null. */
    private static String collision(Draft draft, Library lib) {
        for (Function f : lib.functions().values()) {
            if (draft.fns.containsKey(key(f.name()))) {
                return f.name();
            }
        }
        return null;
    }

    /** FUNCTION LOAD: the library's name, or Redis's error. */
    String load(byte[] code, boolean replace) {
        Metadata md = Metadata.of(code);
        Draft draft = new Draft();
        Library old = draft.libs.get(md.name());
        if (old != null && !replace && md.name().matches("[A-Za-z0-9_]+") && md.engine().equalsIgnoreCase("lua")) {
            throw new CommandException("ERR Library '" + md.name() + "' already exists");
        }
        Library lib = compile(code, md);
        if (old != null) {
            draft.remove(old);
        }
        String taken = collision(draft, lib);
        if (taken != null) {
            forget(lib);
            throw new CommandException("ERR Function " + taken + " already exists");
        }
        draft.add(lib);
        draft.commit();
        return lib.name();
    }

    /** FUNCTION DELETE: false when no library has that name. */
    boolean delete(byte[] name) {
        Library lib = libraries.get(new String(name, StandardCharsets.UTF_8));
        if (lib == null) {
            return false;
        }
        Draft draft = new Draft();
        draft.remove(lib);
        draft.commit();
        return true;
    }

    /** FUNCTION FLUSH: forgets every library and starts a fresh Lua state, as Redis does. */
    void flush() {
        libraries = new LinkedHashMap<>();
        functions = new LinkedHashMap<>();
        if (vm != null) {
            vm.close();
            vm = null;
        }
    }

    /**
     * FUNCTION RESTORE: loads the libraries of a payload as Redis's libraryJoin joins them with the
     * current ones ({@code APPEND} refuses a library that exists, {@code REPLACE} replaces it,
     * {@code FLUSH} starts from none); all of them or none.
     */
    void restore(List<byte[]> codes, RestorePolicy policy) {
        List<Library> loaded = new ArrayList<>();
        Map<String, Library> byName = new LinkedHashMap<>();
        try {
            for (byte[] code : codes) {
                Metadata md = Metadata.of(code);
                if (byName.containsKey(md.name())) {
                    throw new CommandException("ERR Library '" + md.name() + "' already exists");
                }
                Library lib = compile(code, md);
                loaded.add(lib);
                byName.put(lib.name(), lib);
            }
        } catch (CommandException e) {
            loaded.forEach(this::forget);
            throw e;
        }
        Draft draft = new Draft();
        if (policy == RestorePolicy.FLUSH) {
            for (Library old : new ArrayList<>(draft.libs.values())) {
                draft.remove(old);
            }
        }
        for (Library lib : loaded) {
            Library old = draft.libs.get(lib.name());
            if (old != null) {
                if (policy == RestorePolicy.APPEND) {
                    loaded.forEach(this::forget);
                    throw new CommandException("ERR Library " + lib.name() + " already exists");
                }
                draft.remove(old);
            }
        }
        for (Library lib : loaded) {
            String taken = collision(draft, lib);
            if (taken != null) {
                loaded.forEach(this::forget);
                throw new CommandException("ERR Function " + taken + " already exists");
            }
            draft.add(lib);
        }
        draft.commit();
    }

    /** FCALL's lookup (any letter case), or null. */
    Function find(byte[] name) {
        return functions.get(key(new String(name, StandardCharsets.UTF_8)));
    }

    /** Runs {@code f} for {@code caller} with keys {@code argv[3 .. 3+numkeys)} and the rest as arguments. */
    void call(Function f, CommandContext caller, int numkeys, boolean readOnlyCommand) {
        ScriptRun run = Scripts.admit(commands, f.flags(), caller, readOnlyCommand);
        LuaEngine lua = vm();
        commands.execute(run, () -> lua.call(f.callback(), f.name(), caller.argv(), 3, numkeys, run, caller.reply()));
    }

    Iterable<Library> libraries() {
        return libraries.values();
    }

    /** Number of functions of every library. */
    public int functionCount() {
        return functions.size();
    }

    public int libraryCount() {
        return libraries.size();
    }

    /** Bytes of the libraries' code (INFO used_memory_functions, without Redis's overheads). */
    public long codeBytes() {
        long n = 0;
        for (Library lib : libraries.values()) {
            n += lib.code().length;
        }
        return n;
    }

    /** Memory of the functions' Lua state (INFO used_memory_vm_functions); 0 before the first load. */
    public long luaMemory() {
        return vm == null ? 0 : vm.memory();
    }

    // ---- FunctionLibraries: what persistence sees --------------------------------------------------

    @Override
    public List<byte[]> codes() {
        List<byte[]> out = new ArrayList<>(libraries.size());
        for (Library lib : libraries.values()) {
            out.add(lib.code());
        }
        return out;
    }

    @Override
    public void load(byte[] code) {
        try {
            load(code, true);
        } catch (CommandException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        flush();
    }
}
