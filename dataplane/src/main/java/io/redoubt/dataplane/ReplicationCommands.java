package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.redoubt.engine.command.CommandFlag.NO_MULTI;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;

/**
 * The replication commands (SYNC, PSYNC, REPLCONF, REPLICAOF, SLAVEOF, ROLE, WAIT) with Redis 7.0's
 * specs. What they do belongs to replication, reached through {@link ServerContext#replication()}.
 */
public final class ReplicationCommands {
    private static final String HOST_PORT_OR_NO_ONE =
            "args:oneof(host-port:block(host:string port:integer) no-one:block(no:pure-token=NO one:pure-token=ONE))";

    private final ServerContext server;

    public ReplicationCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("sync", 1).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI)
                .group("server").since("1.0.0").summary("Internal command used for replication")
                .handler(ctx -> server.replication().sync((Session) ctx, ctx.argv())));
        t.add(CommandSpec.builder("psync", -3).flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI)
                .args("replicationid:string offset:integer")
                .group("server").since("2.8.0").summary("Internal command used for replication")
                .handler(ctx -> server.replication().sync((Session) ctx, ctx.argv())));
        t.add(CommandSpec.builder("replconf", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, ALLOW_BUSY)
                .group("server").since("3.0.0").summary("An internal command for configuring the replication stream")
                .complexity("O(1)").docFlags("syscmd")
                .handler(ctx -> server.replication().replconf((Session) ctx, ctx.argv())));
        t.add(CommandSpec.builder("replicaof", 3).flags(ADMIN, NOSCRIPT, STALE, NO_ASYNC_LOADING)
                .args(HOST_PORT_OR_NO_ONE)
                .group("server").since("5.0.0").complexity("O(1)")
                .summary("Make the server a replica of another instance, or promote it as master.")
                .handler(ctx -> server.replication().replicaOf((Session) ctx, ctx.argv())));
        t.add(CommandSpec.builder("slaveof", 3).flags(ADMIN, NOSCRIPT, STALE, NO_ASYNC_LOADING)
                .args(HOST_PORT_OR_NO_ONE)
                .group("server").since("1.0.0").complexity("O(1)")
                .summary("Make the server a replica of another instance, or promote it as master.")
                .deprecated("5.0.0", "`REPLICAOF`")
                .handler(ctx -> server.replication().replicaOf((Session) ctx, ctx.argv())));
        t.add(CommandSpec.builder("role", 1).flags(NOSCRIPT, LOADING, STALE, FAST)
                .acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .group("server").since("2.8.12").complexity("O(1)")
                .summary("Return the role of the instance in the context of replication")
                .handler(ctx -> server.replication().role((Session) ctx)));
        t.add(CommandSpec.builder("wait", 3).flags(NOSCRIPT).acl(AclCategory.CONNECTION)
                .args("numreplicas:integer timeout:integer")
                .group("generic").since("3.0.0").complexity("O(1)")
                .summary("Wait for the synchronous replication of all the write commands sent in the context of the current connection")
                .tips("request_policy:all_shards", "response_policy:agg_min")
                .handler(this::waitCommand));
    }

    /** WAIT numreplicas timeout, with Redis's argument errors. */
    private void waitCommand(CommandContext ctx) {
        long replicas = Args.parseLong(ctx.argv()[1], "ERR value is not an integer or out of range");
        long timeout = Args.parseLong(ctx.argv()[2], "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new CommandException("ERR timeout is negative");
        }
        server.replication().waitForReplicas((Session) ctx, replicas, timeout);
    }
}
