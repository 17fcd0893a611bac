package io.redoubt.persistence;

import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INCOMPLETE;
import static io.redoubt.engine.command.KeySpec.Flag.RW;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.KeysProc;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.resp.Errors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * MIGRATE as Redis 7.0 runs it with cluster support disabled: DUMP each key, send RESTORE (after AUTH and
 * SELECT when needed) over a cached connection, and delete the local key only once the target has
 * answered +OK for it, so a target failing mid-way never loses a key and never gets one twice (a key
 * whose RESTORE went unanswered stays here; sending again with REPLACE is safe). The whole exchange,
 * connecting included, ends within the given timeout, so the shard's thread is held no longer.
 */
public final class MigrateCommand {
    private static final Set<KeySpec.Flag> KEY_FLAGS = Set.copyOf(EnumSet.of(RW, ACCESS, DELETE));
    private static final byte[] RESTORE = bytes("RESTORE");
    private static final byte[] REPLACE = bytes("REPLACE");

    private final MigrationLinks links;

    public MigrateCommand(MigrationLinks links) {
        this.links = links;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("migrate", -6).flags(WRITE).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .key(KeySpec.single(3, RW, ACCESS, DELETE))
                .key(KeySpec.keyword("KEYS", -2, -1, 1, RW, ACCESS, DELETE, INCOMPLETE))
                .keysProc(MigrateCommand::keys)
                // the DEL of the keys the target acknowledged (propagateAs); never the request, which replay
                // would send to the target again
                .propagates(Propagation.RESULTING_STATE)
                .tips("nondeterministic_output")
                .group("generic").since("2.6.0")
                .summary("Atomically transfer a key from a Redis instance to another one.")
                .complexity("This command actually executes a DUMP+DEL in the source instance, and a RESTORE in"
                        + " the target instance. See the pages of these commands for time complexity. Also an O(N)"
                        + " data transfer between the two instances is performed.")
                .history("3.0.0", "Added the `COPY` and `REPLACE` options.")
                .history("3.0.6", "Added the `KEYS` option.")
                .history("4.0.7", "Added the `AUTH` option.")
                .history("6.0.0", "Added the `AUTH2` option.")
                .args("host:string port:integer key_or_empty_string:oneof(key:key#0 empty_string=\"\")"
                        + " destination-db:integer timeout:integer COPY@3.0.0? REPLACE@3.0.0?"
                        + " authentication:oneof?(password:string=AUTH@4.0.7?"
                        + " username_password:block=AUTH2@6.0.0?(username:string password:string))"
                        + " key:key#1=KEYS@3.0.6?*")
                .handler(this::migrate));
    }

    /**
     * Redis's migrateGetKeys: the key argument, or what follows KEYS (skipping AUTH's and AUTH2's
     * arguments on the way); every key is read and deleted, COPY or not, as Redis 7.0 declares it.
     */
    static void keys(byte[][] argv, KeysProc.Visitor visitor) {
        int first = 3;
        int count = 1;
        if (argv.length > 6) {
            for (int i = 6; i < argv.length; i++) {
                if (Args.is(argv[i], "KEYS")) {
                    if (argv[3].length > 0) {
                        return; // Redis logs "Cannot use MIGRATE KEYS option when key argument is not empty"
                    }
                    first = i + 1;
                    count = argv.length - first;
                    break;
                }
                if (Args.is(argv[i], "AUTH")) {
                    i += 1;
                } else if (Args.is(argv[i], "AUTH2")) {
                    i += 2;
                }
            }
        }
        for (int k = 0; k < count; k++) {
            visitor.key(first + k, KEY_FLAGS);
        }
    }

    private void migrate(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean copy = false;
        boolean replace = false;
        byte[] username = null;
        byte[] password = null;
        int firstKey = 3;
        int keyCount = 1;
        for (int j = 6; j < argv.length; j++) {
            int more = argv.length - 1 - j;
            if (Args.is(argv[j], "COPY")) {
                copy = true;
            } else if (Args.is(argv[j], "REPLACE")) {
                replace = true;
            } else if (Args.is(argv[j], "AUTH")) {
                if (more < 1) {
                    throw new CommandException(Errors.SYNTAX);
                }
                password = argv[++j];
            } else if (Args.is(argv[j], "AUTH2")) {
                if (more < 2) {
                    throw new CommandException(Errors.SYNTAX);
                }
                username = argv[++j];
                password = argv[++j];
            } else if (Args.is(argv[j], "KEYS")) {
                if (argv[3].length != 0) {
                    throw new CommandException(
                            "ERR When using MIGRATE KEYS option, the key argument must be set to the empty string");
                }
                firstKey = j + 1;
                keyCount = argv.length - j - 1;
                break;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        long timeout = Args.parseLong(argv[5], Errors.NOT_INTEGER);
        long db = Args.parseLong(argv[4], Errors.NOT_INTEGER);
        if (timeout <= 0) {
            timeout = 1000;
        }
        Keyspace keyspace = ctx.db();
        List<byte[]> keys = new ArrayList<>();
        for (int j = 0; j < keyCount; j++) {
            if (keyspace.lookupRead(argv[firstKey + j], !ctx.client().noTouch()) != null) {
                keys.add(argv[firstKey + j]);
            }
        }
        if (keys.isEmpty()) {
            ctx.reply().simple("NOKEY");
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        new Attempt(ctx, keys, db, copy, replace, username, password, deadline).run();
    }

    /** One MIGRATE call's exchange with the target, retried once on a stale cached connection as in Redis. */
    private final class Attempt {
        private final CommandContext ctx;
        private final List<byte[]> keys;
        private final long db;
        private final boolean copy;
        private final boolean replace;
        private final byte[] username;
        private final byte[] password;
        private final long deadline;
        private final String host;
        private final String port;

        Attempt(CommandContext ctx, List<byte[]> keys, long db, boolean copy, boolean replace, byte[] username,
                byte[] password, long deadline) {
            this.ctx = ctx;
            this.keys = keys;
            this.db = db;
            this.copy = copy;
            this.replace = replace;
            this.username = username;
            this.password = password;
            this.deadline = deadline;
            this.host = new String(ctx.argv()[1], StandardCharsets.ISO_8859_1);
            this.port = new String(ctx.argv()[2], StandardCharsets.ISO_8859_1);
        }

        void run() {
            boolean mayRetry = true;
            while (true) {
                MigrationLink link;
                try {
                    link = links.get(host, port, ctx.shard().now() / 1000, deadline);
                } catch (IOException e) {
                    throw new CommandException("IOERR error or timeout connecting to the client");
                }
                Failure failure = exchange(link);
                if (failure == null) {
                    return;
                }
                links.drop(host, port);
                if (failure.retry && mayRetry) {
                    mayRetry = false;
                    continue;
                }
                throw new CommandException("IOERR error or timeout " + (failure.writing ? "writing" : "reading")
                        + " to target instance");
            }
        }

        /** Sends the requests and reads the replies; null when a reply (OK or the target's error) was sent. */
        private Failure exchange(MigrationLink link) {
            boolean select = link.selectedDb() != db;
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            if (password != null) {
                if (username != null) {
                    AppendOnlyFile.encode(request, new byte[][] {bytes("AUTH"), username, password});
                } else {
                    AppendOnlyFile.encode(request, new byte[][] {bytes("AUTH"), password});
                }
            }
            if (select) {
                AppendOnlyFile.encode(request, new byte[][] {bytes("SELECT"), bytes(Long.toString(db))});
            }
            Keyspace keyspace = ctx.db();
            long now = ctx.shard().now();
            List<byte[]> sent = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                Entry e = keyspace.peek(key);
                if (e == null) {
                    continue;
                }
                long ttl = 0;
                if (e.hasExpiry()) {
                    ttl = e.expireAt() - now;
                    if (ttl < 0) {
                        continue;
                    }
                    ttl = Math.max(ttl, 1);
                }
                sent.add(key);
                byte[] payload = DumpPayload.serialize(e.value());
                byte[] ttlText = bytes(Long.toString(ttl));
                AppendOnlyFile.encode(request, replace ? new byte[][] {RESTORE, key, ttlText, payload, REPLACE}
                        : new byte[][] {RESTORE, key, ttlText, payload});
            }
            try {
                link.write(request.toByteArray(), deadline);
            } catch (IOException e) {
                return new Failure(true, !(e instanceof SocketTimeoutException));
            }
            String authReply = null;
            String selectReply = null;
            try {
                if (password != null) {
                    authReply = link.readLine(deadline);
                }
                if (select) {
                    selectReply = link.readLine(deadline);
                }
            } catch (IOException e) {
                return new Failure(false, !(e instanceof SocketTimeoutException));
            }
            String targetError = null;
            List<byte[]> moved = new ArrayList<>();
            int read = 0;
            IOException socketError = null;
            for (; read < sent.size(); read++) {
                String reply;
                try {
                    reply = link.readLine(deadline);
                } catch (IOException e) {
                    socketError = e;
                    break;
                }
                if (isError(authReply) || isError(selectReply) || isError(reply)) {
                    if (targetError == null) {
                        link.selectedDb(-1);
                        String error = isError(authReply) ? authReply : isError(selectReply) ? selectReply : reply;
                        targetError = "ERR Target instance replied with error: " + error.substring(1);
                    }
                } else if (!copy) {
                    byte[] key = sent.get(read);
                    keyspace.delete(key);
                    keyspace.notify(EventClass.GENERIC, "del", key);
                    moved.add(key);
                }
            }
            if (!moved.isEmpty()) {
                byte[][] del = new byte[moved.size() + 1][];
                del[0] = bytes("DEL");
                for (int i = 0; i < moved.size(); i++) {
                    del[i + 1] = moved.get(i);
                }
                ctx.propagateAs(del);
            }
            if (targetError == null && socketError != null) {
                // Retried only when nothing was answered (so nothing was moved) and it was not a timeout.
                return new Failure(false, read == 0 && !(socketError instanceof SocketTimeoutException));
            }
            if (socketError != null) {
                links.drop(host, port);
            }
            if (targetError != null) {
                throw new CommandException(targetError);
            }
            link.selectedDb(db);
            ctx.reply().ok();
            return null;
        }
    }

    /** Why an exchange failed: in writing or reading, and whether Redis would try once more. */
    private record Failure(boolean writing, boolean retry) {
    }

    private static boolean isError(String reply) {
        return reply != null && reply.startsWith("-");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
