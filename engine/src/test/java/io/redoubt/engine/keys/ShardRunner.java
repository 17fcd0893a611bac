package io.redoubt.engine.keys;

import io.redoubt.engine.command.Client;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;

/**
 * Runs the keys families' handlers directly against a shard, with replies rendered as compact text
 * (bulks as their content, integers as {@code :n}, nulls as {@code (nil)}, errors as {@code -text},
 * elements separated by a space), so engine tests can put values (such as sortable collections the
 * data-type families have not provided yet) straight into the keyspace.
 */
final class ShardRunner implements CommandContext, Client {
    /**
     * A fixed clock: tests compare access stamps across commands, and a system clock that ticks
     * between two commands would change the stamp (that made renameCarriesAccessDataAndEncoding flaky).
     */
    private static final InstantSource FIXED_CLOCK =
            InstantSource.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));

    final Shard shard = new Shard(0, 16, FIXED_CLOCK, ShardSettings.DEFAULT);
    private final CommandTable table;
    private final StringBuilder out = new StringBuilder();
    private final ReplySink sink = new TextSink(out);
    private byte[][] argv;
    private CommandSpec spec;
    private int dbIndex;

    ShardRunner() {
        CommandTable.Builder t = CommandTable.builder();
        new KeyCommands().register(t);
        new ExpireCommands().register(t);
        new ObjectCommands().register(t);
        new SortCommands(io.redoubt.engine.lists.ListValue::of).register(t);
        table = t.build();
    }

    /** Runs one command and returns its rendered reply. */
    String run(String... args) {
        argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        spec = table.lookup(args[0]);
        if (spec.isContainer()) {
            spec = spec.subcommand(args[1]);
        }
        out.setLength(0);
        shard.beginCommand();
        try {
            spec.handler().execute(this);
        } catch (CommandException e) {
            out.setLength(0);
            out.append('-').append(e.getMessage());
        }
        return out.toString().strip();
    }

    @Override
    public byte[][] argv() {
        return argv;
    }

    @Override
    public ReplySink reply() {
        return sink;
    }

    @Override
    public Keyspace db() {
        return shard.db(dbIndex);
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public Client client() {
        return this;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public int dbIndex() {
        return dbIndex;
    }

    @Override
    public void select(int index) {
        dbIndex = index;
    }

    @Override
    public int protocol() {
        return 2;
    }

    @Override
    public boolean noTouch() {
        return false;
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public void block(byte[][] keys, io.redoubt.engine.keyspace.ValueType type, long timeoutMillis,
                      TimeoutReply onTimeout) {
        throw new UnsupportedOperationException("engine tests run no blocking commands");
    }

    @Override
    public byte[] readyKey() {
        return null;
    }

    @Override
    public boolean mayReadEveryKey(io.redoubt.engine.command.CommandSpec spec, byte[][] argv) {
        return true; // engine tests run without users
    }

    /** Renders replies as space-separated words; aggregates add no brackets. */
    private record TextSink(StringBuilder out) implements ReplySink {
        private void word(String w) {
            out.append(w).append(' ');
        }

        @Override
        public int protocol() {
            return 2;
        }

        @Override
        public void simple(String text) {
            word(text);
        }

        @Override
        public void error(String text) {
            word("-" + text);
        }

        @Override
        public void integer(long value) {
            word(":" + value);
        }

        @Override
        public void bulk(byte[] value, int offset, int length) {
            word(new String(value, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void nullBulk() {
            word("(nil)");
        }

        @Override
        public void nullArray() {
            word("(nil)");
        }

        @Override
        public void array(int length) {
        }

        @Override
        public void map(int length) {
        }

        @Override
        public void set(int length) {
        }

        @Override
        public void push(int length) {
        }

        @Override
        public void doubleValue(double value) {
            word(Double.toString(value));
        }

        @Override
        public void bool(boolean value) {
            word(value ? ":1" : ":0");
        }

        @Override
        public void verbatim(String format, String text) {
            word(text);
        }

        @Override
        public void bigNumber(String digits) {
            word(digits);
        }

        @Override
        public void raw(byte[] encoded) {
            word(new String(encoded, StandardCharsets.UTF_8));
        }
    }
}
