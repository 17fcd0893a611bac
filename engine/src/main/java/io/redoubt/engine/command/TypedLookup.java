package io.redoubt.engine.command;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.resp.Errors;

/**
 * The two lookups every collection command starts with: a read (counts a keyspace hit or miss and
 * touches the key unless the client asked for NO-TOUCH) and a write (expires the key if due), each
 * refusing a key of another type with WRONGTYPE. Absent keys give null.
 */
public final class TypedLookup {
    private TypedLookup() {
    }

    /** The value of {@code type} at {@code key} for reading, or null when absent. */
    public static <T> T read(CommandContext ctx, byte[] key, Class<T> type) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            return null;
        }
        if (!type.isInstance(e.value())) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return type.cast(e.value());
    }

    /** The entry at {@code key} for writing a value of {@code type}, or null when absent. */
    public static Entry write(Keyspace db, byte[] key, Class<?> type) {
        Entry e = db.lookupWrite(key);
        if (e != null && !type.isInstance(e.value())) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return e;
    }
}
