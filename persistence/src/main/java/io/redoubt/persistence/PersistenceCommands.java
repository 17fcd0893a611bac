package io.redoubt.persistence;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.ASKING;
import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.redoubt.engine.command.CommandFlag.NO_MULTI;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;

/** DUMP, RESTORE, SAVE and BGSAVE, with Redis 7.0's specs, replies and errors. */
public final class PersistenceCommands {
    private final RdbService rdb;
    private final AppendOnlyFile aof;

    public PersistenceCommands(RdbService rdb, AppendOnlyFile aof) {
        this.rdb = rdb;
        this.aof = aof;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("dump", 2).flags(READONLY).acl(AclCategory.KEYSPACE)
                .args("key:key#0")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("generic").since("2.6.0").summary("Return a serialized version of the value stored at the specified key.")
                .complexity("O(1) to access the key and additional O(N*M) to serialize it, where N is the number of"
                        + " Redis objects composing the value and M their average size. For small string values the"
                        + " time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).")
                .tips("nondeterministic_output")
                .handler(this::dump));
        t.add(restoreSpec("restore").flags(WRITE, DENYOOM).group("generic").since("2.6.0")
                .summary("Create a key using the provided serialized value, previously obtained using DUMP."));
        // RESTORE-ASKING: the RESTORE that MIGRATE sends between cluster nodes, accepted during a slot migration
        // (ASKING); on a database without the cluster API it is RESTORE, as on Redis with cluster support disabled
        t.add(restoreSpec("restore-asking").flags(WRITE, DENYOOM, ASKING).group("server").since("3.0.0")
                .docFlags("syscmd").summary("An internal command for migrating keys in a cluster"));
        t.add(CommandSpec.builder("save", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .group("server").since("1.0.0").summary("Synchronously save the dataset to disk")
                .complexity("O(N) where N is the total number of keys in all databases")
                .handler(this::save));
        t.add(CommandSpec.builder("bgsave", -1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .group("server").since("1.0.0").summary("Asynchronously save the dataset to disk")
                .complexity("O(1)").history("3.2.2", "Added the `SCHEDULE` option.")
                .args("SCHEDULE@3.2.2?")
                .handler(this::bgsave));
        t.add(CommandSpec.builder("bgrewriteaof", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .group("server").since("1.0.0").summary("Asynchronously rewrite the append-only file")
                .complexity("O(1)")
                .handler(this::bgrewriteaof));
    }

    /** What RESTORE and RESTORE-ASKING share: arguments, key, ACL categories, complexity, history, handler. */
    private CommandSpec.Builder restoreSpec(String name) {
        return CommandSpec.builder(name, -4).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .args("key:key#0 ttl:integer serialized-value:string REPLACE@3.0.0? ABSTTL@5.0.0? "
                        + "seconds:integer=IDLETIME@5.0.0? frequency:integer=FREQ@5.0.0?")
                .key(KeySpec.single(1, OW, UPDATE))
                .complexity("O(1) to create the new key and additional O(N*M) to reconstruct the serialized value,"
                        + " where N is the number of Redis objects composing the value and M their average size. For"
                        + " small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply"
                        + " O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting"
                        + " values into sorted sets is O(log(N)).")
                .history("3.0.0", "Added the `REPLACE` modifier.")
                .history("5.0.0", "Added the `ABSTTL` modifier.")
                .history("5.0.0", "Added the `IDLETIME` and `FREQ` options.")
                .handler(this::restore)
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY);
    }

    private void bgrewriteaof(CommandContext ctx) {
        String reply = aof.bgrewrite(rdb.bgsaveInProgress());
        if (reply.startsWith("+")) {
            ctx.reply().simple(reply.substring(1));
        } else {
            throw new CommandException(reply);
        }
    }

    private void dump(CommandContext ctx) {
        Entry e = ctx.db().lookupRead(ctx.argv()[1], !ctx.client().noTouch());
        if (e == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().bulk(DumpPayload.serialize(e.value()));
    }

    private void restore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean replace = false;
        boolean absttl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.is(argv[j], "REPLACE")) {
                replace = true;
            } else if (Args.is(argv[j], "ABSTTL")) {
                absttl = true;
            } else if (Args.is(argv[j], "IDLETIME") && more && freq == -1) {
                idle = Args.parseLong(argv[++j], Errors.NOT_INTEGER);
                if (idle < 0) {
                    throw new CommandException("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (Args.is(argv[j], "FREQ") && more && idle == -1) {
                freq = Args.parseLong(argv[++j], Errors.NOT_INTEGER);
                if (freq < 0 || freq > 255) {
                    throw new CommandException("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Keyspace db = ctx.db();
        byte[] key = argv[1];
        if (!replace && db.lookupWrite(key) != null) {
            throw new CommandException("BUSYKEY Target key name already exists.");
        }
        long ttl = Args.parseLong(argv[2], Errors.NOT_INTEGER);
        if (ttl < 0) {
            throw new CommandException("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = argv[3];
        if (!DumpPayload.verify(payload)) {
            throw new CommandException(DumpPayload.BAD_VERSION_OR_CHECKSUM);
        }
        Object value;
        try {
            value = DumpPayload.deserialize(payload, ctx.shard().encodingLimits());
        } catch (RdbFormatException e) {
            throw new CommandException(DumpPayload.BAD_FORMAT);
        }
        boolean deleted = replace && db.delete(key);
        long now = ctx.shard().now();
        if (ttl != 0 && !absttl) {
            ttl += now;
        }
        if (ttl != 0 && ttl <= now) {
            if (deleted) {
                db.notify(EventClass.GENERIC, "del", key);
            }
            ctx.reply().ok();
            return;
        }
        Entry e = db.put(key, value);
        if (ttl != 0) {
            db.setExpiry(e, ttl);
        }
        ctx.shard().restoreAccess(e, idle, (int) freq);
        db.notify(EventClass.GENERIC, "restore", key);
        ctx.reply().ok();
    }

    private void save(CommandContext ctx) {
        String error = rdb.save();
        if (error != null) {
            throw new CommandException(error);
        }
        ctx.reply().ok();
    }

    private void bgsave(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean schedule = false;
        if (argv.length > 1) {
            if (argv.length == 2 && Args.is(argv[1], "SCHEDULE")) {
                schedule = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        String reply = rdb.bgsave(schedule);
        if (reply.startsWith("+")) {
            ctx.reply().simple(reply.substring(1));
        } else {
            throw new CommandException(reply);
        }
    }
}
