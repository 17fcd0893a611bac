package io.redoubt.scripting.lua;

import io.redoubt.resp.ReplySink;

/**
 * Writes the Lua value on top of the stack as the script's reply, as Redis 7.0's luaReplyToRedisReply
 * does: string to bulk; number to integer (truncated); true to {@code :1} and false to null while the
 * script speaks RESP2 (booleans once it called {@code redis.setresp(3)}); nil to null; a table with a
 * string {@code err} field to an error, {@code ok} to a status, {@code double}, {@code big_number},
 * {@code map}, {@code set} and {@code verbatim_string} fields to their RESP3 types (downgraded by the
 * writer for a RESP2 client); any other table to an array of its items up to the first nil.
 */
final class LuaToResp {
    private final LuaVm vm;
    private final int scriptResp;

    LuaToResp(LuaVm vm, int scriptResp) {
        this.vm = vm;
        this.scriptResp = scriptResp;
    }

    /** Writes and leaves the stack as it was. */
    void write(ReplySink out) throws Throwable {
        LuaLibrary lua = vm.lua();
        if (!vm.checkStack(4)) {
            out.error("ERR reached lua stack limit");
            return;
        }
        switch (vm.type(-1)) {
            case LuaLibrary.TSTRING -> out.bulk(vm.toBytes(-1));
            case LuaLibrary.TBOOLEAN -> {
                boolean b = (int) lua.toboolean.invokeExact(vm.state(), -1) != 0;
                if (scriptResp == 2) {
                    if (b) {
                        out.integer(1);
                    } else {
                        out.nullBulk();
                    }
                } else {
                    out.bool(b);
                }
            }
            case LuaLibrary.TNUMBER -> out.integer((long) (double) lua.tonumber.invokeExact(vm.state(), -1));
            case LuaLibrary.TTABLE -> table(out);
            default -> out.nullBulk();
        }
    }

    private void table(ReplySink out) throws Throwable {
        LuaLibrary lua = vm.lua();
        if (stringField("err")) {
            String err = vm.text(-1);
            pop();
            error(out, LuaVm.oneLine(err), vm.flag(-1, LuaVm.IGNORE_STATS));
            return;
        }
        if (stringField("ok")) {
            String ok = vm.text(-1);
            pop();
            out.simple(ok.replace('\r', ' ').replace('\n', ' '));
            return;
        }
        if (field("double") == LuaLibrary.TNUMBER) {
            double d = (double) lua.tonumber.invokeExact(vm.state(), -1);
            pop();
            out.doubleValue(d);
            return;
        }
        pop();
        if (stringField("big_number")) {
            String digits = vm.text(-1);
            pop();
            out.bigNumber(digits.replace('\r', ' ').replace('\n', ' '));
            return;
        }
        if (field("map") == LuaLibrary.TTABLE) {
            pairs(out, true);
            pop();
            return;
        }
        pop();
        if (field("set") == LuaLibrary.TTABLE) {
            pairs(out, false);
            pop();
            return;
        }
        pop();
        if (field("verbatim_string") == LuaLibrary.TTABLE) {
            String format = vm.field(-1, "format");
            String text = vm.field(-1, "string");
            pop();
            if (format != null && text != null) {
                out.verbatim(format, text);
                return;
            }
        } else {
            pop();
        }
        array(out);
    }

    /** An error reply; one already counted in INFO errorstats (by the command that failed) is not again. */
    static void error(ReplySink out, String text, boolean counted) {
        if (counted) {
            out.errorAlreadyCounted(text);
        } else {
            out.error(text);
        }
    }

    /** Items 1..n up to the first nil. */
    private void array(ReplySink out) throws Throwable {
        LuaLibrary lua = vm.lua();
        int n = 0;
        while (true) {
            lua.rawgeti.invokeExact(vm.state(), -1, n + 1);
            boolean nil = vm.type(-1) == LuaLibrary.TNIL;
            pop();
            if (nil) {
                break;
            }
            n++;
        }
        out.array(n);
        for (int i = 1; i <= n; i++) {
            lua.rawgeti.invokeExact(vm.state(), -1, i);
            write(out);
            pop();
        }
    }

    /** The table on top is a {@code map} (keys and values) or a {@code set} (keys). */
    private void pairs(ReplySink out, boolean map) throws Throwable {
        LuaLibrary lua = vm.lua();
        int n = 0;
        lua.pushnil.invokeExact(vm.state());
        while ((int) lua.next.invokeExact(vm.state(), -2) != 0) {
            n++;
            pop();
        }
        if (map) {
            out.map(n);
        } else {
            out.set(n);
        }
        lua.pushnil.invokeExact(vm.state());
        while ((int) lua.next.invokeExact(vm.state(), -2) != 0) {
            lua.pushvalue.invokeExact(vm.state(), -2); // the key, copied: converting it must not disturb next
            write(out);
            pop();
            if (map) {
                write(out);
            }
            pop();
        }
    }

    /** Pushes t[key] (raw) and tells whether it is a string. */
    private boolean stringField(String key) throws Throwable {
        if (field(key) == LuaLibrary.TSTRING) {
            return true;
        }
        pop();
        return false;
    }

    private int field(String key) throws Throwable {
        vm.pushString(key);
        vm.lua().rawget.invokeExact(vm.state(), -2);
        return vm.type(-1);
    }

    private void pop() throws Throwable {
        vm.lua().settop.invokeExact(vm.state(), -2);
    }
}
