package io.redoubt.engine.keys;

import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.RM;
import static io.redoubt.engine.command.KeySpec.Flag.RO;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;

/** The generic keyspace family. */
public final class KeyCommands {

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("del", -2).flags(WRITE).acl(AclCategory.KEYSPACE)
                .key(KeySpec.range(1, -1, 1, RM, DELETE))
                .group("generic").since("1.0.0").summary("Delete a key")
                .complexity("O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::del));
        t.add(CommandSpec.builder("exists", -2).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .key(KeySpec.range(1, -1, 1, RO))
                .group("generic").since("1.0.0").summary("Determine if a key exists")
                .complexity("O(N) where N is the number of keys to check.")
                .history("3.0.3", "Accepts multiple `key` arguments.")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::exists));
    }

    private void del(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().delete(argv[i])) {
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    private void exists(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().lookupRead(argv[i], !ctx.client().noTouch()) != null) {
                n++;
            }
        }
        ctx.reply().integer(n);
    }
}
