package io.redoubt.scripting.lua;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Redis's {@code struct} library (Roberto Ierusalimschy's struct.c as Redis ships it): pack, unpack
 * and size of binary records described by a format ({@code > < ! x b B h H l L T i I c s f d}),
 * native little-endian x86-64 sizes, default alignment 1. Works on an upcall's Lua stack and raises
 * nothing: a refusal is a {@link LibraryError} with struct.c's text for the Lua side to raise.
 */
final class Struct {
    private static final int MAXINTSIZE = 32;
    private static final int MAXALIGN = 8;
    private static final String[] TYPES = {"nil", "boolean", "userdata", "number", "string", "table", "function",
        "userdata", "thread"};

    private final LuaVm vm;
    private final String function;
    private byte[] fmt;
    private int at;
    private boolean little = true;
    private int align = 1;

    Struct(LuaVm vm, String function) {
        this.vm = vm;
        this.function = function;
    }

    private LibraryError argError(int arg, String message) {
        return new LibraryError("bad argument #" + arg + " to '" + function + "' (" + message + ")");
    }

    private String typeName(int index) throws Throwable {
        int top = (int) vm.lua().gettop.invokeExact(vm.state());
        if (index > top) {
            // struct.c's pack pushes a nil after its arguments, so a missing one reads as nil
            return function.equals("pack") && index > 1 ? "nil" : "no value";
        }
        int t = vm.type(index);
        return t >= 0 && t < TYPES.length ? TYPES[t] : "no value";
    }

    private byte[] checkString(int index) throws Throwable {
        int t = vm.type(index);
        if (t != LuaLibrary.TSTRING && t != LuaLibrary.TNUMBER) {
            throw argError(index, "string expected, got " + typeName(index));
        }
        if (t == LuaLibrary.TNUMBER) {
            // as luaL_checklstring: a number is its %.14g text
            vm.lua().pushvalue.invokeExact(vm.state(), index);
            byte[] b = vm.toBytes(-1);
            vm.lua().settop.invokeExact(vm.state(), -2);
            return b;
        }
        return vm.toBytes(index);
    }

    private double checkNumber(int index) throws Throwable {
        if ((int) vm.lua().isnumber.invokeExact(vm.state(), index) == 0) {
            throw argError(index, "number expected, got " + typeName(index));
        }
        return (double) vm.lua().tonumber.invokeExact(vm.state(), index);
    }

    private int number(int dflt) throws LibraryError {
        if (at >= fmt.length || !Character.isDigit(fmt[at])) {
            return dflt;
        }
        long a = 0;
        while (at < fmt.length && Character.isDigit(fmt[at])) {
            a = a * 10 + (fmt[at++] - '0');
            if (a > Integer.MAX_VALUE) {
                throw new LibraryError("integral size overflow");
            }
        }
        return (int) a;
    }

    private int optionSize(int opt) throws LibraryError {
        return switch (opt) {
            case 'B', 'b', 'x' -> 1;
            case 'H', 'h' -> 2;
            case 'L', 'l', 'T', 'd' -> 8;
            case 'f' -> 4;
            case 'c' -> number(1);
            case 'i', 'I' -> {
                int size = number(4);
                if (size > MAXINTSIZE) {
                    throw new LibraryError("integral size " + size + " is larger than limit of " + MAXINTSIZE);
                }
                yield size;
            }
            default -> 0;
        };
    }

    private int toAlign(long len, int opt, int size) {
        if (size == 0 || opt == 'c') {
            return 0;
        }
        int s = Math.min(size, align);
        return (int) ((s - (len & (s - 1))) & (s - 1));
    }

    private void control(int opt) throws LibraryError {
        switch (opt) {
            case ' ' -> { }
            case '>' -> little = false;
            case '<' -> little = true;
            case '!' -> {
                int a = number(MAXALIGN);
                if (a == 0 || (a & (a - 1)) != 0) {
                    throw new LibraryError("alignment " + a + " is not a power of 2");
                }
                align = a;
            }
            default -> throw argError(1, "invalid format option '" + (char) opt + "'");
        }
    }

