package io.redoubt.testkit;

import io.redoubt.dataplane.NodeLoops;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.node.ShardedDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Databases started in-process for tests, on free ports, with Redis's parameters as name/value
 * {@code overrides} ("maxmemory", "1mb", ...) and no secure first start (the default user needs no
 * password unless the overrides give one). The production classes have no test-only entry points.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** A one-shard database with threads of its own. */
    public static RedoubtServer start(String... overrides) throws Exception {
        return RedoubtServer.start(ServerConfig.fromPairs(overrides), 0);
    }

    /** A one-shard database with TLS on a free port too (first-start certificates unless overridden). */
    public static RedoubtServer startWithTls(String... overrides) throws Exception {
        return RedoubtServer.start(ServerConfig.fromPairs(overrides), 0, 0);
    }

    /** A one-shard database on {@code node}'s shared threads, with TLS on a free port too when {@code tls}. */
    public static RedoubtServer start(NodeLoops node, boolean tls, String... overrides) throws Exception {
        return RedoubtServer.start(node, ServerConfig.fromPairs(overrides), 0, tls ? 0 : null);
    }

    /** A database of {@code shards} shards with threads of its own. */
    public static ShardedDatabase startSharded(int shards, String... overrides) throws Exception {
        return startSharded(null, shards, null, overrides);
    }

    /**
     * A database of {@code shards} shards on {@code node}'s shared threads (null: threads of its own),
     * with TLS on a free port too when {@code tls}.
     */
    public static ShardedDatabase startSharded(NodeLoops node, int shards, boolean tls, String... overrides)
            throws Exception {
        return startSharded(node, shards, tls ? 0 : null, overrides);
    }

    private static ShardedDatabase startSharded(NodeLoops shared, int shards, Integer tlsPort, String... overrides)
            throws Exception {
        List<String> pairs = new ArrayList<>(List.of(overrides));
        pairs.addAll(List.of("shards", Integer.toString(shards)));
        ServerConfig database = ServerConfig.fromPairs(pairs.toArray(new String[0]));
        NodeLoops loops = shared != null ? shared : new NodeLoops(database.database().transport(), 1);
        return ShardedDatabase.start(loops, shared == null, database, database.database().bind(), 0, tlsPort, null);
    }
}
