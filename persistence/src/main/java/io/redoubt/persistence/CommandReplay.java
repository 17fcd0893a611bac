package io.redoubt.persistence;

import io.redoubt.engine.command.Client;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.exec.CommandLog;
import io.redoubt.engine.exec.CommandResolution;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;

/**
 * Runs the commands of an AOF against the shard through the command table, as Redis's fake AOF
 * client does: no authentication, no reply, never blocking; SELECT, MULTI and EXEC are handled here
 * (transactions in the file are replayed command by command). A replica applies its master's stream
 * with it too: commands the master already ran and checked, by no network client and no ACL user.
 */
public final class CommandReplay implements CommandContext, Client, ReplySink {
    private final CommandTable table;
    private final Shard shard;
    private final CommandLog log;
    private int db;
    private byte[][] argv;
    private CommandSpec spec;
    private String error;

    /** A replay that records nothing (the AOF's own load). */
    CommandReplay(CommandTable table, Shard shard) {
        this(table, shard, (db, spec, argv) -> { });
    }

    /** A replay whose commands are recorded to {@code log} as they run (a replica's own AOF). */
    public CommandReplay(CommandTable table, Shard shard, CommandLog log) {
        this.table = table;
        this.shard = shard;
        this.log = log;
    }

    /** Runs one command; returns null, or the error text it replied with. */
    public String run(byte[][] command) {
        String name = new String(command[0], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        switch (name) {
            case "select" -> {
                int index = Integer.parseInt(new String(command[1], StandardCharsets.US_ASCII));
                if (index < 0 || index >= shard.databaseCount()) {
                    return "ERR DB index is out of range";
                }
                db = index;
                return null;
            }
            case "multi" -> {
                log.transactionStarted();
                return null;
            }
            case "exec" -> {
                log.transactionEnded();
                return null;
            }
            default -> {
            }
        }
        CommandResolution resolved = CommandResolution.of(table, command);
        if (!resolved.runnable()) {
            return resolved.error();
        }
        CommandSpec s = resolved.spec();
        argv = command;
        spec = s;
        error = null;
        int ranIn = db;
        shard.beginCommand();
        try {
            s.handler().execute(this);
        } catch (CommandException e) {
            error = e.getMessage();
        }
        log.afterCommand(ranIn, s, command);
        return error;
    }

    // ---- CommandContext --------------------------------------------------------------------------

    @Override
    public byte[][] argv() {
        return argv;
    }

    @Override
    public ReplySink reply() {
        return this;
    }

    @Override
    public Keyspace db() {
        return shard.db(db);
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

    // ---- Client ----------------------------------------------------------------------------------

    @Override
    public long id() {
        return -1;
    }

    @Override
    public int dbIndex() {
        return db;
    }

    @Override
    public void select(int dbIndex) {
        db = dbIndex;
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
    public void block(byte[][] keys, ValueType type, long timeoutMillis, TimeoutReply onTimeout) {
        throw new IllegalStateException("the AOF client never blocks");
    }

    @Override
    public byte[] readyKey() {
        return null;
    }

    /** The log holds commands that ran once already, with their permissions checked then. */
    @Override
    public boolean mayReadEveryKey(CommandSpec spec, byte[][] argv) {
        return true;
    }

    // ---- ReplySink: replies are dropped, errors kept ---------------------------------------------

    @Override
    public void simple(String text) {
    }

    @Override
    public void error(String text) {
        error = text;
    }

    @Override
    public void integer(long value) {
    }

    @Override
    public void bulk(byte[] value, int offset, int length) {
    }

    @Override
    public void nullBulk() {
    }

    @Override
    public void nullArray() {
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
    }

    @Override
    public void bool(boolean value) {
    }

    @Override
    public void verbatim(String format, String text) {
    }

    @Override
    public void bigNumber(String digits) {
    }

    @Override
    public void raw(byte[] encoded) {
    }
}
