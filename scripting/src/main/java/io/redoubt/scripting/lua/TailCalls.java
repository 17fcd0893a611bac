package io.redoubt.scripting.lua;

/**
 * Turns every tail call of a compiled Lua 5.1 chunk (its {@code string.dump} form) into a plain call
 * followed by the return the compiler already placed after it.
 *
 * <p>Why: Redis's {@code redis.call} is a C function, and Lua never replaces the caller's frame when
 * it tail-calls a C function, so {@code return redis.call(...)} fails with the script's line
 * ({@code on @user_script:1.}). Here {@code redis.call} is a small Lua function around a Java upcall
 * (an upcall must never raise), and a tail call to it would erase the script's frame and with it the
 * line Redis reports. A call followed by a return computes the same values; the one difference is
 * that unbounded tail recursion inside a script now meets Lua's call-depth limit.
 *
 * <p>The chunk format (lundump.c): a 12-byte header, then each function as source, line numbers,
 * four size bytes, code, constants, nested functions and debug information, with 4-byte ints and
 * 8-byte size_t and numbers on the x86-64 build that Debian ships and the header states.
 */
final class TailCalls {
    private static final int OP_CALL = 28;
    private static final int OP_TAILCALL = 29;
    private static final int HEADER = 12;

    private final byte[] chunk;
    private int pos;

    private TailCalls(byte[] chunk) {
        this.chunk = chunk;
    }

    /** Rewrites {@code chunk} in place and returns it. */
    static byte[] removeFrom(byte[] chunk) {
        if (chunk.length < HEADER || chunk[0] != 0x1B || chunk[4] != 0x51 || chunk[7] != 4 || chunk[8] != 8
                || chunk[9] != 4 || chunk[10] != 8) {
            throw new IllegalStateException("not a Lua 5.1 x86-64 chunk");
        }
        TailCalls t = new TailCalls(chunk);
        t.pos = HEADER;
        t.function();
        return chunk;
    }

    private void function() {
        string();           // source
        pos += 4 + 4 + 4;   // linedefined, lastlinedefined, nups/numparams/is_vararg/maxstacksize
        int code = integer();
        for (int i = 0; i < code; i++) {
            int at = pos + 4 * i;
            if ((chunk[at] & 0x3F) == OP_TAILCALL) {
                chunk[at] = (byte) ((chunk[at] & ~0x3F) | OP_CALL);
            }
        }
        pos += 4 * code;
        int constants = integer();
        for (int i = 0; i < constants; i++) {
            int type = chunk[pos++];
            switch (type) {
                case 0 -> { }               // nil
                case 1 -> pos += 1;         // boolean
                case 3 -> pos += 8;         // number
                case 4 -> string();
                default -> throw new IllegalStateException("unknown constant type " + type);
            }
        }
        int functions = integer();
        for (int i = 0; i < functions; i++) {
            function();
        }
        int lines = integer();
        pos += 4 * lines;
        int locals = integer();
        for (int i = 0; i < locals; i++) {
            string();
            pos += 8;
        }
        int upvalues = integer();
        for (int i = 0; i < upvalues; i++) {
            string();
        }
    }

    private int integer() {
        int v = (chunk[pos] & 0xFF) | (chunk[pos + 1] & 0xFF) << 8 | (chunk[pos + 2] & 0xFF) << 16
                | (chunk[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private void string() {
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = n << 8 | (chunk[pos + i] & 0xFF);
        }
        pos += 8 + (int) n;
    }
}
