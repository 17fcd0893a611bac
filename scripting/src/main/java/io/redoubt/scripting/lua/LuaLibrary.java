package io.redoubt.scripting.lua;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The Lua 5.1 C API of Debian's {@code liblua5.1.so.0} (the interpreter Redis embeds) and the Lua C
 * libraries Redis gives scripts ({@code lua-cjson}, {@code lua-bitop}), bound once per JVM through the
 * Foreign Function and Memory API.
 *
 * <p>The one rule that keeps this safe: <b>a Lua error must never unwind (longjmp) through a Java
 * frame</b>. So Java enters Lua only through {@code lua_pcall} and {@code luaL_loadbuffer} (both
 * protected), and the Java functions Lua calls ({@link LuaVm}'s upcalls) call only API functions that
 * cannot raise, with the collector stopped around them so no {@code __gc} runs inside; they answer
 * failures as values that a Lua-side wrapper raises. The remaining raising path is a failed
 * allocation, which ends Redis too (its allocator aborts).
 *
 * <p>The library is loaded with {@code RTLD_GLOBAL} so the C modules, which Debian builds without a
 * link to liblua, find the interpreter's symbols.
 */
final class LuaLibrary {
    static final int REGISTRYINDEX = -10000;
    static final int GLOBALSINDEX = -10002;

    static final int TNIL = 0;
    static final int TBOOLEAN = 1;
    static final int TNUMBER = 3;
    static final int TSTRING = 4;
    static final int TTABLE = 5;

    static final int GCSTOP = 0;
    static final int GCRESTART = 1;
    static final int GCCOLLECT = 2;
    static final int GCCOUNT = 3;

    static final String LIBRARY = "liblua5.1.so.0";
    private static final String CJSON = "liblua5.1-cjson.so.0";
    private static final String BITOP = "liblua5.1-bitop.so.0";

    private static volatile LuaLibrary loaded;

    final Linker linker = Linker.nativeLinker();
    final MethodHandle newstate;
    final MethodHandle close;
    final MethodHandle loadbuffer;
    final MethodHandle pcall;
    final MethodHandle settop;
    final MethodHandle gettop;
    final MethodHandle type;
    final MethodHandle tolstring;
    final MethodHandle tonumber;
    final MethodHandle toboolean;
    final MethodHandle pushlstring;
    final MethodHandle pushnumber;
    final MethodHandle pushboolean;
    final MethodHandle pushnil;
    final MethodHandle pushcclosure;
    final MethodHandle pushvalue;
    final MethodHandle createtable;
    final MethodHandle rawseti;
    final MethodHandle rawgeti;
    final MethodHandle rawget;
    final MethodHandle rawset;
    final MethodHandle setfield;
    final MethodHandle getfield;
    final MethodHandle next;
    final MethodHandle gc;
    final MethodHandle checkstack;
    final MethodHandle objlen;
    final MethodHandle insert;
    final MethodHandle isnumber;
    final MemorySegment openBase;
    final MemorySegment openTable;
    final MemorySegment openString;
    final MemorySegment openMath;
    final MemorySegment openDebug;
    final MemorySegment openCjson;
    final MemorySegment openBit;

    private LuaLibrary() {
        Arena arena = Arena.global();
        MethodHandle dlopen = linker.downcallHandle(linker.defaultLookup().find("dlopen").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        for (String name : new String[] {LIBRARY, CJSON, BITOP}) {
            MemorySegment handle;
            try {
                handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(name), 0x102); // RTLD_NOW|RTLD_GLOBAL
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (handle.address() == 0) {
                throw new IllegalStateException("cannot load " + name
                        + ": install Debian's liblua5.1-0, lua-cjson and lua-bitop packages to run Lua scripts");
            }
        }
        SymbolLookup lua = SymbolLookup.libraryLookup(LIBRARY, arena)
                .or(SymbolLookup.libraryLookup(CJSON, arena)).or(SymbolLookup.libraryLookup(BITOP, arena));
        newstate = handle(lua, "luaL_newstate", FunctionDescriptor.of(ADDRESS));
        close = handle(lua, "lua_close", FunctionDescriptor.ofVoid(ADDRESS));
        loadbuffer = handle(lua, "luaL_loadbuffer", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        pcall = handle(lua, "lua_pcall", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        settop = handle(lua, "lua_settop", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        gettop = handle(lua, "lua_gettop", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        type = handle(lua, "lua_type", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        tolstring = handle(lua, "lua_tolstring", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        tonumber = handle(lua, "lua_tonumber", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT));
        toboolean = handle(lua, "lua_toboolean", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        pushlstring = handle(lua, "lua_pushlstring", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG));
        pushnumber = handle(lua, "lua_pushnumber", FunctionDescriptor.ofVoid(ADDRESS, JAVA_DOUBLE));
        pushboolean = handle(lua, "lua_pushboolean", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        pushnil = handle(lua, "lua_pushnil", FunctionDescriptor.ofVoid(ADDRESS));
        pushcclosure = handle(lua, "lua_pushcclosure", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
        pushvalue = handle(lua, "lua_pushvalue", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        createtable = handle(lua, "lua_createtable", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
        rawseti = handle(lua, "lua_rawseti", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
        rawgeti = handle(lua, "lua_rawgeti", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
        rawget = handle(lua, "lua_rawget", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        rawset = handle(lua, "lua_rawset", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        setfield = handle(lua, "lua_setfield", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        getfield = handle(lua, "lua_getfield", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        next = handle(lua, "lua_next", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        gc = handle(lua, "lua_gc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        checkstack = handle(lua, "lua_checkstack", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        isnumber = handle(lua, "lua_isnumber", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        insert = handle(lua, "lua_insert", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        objlen = handle(lua, "lua_objlen", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        openBase = lua.find("luaopen_base").orElseThrow();
        openTable = lua.find("luaopen_table").orElseThrow();
        openString = lua.find("luaopen_string").orElseThrow();
        openMath = lua.find("luaopen_math").orElseThrow();
        openDebug = lua.find("luaopen_debug").orElseThrow();
        openCjson = lua.find("luaopen_cjson").orElseThrow();
        openBit = lua.find("luaopen_bit").orElseThrow();
    }

    private MethodHandle handle(SymbolLookup lua, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(lua.find(name).orElseThrow(() -> new IllegalStateException("no " + name)),
                descriptor);
    }

    /** The bound library, loaded on first use: a server that runs no script never loads liblua. */
    static LuaLibrary get() {
        LuaLibrary l = loaded;
        if (l == null) {
            synchronized (LuaLibrary.class) {
                l = loaded;
                if (l == null) {
                    l = new LuaLibrary();
                    loaded = l;
                }
            }
        }
        return l;
    }
}
