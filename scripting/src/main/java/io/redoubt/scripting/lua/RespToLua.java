package io.redoubt.scripting.lua;

import java.nio.charset.StandardCharsets;

/**
 * Pushes a command's RESP reply onto the Lua stack as Redis 7.0's redisProtocolToLuaType does: integer
 * to number, bulk to string, null bulk or null array to false, status to {@code {ok=...}}, error to
 * {@code {err=...}}, array to table; under RESP3 (after {@code redis.setresp(3)}) map to
 * {@code {map={...}}}, set to {@code {set={k=true}}}, null to nil, boolean to boolean, double to
 * {@code {double=n}}, big number to {@code {big_number=s}}, verbatim string to
 * {@code {verbatim_string={format=..., string=...}}}; attributes are skipped. The reply is the
 * server's own, so it is well formed; nesting is bounded by the Lua stack check.
 */
final class RespToLua {
    private final LuaVm vm;
    private byte[] in;
    private int pos;

    RespToLua(LuaVm vm) {
        this.vm = vm;
    }

    void push(byte[] reply, int resp) throws Throwable {
        in = reply;
        pos = 0;
        value();
        in = null;
    }

    private void value() throws Throwable {
        if (!vm.checkStack(4)) {
            vm.pushErrorTable("ERR reached lua stack limit");
            return;
        }
        LuaLibrary lua = vm.lua();
        byte type = in[pos++];
        switch (type) {
            case '+' -> {
                int end = lineEnd();
                vm.pushStatusTable(in, pos, end - pos);
                pos = end + 2;
            }
            case '-' -> {
                int end = lineEnd();
                vm.pushErrorTable(new String(in, pos, end - pos, StandardCharsets.UTF_8));
                pos = end + 2;
            }
            case ':' -> lua.pushnumber.invokeExact(vm.state(), (double) number());
            case '$' -> {
                long n = number();
                if (n < 0) {
                    lua.pushboolean.invokeExact(vm.state(), 0);
                } else {
                    vm.pushBytes(in, pos, (int) n);
                    pos += (int) n + 2;
                }
            }
            case '*', '>' -> {
                long n = number();
                if (n < 0) {
                    lua.pushboolean.invokeExact(vm.state(), 0);
                    return;
                }
                lua.createtable.invokeExact(vm.state(), (int) n, 0);
                for (int i = 1; i <= n; i++) {
                    value();
                    lua.rawseti.invokeExact(vm.state(), -2, i);
                }
            }
            case '%', '~' -> {
                long n = number();
                lua.createtable.invokeExact(vm.state(), 0, 1);
                lua.createtable.invokeExact(vm.state(), 0, (int) n);
                for (int i = 0; i < n; i++) {
                    value();
                    if (type == '%') {
                        value();
                    } else {
                        lua.pushboolean.invokeExact(vm.state(), 1);
                    }
                    lua.rawset.invokeExact(vm.state(), -3);
                }
                vm.setField(-2, type == '%' ? "map" : "set");
            }
            case '_' -> {
                pos += 2;
                lua.pushnil.invokeExact(vm.state());
            }
            case '#' -> {
                boolean t = in[pos] == 't';
                pos += 3;
                lua.pushboolean.invokeExact(vm.state(), t ? 1 : 0);
            }
            case ',' -> {
                int end = lineEnd();
                String text = new String(in, pos, end - pos, StandardCharsets.US_ASCII);
                pos = end + 2;
                lua.createtable.invokeExact(vm.state(), 0, 1);
                lua.pushnumber.invokeExact(vm.state(), parseDouble(text));
                vm.setField(-2, "double");
            }
            case '(' -> {
                int end = lineEnd();
                lua.createtable.invokeExact(vm.state(), 0, 1);
                vm.pushBytes(in, pos, end - pos);
                pos = end + 2;
                vm.setField(-2, "big_number");
            }
            case '=' -> {
                int n = (int) number();
                lua.createtable.invokeExact(vm.state(), 0, 1);
                lua.createtable.invokeExact(vm.state(), 0, 2);
                vm.pushBytes(in, pos, 3);
                vm.setField(-2, "format");
                vm.pushBytes(in, pos + 4, n - 4);
                vm.setField(-2, "string");
                pos += n + 2;
                vm.setField(-2, "verbatim_string");
            }
            case '|' -> {
                long n = number();
                for (int i = 0; i < 2 * n; i++) {
                    value();
                    lua.settop.invokeExact(vm.state(), -2);
                }
                value();
            }
            default -> throw new IllegalStateException("not a RESP reply: " + (char) type);
        }
    }

    private static double parseDouble(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private int lineEnd() {
        int i = pos;
        while (in[i] != '\r') {
            i++;
        }
        return i;
    }

    private long number() {
        int end = lineEnd();
        long n = 0;
        boolean negative = in[pos] == '-';
        for (int i = negative ? pos + 1 : pos; i < end; i++) {
            n = n * 10 + (in[i] - '0');
        }
        pos = end + 2;
        return negative ? -n : n;
    }
}