    /** struct.pack(fmt, ...): the record. */
    byte[] pack() throws Throwable {
        fmt = checkString(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        long total = 0;
        while (at < fmt.length) {
            int opt = fmt[at++] & 0xff;
            int size = optionSize(opt);
            int pad = toAlign(total, opt, size);
            total += pad;
            for (int i = 0; i < pad; i++) {
                out.write(0);
            }
            switch (opt) {
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                    double n = checkNumber(arg++);
                    long v = n < 0 ? (long) n : n >= 0x1p63 ? (long) (n - 0x1p64) : (long) n;
                    byte[] b = new byte[size];
                    for (int i = 0; i < size; i++) {
                        b[little ? i : size - 1 - i] = (byte) v;
                        v >>>= 8;
                    }
                    out.writeBytes(b);
                }
                case 'x' -> out.write(0);
                case 'f' -> out.writeBytes(order(4).putFloat((float) checkNumber(arg++)).array());
                case 'd' -> out.writeBytes(order(8).putDouble(checkNumber(arg++)).array());
                case 'c', 's' -> {
                    byte[] s = checkString(arg++);
                    if (size == 0) {
                        size = s.length;
                    }
                    if (s.length < size) {
                        throw argError(arg, "string too short");
                    }
                    out.write(s, 0, size);
                    if (opt == 's') {
                        out.write(0);
                        size++;
                    }
                }
                default -> control(opt);
            }
            total += size;
        }
        return out.toByteArray();
    }

    private ByteBuffer order(int n) {
        return ByteBuffer.allocate(n).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    /** struct.size(fmt). */
    long size() throws Throwable {
        fmt = checkString(1);
        long pos = 0;
        while (at < fmt.length) {
            int opt = fmt[at++] & 0xff;
            int size = optionSize(opt);
            pos += toAlign(pos, opt, size);
            if (opt == 's') {
                throw argError(1, "option 's' has no fixed size");
            } else if (opt == 'c' && size == 0) {
                throw argError(1, "option 'c0' has no fixed size");
            }
            if (!Character.isLetterOrDigit(opt)) {
                control(opt);
            }
            pos += size;
        }
        return pos;
    }

    /** struct.unpack(fmt, data [, pos]): pushes the values and the next position; answers how many. */
    int unpack() throws Throwable {
        LuaLibrary lua = vm.lua();
        fmt = checkString(1);
        byte[] data = checkString(2);
        int top = (int) lua.gettop.invokeExact(vm.state());
        long pos = (top >= 3 && vm.type(3) != LuaLibrary.TNIL ? (long) checkNumber(3) : 1) - 1;
        if (pos < 0 || pos > data.length) {
            throw argError(3, "offset must be 1 or greater");
        }
        lua.settop.invokeExact(vm.state(), 0);
        int count = 0;
        Double last = null;
        while (at < fmt.length) {
            int opt = fmt[at++] & 0xff;
            int size = optionSize(opt);
            pos += toAlign(pos, opt, size);
            if (pos + size > data.length) {
                throw argError(2, "data string too short");
            }
            if (!vm.checkStack(2)) {
                throw new LibraryError("too many results");
            }
            switch (opt) {
                case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                    long l = 0;
                    for (int i = 0; i < size; i++) {
                        l = l << 8 | (data[(int) pos + (little ? size - 1 - i : i)] & 0xff);
                    }
                    double v;
                    if (Character.isLowerCase(opt)) {
                        if (size < 8 && (l & (1L << (size * 8 - 1))) != 0) {
                            l |= -1L << (size * 8);
                        }
                        v = l;
                    } else {
                        v = l >= 0 ? l : (double) (l >>> 1) * 2 + (l & 1);
                    }
                    push(v);
                    last = v;
                    count++;
                }
                case 'x' -> { }
                case 'f' -> {
                    double v = ByteBuffer.wrap(data, (int) pos, 4).order(little ? ByteOrder.LITTLE_ENDIAN
                            : ByteOrder.BIG_ENDIAN).getFloat();
                    push(v);
                    last = v;
                    count++;
                }
                case 'd' -> {
                    double v = ByteBuffer.wrap(data, (int) pos, 8).order(little ? ByteOrder.LITTLE_ENDIAN
                            : ByteOrder.BIG_ENDIAN).getDouble();
                    push(v);
                    last = v;
                    count++;
                }
                case 'c' -> {
                    if (size == 0) {
                        if (last == null || count == 0) {
                            throw new LibraryError("format `c0' needs a previous size");
                        }
                        size = (int) (double) last;
                        lua.settop.invokeExact(vm.state(), -2);
                        count--;
                        if (pos + size > data.length) {
                            throw argError(2, "data string too short");
                        }
                    }
                    vm.pushBytes(data, (int) pos, size);
                    last = null;
                    count++;
                }
                case 's' -> {
                    int end = (int) pos;
                    while (end < data.length && data[end] != 0) {
                        end++;
                    }
                    if (end == data.length) {
                        throw new LibraryError("unfinished string in data");
                    }
                    size = end - (int) pos + 1;
                    vm.pushBytes(data, (int) pos, size - 1);
                    last = null;
                    count++;
                }
                default -> control(opt);
            }
            pos += size;
        }
        push(pos + 1);
        return count + 1;
    }

    private void push(double v) throws Throwable {
        vm.lua().pushnumber.invokeExact(vm.state(), v);
    }
}
