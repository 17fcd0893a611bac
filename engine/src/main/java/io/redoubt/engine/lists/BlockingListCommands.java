package io.redoubt.engine.lists;

import static io.redoubt.engine.command.CommandFlag.BLOCKING;
import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.RW;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.BlockingTimeout;
import io.redoubt.engine.command.Client;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.Arrays;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP with Redis 7.0's semantics. When a list has elements they
 * behave as their non-blocking twins; otherwise the client parks on the keys and the command runs
 * again once one of them holds a list, served from the key that became ready, as Redis 7.0 serves
 * it. Inside MULTI/EXEC nothing may block, so an empty answer is given at once, as on timeout.
 */
public final class BlockingListCommands {
    public void register(CommandTable.Builder t) {
        for (String name : new String[] {"blpop", "brpop"}) {
            boolean head = name.equals("blpop");
            t.add(CommandSpec.builder(name, -3).flags(WRITE, NOSCRIPT, BLOCKING).acl(AclCategory.LIST)
                    .key(KeySpec.range(1, -2, 1, RW, ACCESS, DELETE))
                    .group("list").since("2.0.0")
                    .summary(head ? "Remove and get the first element in a list, or block until one is available"
                            : "Remove and get the last element in a list, or block until one is available")
                    .args("key:key#0* timeout:double")
                    .history("6.0.0", "`timeout` is interpreted as a double instead of an integer.")
                    .complexity("O(N) where N is the number of provided keys.")
                    .handler(ctx -> blockingPop(ctx, head))
                .propagates(Propagation.RESULTING_STATE));
        }
        t.add(CommandSpec.builder("blmove", 6).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).acl(AclCategory.LIST)
                .args("source:key#0 destination:key#1 wherefrom:oneof(LEFT RIGHT) whereto:oneof(LEFT RIGHT) "
                        + "timeout:double")
                .key(KeySpec.single(1, RW, ACCESS, DELETE))
                .key(KeySpec.single(2, RW, INSERT))
                .group("list").since("6.2.0")
                .summary("Pop an element from a list, push it to another list and return it; or block until one is available")
                .complexity("O(1)")
                .handler(this::blmove)
                .propagates(Propagation.RESULTING_STATE));
        t.add(CommandSpec.builder("brpoplpush", 4).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).acl(AclCategory.LIST)
                .args("source:key#0 destination:key#1 timeout:double")
                .history("6.0.0", "`timeout` is interpreted as a double instead of an integer.")
                .deprecated("6.2.0", "`BLMOVE` with the `RIGHT` and `LEFT` arguments")
                .key(KeySpec.single(1, RW, ACCESS, DELETE))
                .key(KeySpec.single(2, RW, INSERT))
                .group("list").since("2.2.0")
                .summary("Pop an element from a list, push it to another list and return it; or block until one is available")
                .complexity("O(1)")
                .handler(this::brpoplpush)
                .propagates(Propagation.RESULTING_STATE));
        t.add(CommandSpec.builder("blmpop", -5).flags(WRITE, BLOCKING, MOVABLEKEYS).acl(AclCategory.LIST)
                .args("timeout:double numkeys:integer key:key#0* where:oneof(LEFT RIGHT) count:integer=COUNT?")
                .key(KeySpec.keynum(2, 0, 1, 1, RW, ACCESS, DELETE))
                .group("list").since("7.0.0")
                .summary("Pop elements from a list, or block until one is available")
                .complexity("O(N+M) where N is the number of provided keys and M is the number of elements returned.")
                .handler(this::blmpop)
                .propagates(Propagation.RESULTING_STATE));
    }

    // ---- commands -----------------------------------------------------------------------------------

    private void blockingPop(CommandContext ctx, boolean head) {
        byte[][] argv = ctx.argv();
        long timeout = BlockingTimeout.parseSeconds(argv[argv.length - 1]);
        byte[][] keys = Arrays.copyOfRange(argv, 1, argv.length - 1);
        popOrBlock(ctx, keys, head, -1, timeout);
    }

    private void blmove(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean fromHead = ListCommands.parseSide(argv[3]);
        boolean toHead = ListCommands.parseSide(argv[4]);
        long timeout = BlockingTimeout.parseSeconds(argv[5]);
        moveOrBlock(ctx, argv[1], argv[2], fromHead, toHead, timeout);
    }

    private void brpoplpush(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long timeout = BlockingTimeout.parseSeconds(argv[3]);
        moveOrBlock(ctx, argv[1], argv[2], false, true, timeout);
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: the timeout is read last, as Redis does. */
    private void blmpop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long numkeys = Args.parseLong(argv[2], ListCommands.NUMKEYS_POSITIVE);
        if (numkeys <= 0) {
            throw new CommandException(ListCommands.NUMKEYS_POSITIVE);
        }
        if (numkeys >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        int whereIdx = (int) numkeys + 3;
        if (whereIdx >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        boolean head = ListCommands.parseSide(argv[whereIdx]);
        long count = -1;
        for (int i = whereIdx + 1; i < argv.length; i++) {
            if (Args.is(argv[i], "COUNT") && i + 1 < argv.length && count < 0) {
                count = Args.parseLong(argv[++i], ListCommands.COUNT_POSITIVE);
                if (count <= 0) {
                    throw new CommandException(ListCommands.COUNT_POSITIVE);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        long timeout = BlockingTimeout.parseSeconds(argv[1]);
        byte[][] keys = Arrays.copyOfRange(argv, 3, whereIdx);
        popOrBlock(ctx, keys, head, count < 0 ? 1 : count, timeout);
    }

    // ---- serving or parking -------------------------------------------------------------------------

    /**
     * Pops from the first of {@code keys} holding a list (the ready key first on a re-run) and replies
     * [key, element] ({@code count} &lt; 0) or [key, [elements...]]; parks the client when all are empty.
     */
    private static void popOrBlock(CommandContext ctx, byte[][] keys, boolean head, long count, long timeout) {
        Client client = ctx.client();
        byte[] ready = client.readyKey();
        if (ready != null && popFrom(ctx, ready, head, count)) {
            return;
        }
        for (byte[] key : keys) {
            if (popFrom(ctx, key, head, count)) {
                return;
            }
        }
        if (!client.mayBlock()) {
            ctx.reply().nullArray();
            return;
        }
        client.block(keys, ValueType.LIST, timeout, Client.TimeoutReply.NULL_ARRAY);
    }

    private static boolean popFrom(CommandContext ctx, byte[] key, boolean head, long count) {
        Entry e = ListCommands.writeEntry(ctx, key);
        if (e == null) {
            return false;
        }
        ReplySink r = ctx.reply();
        r.array(2);
        r.bulk(key);
        if (count < 0) {
            r.bulk(ListCommands.pop(ctx.db(), e, 1, head)[0]);
        } else {
            ListCommands.replyElements(r, ListCommands.pop(ctx.db(), e, count, head));
        }
        ListCommands.notifyPopped(ctx.db(), e, head);
        // recorded as the pop it was, as Redis records it (BLPOP as LPOP, BLMPOP ... COUNT n as LPOP key n)
        byte[] pop = Args.bytes(head ? "LPOP" : "RPOP");
        ctx.propagateAs(count < 0 ? new byte[][] {pop, key} : new byte[][] {pop, key, Args.bytes(count)});
        return true;
    }

    /**
     * A source with elements moves at once, exactly as LMOVE (the destination's type is checked
     * first); an empty source parks the client on it, whatever the destination holds. Inside MULTI
     * the empty answer is a null bulk string, but on timeout a null array.
     */
    private static void moveOrBlock(CommandContext ctx, byte[] source, byte[] destination, boolean fromHead,
                                    boolean toHead, long timeout) {
        if (ListCommands.writeEntry(ctx, source) != null) {
            ListCommands.move(ctx, source, destination, fromHead, toHead);
            // recorded as the move it was, as Redis records it (BLMOVE as LMOVE, BRPOPLPUSH as RPOPLPUSH)
            ctx.propagateAs(ctx.spec().name().equals("brpoplpush")
                    ? new byte[][] {Args.bytes("RPOPLPUSH"), source, destination}
                    : new byte[][] {Args.bytes("LMOVE"), source, destination, Args.bytes(fromHead ? "LEFT" : "RIGHT"),
                        Args.bytes(toHead ? "LEFT" : "RIGHT")});
            return;
        }
        Client client = ctx.client();
        if (!client.mayBlock()) {
            ctx.reply().nullBulk();
            return;
        }
        // Redis 7.0 answers a timed-out list waiter with a null array, BLMOVE included
        client.block(new byte[][] {source}, ValueType.LIST, timeout, Client.TimeoutReply.NULL_ARRAY);
    }
}
