package io.redoubt.scripting.lua;

import java.io.ByteArrayOutputStream;

/**
 * Redis's {@code cmsgpack} (lua_cmsgpack 0.4): Lua values to MessagePack and back, byte for byte as
 * Redis encodes them: integers in the smallest form, doubles as float32 when exact, strings as
 * fixstr/str8/str16/str32, tables as arrays when their keys are exactly 1..n (else maps, in
 * {@code next} order), tables nested deeper than 16 as nil. Works on the Lua stack of an upcall and
 * raises nothing: failures are returned as messages for the Lua side to raise.
 */
final class MsgPack {
    private static final int MAX_NESTING = 16;

    private final LuaVm vm;

    MsgPack(LuaVm vm) {
        this.vm = vm;
    }

    // ---- pack -------------------------------------------------------------------------------------

    /** Encodes stack slots 1..n, one after the other. */
    byte[] pack(int n) throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= n; i++) {
            vm.lua().pushvalue.invokeExact(vm.state(), i);
            encode(out, 0);
            pop();
        }
        return out.toByteArray();
    }

    private void encode(ByteArrayOutputStream out, int level) throws Throwable {
        int t = vm.type(-1);
        if (t == LuaLibrary.TTABLE && level == MAX_NESTING) {
            t = LuaLibrary.TNIL;
        }
        switch (t) {
            case LuaLibrary.TBOOLEAN -> out.write((int) vm.lua().toboolean.invokeExact(vm.state(), -1) != 0 ? 0xc3 : 0xc2);
            case LuaLibrary.TNUMBER -> number(out, (double) vm.lua().tonumber.invokeExact(vm.state(), -1));
            case LuaLibrary.TSTRING -> bytes(out, vm.toBytes(-1));
            case LuaLibrary.TTABLE -> table(out, level);
            default -> out.write(0xc0);
        }
    }

    private static void number(ByteArrayOutputStream out, double d) {
        if (!Double.isInfinite(d) && (double) (long) d == d) {
            integer(out, (long) d);
        } else if ((double) (float) d == d) {
            out.write(0xca);
            be(out, Float.floatToRawIntBits((float) d) & 0xFFFFFFFFL, 4);
        } else {
            out.write(0xcb);
            be(out, Double.doubleToRawLongBits(d), 8);
        }
    }

    private static void integer(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                be(out, n, 1);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                be(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                be(out, n, 4);
            } else {
                out.write(0xcf);
                be(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) n & 0xff);
        } else if (n >= -128) {
            out.write(0xd0);
            be(out, n, 1);
        } else if (n >= -32768) {
            out.write(0xd1);
            be(out, n, 2);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            be(out, n, 4);
        } else {
            out.write(0xd3);
            be(out, n, 8);
        }
    }

    private static void bytes(ByteArrayOutputStream out, byte[] s) {
        int len = s.length;
        if (len < 32) {
            out.write(0xa0 | len);
        } else if (len <= 0xff) {
            out.write(0xd9);
            be(out, len, 1);
        } else if (len <= 0xffff) {
            out.write(0xda);
            be(out, len, 2);
        } else {
            out.write(0xdb);
            be(out, len, 4);
        }
        out.writeBytes(s);
    }

    private void table(ByteArrayOutputStream out, int level) throws Throwable {
        LuaLibrary lua = vm.lua();
        if (!vm.checkStack(3)) {
            out.write(0xc0);
            return;
        }
        if (isArray()) {
            long len = (long) lua.objlen.invokeExact(vm.state(), -1);
            header(out, len, 0x90, 15, 0xdc, 0xdd);
            for (int j = 1; j <= len; j++) {
                lua.rawgeti.invokeExact(vm.state(), -1, j);
                encode(out, level + 1);
                pop();
            }
            return;
        }
        long len = 0;
        lua.pushnil.invokeExact(vm.state());
        while ((int) lua.next.invokeExact(vm.state(), -2) != 0) {
            pop();
            len++;
        }
        header(out, len, 0x80, 15, 0xde, 0xdf);
        lua.pushnil.invokeExact(vm.state());
        while ((int) lua.next.invokeExact(vm.state(), -2) != 0) {
            lua.pushvalue.invokeExact(vm.state(), -2);
            encode(out, level + 1);
            pop();
            encode(out, level + 1);
            pop();
        }
    }

    /** lua_cmsgpack's table_is_an_array: every key a positive integer and the largest equal to the count. */
    private boolean isArray() throws Throwable {
        LuaLibrary lua = vm.lua();
        long count = 0;
        double max = 0;
        lua.pushnil.invokeExact(vm.state());
        while ((int) lua.next.invokeExact(vm.state(), -2) != 0) {
            pop();
            double n;
            if (vm.type(-1) != LuaLibrary.TNUMBER
                    || (n = (double) lua.tonumber.invokeExact(vm.state(), -1)) <= 0 || (double) (int) n != n) {
                pop();
                return false;
            }
            max = Math.max(max, n);
            count++;
        }
        return max == count;
    }

    private static void header(ByteArrayOutputStream out, long len, int fix, int fixMax, int b16, int b32) {
        if (len <= fixMax) {
            out.write(fix | (int) len);
        } else if (len <= 0xffff) {
            out.write(b16);
            be(out, len, 2);
        } else {
            out.write(b32);
            be(out, len, 4);
        }
    }

    private static void be(ByteArrayOutputStream out, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private void pop() throws Throwable {
        vm.lua().settop.invokeExact(vm.state(), -2);
    }

    // ---- unpack -----------------------------------------------------------------------------------

    private byte[] in;
    private int pos;

    /**
     * Decodes objects from {@code data} at {@code offset}, at most {@code limit} of them (0: all), and
     * pushes them; answers how many, and leaves the offset after the last in {@link #offset()}.
     */
    int unpack(byte[] data, int offset, int limit) throws Throwable {
        in = data;
        pos = offset;
        int count = 0;
        while (pos < in.length && (limit == 0 || count < limit)) {
            if (!vm.checkStack(2)) {
                throw new LibraryError("too many return values at once; use unpack_one or unpack_limit instead.");
            }
            decode();
            count++;
        }
        return count;
    }

    int offset() {
        return pos;
    }

    private void need(long n) throws LibraryError {
        if (pos + n > in.length) {
            throw new LibraryError("Missing bytes in input.");
        }
    }

    private long unsigned(int n) throws LibraryError {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (in[pos++] & 0xff);
        }
        return v;
    }

    private void decode() throws Throwable {
        LuaLibrary lua = vm.lua();
        need(1);
        int b = in[pos++] & 0xff;
        switch (b) {
            case 0xcc -> number(unsigned(1));
            case 0xd0 -> number((byte) unsigned(1));
            case 0xcd -> number(unsigned(2));
            case 0xd1 -> number((short) unsigned(2));
            case 0xce -> number(unsigned(4));
            case 0xd2 -> number((int) unsigned(4));
            case 0xcf -> {
                long v = unsigned(8);
                number(v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1));
            }
            case 0xd3 -> number(unsigned(8));
            case 0xc0 -> lua.pushnil.invokeExact(vm.state());
            case 0xc3 -> lua.pushboolean.invokeExact(vm.state(), 1);
            case 0xc2 -> lua.pushboolean.invokeExact(vm.state(), 0);
            case 0xca -> number(Float.intBitsToFloat((int) unsigned(4)));
            case 0xcb -> number(Double.longBitsToDouble(unsigned(8)));
            case 0xc4, 0xd9 -> string(unsigned(1));
            case 0xc5, 0xda -> string(unsigned(2));
            case 0xc6, 0xdb -> string(unsigned(4));
            case 0xdc -> array(unsigned(2));
            case 0xdd -> array(unsigned(4));
            case 0xde -> map(unsigned(2));
            case 0xdf -> map(unsigned(4));
            default -> {
                if (b <= 0x7f) {
                    number(b);
                } else if (b >= 0xe0) {
                    number((byte) b);
                } else if ((b & 0xe0) == 0xa0) {
                    string(b & 0x1f);
                } else if ((b & 0xf0) == 0x90) {
                    array(b & 0x0f);
                } else if ((b & 0xf0) == 0x80) {
                    map(b & 0x0f);
                } else {
                    throw new LibraryError("Bad data format in input.");
                }
            }
        }
    }

    private void number(double d) throws Throwable {
        vm.lua().pushnumber.invokeExact(vm.state(), d);
    }

    private void string(long n) throws Throwable {
        need(n);
        vm.pushBytes(in, pos, (int) n);
        pos += (int) n;
    }

    private void array(long n) throws Throwable {
        LuaLibrary lua = vm.lua();
        if (!vm.checkStack(3)) {
            throw new LibraryError("Bad data format in input.");
        }
        lua.createtable.invokeExact(vm.state(), 0, 0);
        for (int i = 1; i <= n; i++) {
            decode();
            lua.rawseti.invokeExact(vm.state(), -2, i);
        }
    }

    private void map(long n) throws Throwable {
        LuaLibrary lua = vm.lua();
        if (!vm.checkStack(4)) {
            throw new LibraryError("Bad data format in input.");
        }
        lua.createtable.invokeExact(vm.state(), 0, 0);
        for (int i = 0; i < n; i++) {
            decode();
            decode();
            if (vm.type(-2) == LuaLibrary.TNIL || (vm.type(-2) == LuaLibrary.TNUMBER
                    && Double.isNaN((double) lua.tonumber.invokeExact(vm.state(), -2)))) {
                lua.settop.invokeExact(vm.state(), -3); // a nil or NaN key cannot be stored: Lua would raise
                continue;
            }
            lua.rawset.invokeExact(vm.state(), -3);
        }
    }
}
