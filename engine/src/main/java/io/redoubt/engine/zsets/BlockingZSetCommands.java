package io.redoubt.engine.zsets;

import static io.redoubt.engine.command.CommandFlag.BLOCKING;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
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
 * BZPOPMIN, BZPOPMAX, BZMPOP with Redis 7.0's semantics: a non-empty sorted set pops at once as
 * ZPOPMIN/ZMPOP would; otherwise the client parks on the keys and the command runs again once one
 * of them holds a sorted set, served from the key that became ready. Inside MULTI/EXEC nothing may
 * block, so an empty answer (a null array) is given at once.
 */
public final class BlockingZSetCommands {
    public void register(CommandTable.Builder t) {
        for (String name : new String[] {"bzpopmin", "bzpopmax"}) {
            boolean min = name.equals("bzpopmin");
            t.add(CommandSpec.builder(name, -3).flags(WRITE, NOSCRIPT, BLOCKING, FAST).acl(AclCategory.SORTEDSET)
                    .key(KeySpec.range(1, -2, 1, RW, ACCESS, DELETE))
                    .group("sorted-set").since("5.0.0")
                    .summary(min ? "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available"
                            : "Remove and return the member with the highest score from one or more sorted sets, or block until one is available")
                    .args("key:key#0* timeout:double")
                    .history("6.0.0", "`timeout` is interpreted as a double instead of an integer.")
                    .complexity("O(log(N)) with N being the number of elements in the sorted set.")
                    .handler(ctx -> bzpop(ctx, min))
                .propagates(Propagation.RESULTING_STATE));
        }
        t.add(CommandSpec.builder("bzmpop", -5).flags(WRITE, BLOCKING, MOVABLEKEYS).acl(AclCategory.SORTEDSET)
                .args("timeout:double numkeys:integer key:key#0* where:oneof(MIN MAX) count:integer=COUNT?")
                .key(KeySpec.keynum(2, 0, 1, 1, RW, ACCESS, DELETE))
                .group("sorted-set").since("7.0.0")
                .summary("Remove and return members with scores in a sorted set or block until one is available")
                .complexity("O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.")
                .handler(this::bzmpop)
                .propagates(Propagation.RESULTING_STATE));
    }

    private void bzpop(CommandContext ctx, boolean min) {
        byte[][] argv = ctx.argv();
        long timeout = BlockingTimeout.parseSeconds(argv[argv.length - 1]);
        byte[][] keys = Arrays.copyOfRange(argv, 1, argv.length - 1);
        popOrBlock(ctx, keys, min, -1, timeout);
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: the timeout is read last, as Redis does. */
    private void bzmpop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long numkeys = Args.parseLong(argv[2], ZSetCommands.NUMKEYS_POSITIVE);
        if (numkeys <= 0) {
            throw new CommandException(ZSetCommands.NUMKEYS_POSITIVE);
        }
        if (numkeys >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        int whereIdx = (int) numkeys + 3;
        if (whereIdx >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        boolean min;
        if (Args.is(argv[whereIdx], "MIN")) {
            min = true;
        } else if (Args.is(argv[whereIdx], "MAX")) {
            min = false;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        long count = -1;
        for (int i = whereIdx + 1; i < argv.length; i++) {
            if (Args.is(argv[i], "COUNT") && i + 1 < argv.length && count < 0) {
                count = Args.parseLong(argv[++i], ZSetCommands.COUNT_POSITIVE);
                if (count <= 0) {
                    throw new CommandException(ZSetCommands.COUNT_POSITIVE);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        long timeout = BlockingTimeout.parseSeconds(argv[1]);
        byte[][] keys = Arrays.copyOfRange(argv, 3, whereIdx);
        popOrBlock(ctx, keys, min, count < 0 ? 1 : count, timeout);
    }

    /**
     * Pops from the first of {@code keys} holding a sorted set (the ready key first on a re-run):
     * [key, member, score] for {@code count} &lt; 0, else [key, [[member, score]...]]; parks the
     * client when all are empty.
     */
    private static void popOrBlock(CommandContext ctx, byte[][] keys, boolean min, long count, long timeout) {
        Client client = ctx.client();
        byte[] ready = client.readyKey();
        if (ready != null && popFrom(ctx, ready, min, count)) {
            return;
        }
        for (byte[] key : keys) {
            if (popFrom(ctx, key, min, count)) {
                return;
            }
        }
        if (!client.mayBlock()) {
            ctx.reply().nullArray();
            return;
        }
        client.block(keys, ValueType.ZSET, timeout, Client.TimeoutReply.NULL_ARRAY);
    }

    private static boolean popFrom(CommandContext ctx, byte[] key, boolean min, long count) {
        Entry e = ZSetCommands.writeEntry(ctx, key);
        if (e == null) {
            return false;
        }
        ScoredList out = ZSetCommands.pop(ctx.db(), e, count < 0 ? 1 : count, min);
        ReplySink r = ctx.reply();
        if (count < 0) {
            r.array(3);
            r.bulk(key);
            r.bulk(out.member(0));
            r.doubleValue(out.score(0));
        } else {
            r.array(2);
            r.bulk(key);
            out.reply(r, true, true);
        }
        ZSetCommands.notifyPopped(ctx.db(), e, min);
        // recorded as the pop it was, as Redis records it (BZPOPMIN as ZPOPMIN, BZMPOP ... COUNT n as ZPOPMIN key n)
        byte[] pop = Args.bytes(min ? "ZPOPMIN" : "ZPOPMAX");
        ctx.propagateAs(count < 0 ? new byte[][] {pop, key} : new byte[][] {pop, key, Args.bytes(count)});
        return true;
    }
}
