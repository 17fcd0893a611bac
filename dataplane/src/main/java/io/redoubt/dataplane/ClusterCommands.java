package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;

/**
 * CLUSTER and its subcommands, READONLY, READWRITE and ASKING on a database that is not a Redis
 * Cluster: every one answers what Redis 7.0 answers with {@code cluster-enabled no}, so a client
 * probing for cluster mode (Jedis, Lettuce, redis-py, go-redis send CLUSTER INFO, CLUSTER SLOTS or
 * READONLY) learns at once that it talks to a standalone server. Their specs are Redis's, so COMMAND,
 * the ACL (+cluster|info) and COMMAND DOCS know them. Serving the cluster API for sharded databases
 * belongs to the cluster work and would replace these handlers.
 */
public final class ClusterCommands {
    static final String DISABLED = "ERR This instance has cluster support disabled";

    public void register(CommandTable.Builder t) {
        t.add(spec("readonly", 1, "3.0.0", "Enables read queries for a connection to a cluster replica node",
                "O(1)")
                .flags(LOADING, STALE, FAST)
                .acl(AclCategory.CONNECTION)
                .handler(this::disabled));
        t.add(spec("readwrite", 1, "3.0.0", "Disables read queries for a connection to a cluster replica node",
                "O(1)")
                .flags(LOADING, STALE, FAST)
                .acl(AclCategory.CONNECTION)
                .handler(this::disabled));
        t.add(spec("asking", 1, "3.0.0", "Sent by cluster clients after an -ASK redirect",
                "O(1)")
                .flags(FAST)
                .acl(AclCategory.CONNECTION)
                .handler(this::disabled));
        t.add(spec("cluster", -2, "3.0.0", "A container for cluster commands",
                "Depends on subcommand.")
                .sub(spec("addslots", -3, "3.0.0", "Assign new hash slots to receiving node",
                        "O(N) where N is the total number of hash slot arguments")
                        .args("slot:integer*")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("addslotsrange", -4, "7.0.0", "Assign new hash slots to receiving node",
                        "O(N) where N is the total number of the slots between the start slot and end slot arguments.")
                        .args("start-slot_end-slot:block*(start-slot:integer end-slot:integer)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("bumpepoch", 2, "3.0.0", "Advance the cluster config epoch",
                        "O(1)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("count-failure-reports", 3, "3.0.0", "Return the number of failure reports active for a given node",
                        "O(N) where N is the number of failure reports")
                        .args("node-id:string")
                        .flags(ADMIN, STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("countkeysinslot", 3, "3.0.0", "Return the number of local keys in the specified hash slot",
                        "O(1)")
                        .args("slot:integer")
                        .flags(STALE)
                        .handler(this::disabled))
                .sub(spec("delslots", -3, "3.0.0", "Set hash slots as unbound in receiving node",
                        "O(N) where N is the total number of hash slot arguments")
                        .args("slot:integer*")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("delslotsrange", -4, "7.0.0", "Set hash slots as unbound in receiving node",
                        "O(N) where N is the total number of the slots between the start slot and end slot arguments.")
                        .args("start-slot_end-slot:block*(start-slot:integer end-slot:integer)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("failover", -2, "3.0.0", "Forces a replica to perform a manual failover of its master.",
                        "O(1)")
                        .args("options:oneof?(FORCE TAKEOVER)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("flushslots", 2, "3.0.0", "Delete a node's own slots information",
                        "O(1)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("forget", 3, "3.0.0", "Remove a node from the nodes table",
                        "O(1)")
                        .args("node-id:string")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("getkeysinslot", 4, "3.0.0", "Return local key names in the specified hash slot",
                        "O(log(N)) where N is the number of requested keys")
                        .args("slot:integer count:integer")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("help", 2, "5.0.0", "Show helpful text about the different subcommands",
                        "O(1)")
                        .flags(LOADING, STALE)
                        .handler(this::disabled))
                .sub(spec("info", 2, "3.0.0", "Provides info about Redis Cluster node state",
                        "O(1)")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("keyslot", 3, "3.0.0", "Returns the hash slot of the specified key",
                        "O(N) where N is the number of bytes in the key")
                        .args("key:string")
                        .flags(STALE)
                        .handler(this::disabled))
                .sub(spec("links", 2, "7.0.0", "Returns a list of all TCP links to and from peer nodes in cluster",
                        "O(N) where N is the total number of Cluster nodes")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("meet", -4, "3.0.0", "Force a node cluster to handshake with another node",
                        "O(1)")
                        .args("ip:string port:integer cluster_bus_port:integer@4.0.0?")
                        .history("4.0.0", "Added the optional `cluster_bus_port` argument.")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("myid", 2, "3.0.0", "Return the node id",
                        "O(1)")
                        .flags(STALE)
                        .handler(this::disabled))
                .sub(spec("nodes", 2, "3.0.0", "Get Cluster config for the node",
                        "O(N) where N is the total number of Cluster nodes")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("replicas", 3, "5.0.0", "List replica nodes of the specified master node",
                        "O(1)")
                        .args("node-id:string")
                        .flags(ADMIN, STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("replicate", 3, "3.0.0", "Reconfigure a node as a replica of the specified master node",
                        "O(1)")
                        .args("node-id:string")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("reset", -2, "3.0.0", "Reset a Redis Cluster node",
                        "O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.")
                        .args("hard_soft:oneof?(HARD SOFT)")
                        .flags(ADMIN, NOSCRIPT, STALE)
                        .handler(this::disabled))
                .sub(spec("saveconfig", 2, "3.0.0", "Forces the node to save cluster state on disk",
                        "O(1)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("set-config-epoch", 3, "3.0.0", "Set the configuration epoch in a new node",
                        "O(1)")
                        .args("config-epoch:integer")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("setslot", -4, "3.0.0", "Bind a hash slot to a specific node",
                        "O(1)")
                        .args("slot:integer subcommand:oneof(node-id:string=IMPORTING node-id:string=MIGRATING node-id:string=NODE STABLE)")
                        .flags(ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(this::disabled))
                .sub(spec("shards", 2, "7.0.0", "Get array of cluster slots to node mappings",
                        "O(N) where N is the total number of cluster nodes")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("slaves", 3, "3.0.0", "List replica nodes of the specified master node",
                        "O(1)")
                        .args("node-id:string")
                        .deprecated("5.0.0", "`CLUSTER REPLICAS`")
                        .flags(ADMIN, STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled))
                .sub(spec("slots", 2, "3.0.0", "Get array of Cluster slot to node mappings",
                        "O(N) where N is the total number of Cluster nodes")
                        .history("4.0.0", "Added node IDs.")
                        .history("7.0.0", "Added additional networking metadata field.")
                        .deprecated("7.0.0", "`CLUSTER SHARDS`")
                        .flags(STALE)
                        .tips("nondeterministic_output")
                        .handler(this::disabled)));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, String complexity) {
        return CommandSpec.builder(name, arity).group("cluster").since(since).summary(summary).complexity(complexity);
    }

    /** Redis checks {@code cluster_enabled} before anything else, HELP included. */
    private void disabled(CommandContext ctx) {
        throw new CommandException(DISABLED);
    }
}
