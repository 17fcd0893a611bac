package io.redoubt.it.clients;

import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.TestDatabases;

/**
 * The bad-input suite through a database of two shards (the router's port), before and after AUTH:
 * the router applies the one-shard endpoint's pre-authentication limits (issue 14, defect 4); the
 * one-shard suite compares the same table with redis-server.
 */
class BadInputTwoShardsTest extends BadInputSuite {
    private ShardedDatabase db;

    @Override
    protected Target startServer() throws Exception {
        db = TestDatabases.startSharded(2, "requirepass", PASSWORD);
        return () -> BadInputOneShardTest.plain(db.port());
    }

    @Override
    protected void stopServer() {
        db.close();
    }
}
