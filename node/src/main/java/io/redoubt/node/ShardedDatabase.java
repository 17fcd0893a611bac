package io.redoubt.node;

import io.redoubt.dataplane.DatabaseRuntime;
import io.redoubt.dataplane.DatabaseSettings;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.RouterLink;
import io.redoubt.dataplane.router.RouterEndpoint;
import io.redoubt.engine.config.ConfigException;
import io.netty.channel.local.LocalAddress;
import io.redoubt.dataplane.router.LocalShard;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database spread over {@code shards} shards on this node. Each shard has its own thread, keyspaces,
 * expiry, eviction, RDB and AOF files under {@code dir/shard-N}, and no network port: a
 * {@link RouterEndpoint} on the database's own port routes clients' requests to them by hash slot over
 * in-process links. The shards share the database's one set of parameters, access control and audit;
 * the command code is the same as in a one-shard database.
 */
public final class ShardedDatabase implements DatabaseRuntime {

    private final List<RedoubtServer> shards;
    private final RouterEndpoint router;
    private final NodeLoops ownLoops; // the node's threads when this database started them alone, else null
    private volatile TlsListener tls;

    private ShardedDatabase(List<RedoubtServer> shards, RouterEndpoint router, NodeLoops ownLoops) {
        this.shards = shards;
        this.router = router;
        this.ownLoops = ownLoops;
    }

    /**
     * Starts the shards, then the router on {@code bind}:{@code port} (0: a free port; null: no plain
     * port) and, when {@code tlsListenPort} or the tls-port parameter says so, TLS.
     *
     * @param loops         the node's shared threads
     * @param ownsLoops     whether this database closes {@code loops} when it closes (it is alone)
     * @param firstStartDir where the secure first start keeps the default user's password (one for
     *                      the whole database), or null for no secure first start (tests)
     */
    public static ShardedDatabase start(NodeLoops loops, boolean ownsLoops, ServerConfig databaseSettings,
                                        List<String> bind, Integer port, Integer tlsListenPort, Path firstStartDir)
            throws Exception {
        int count = databaseSettings.database().shards();
        List<RedoubtServer> started = new ArrayList<>();
        RouterLink link = RouterLink.generate(); // in memory only, for this database's lifetime
        try {
            List<LocalShard> addresses = new ArrayList<>();
            // an address nobody can guess or collide with: local addresses are one namespace per process
            String database = "redoubt-" + UUID.randomUUID();
            for (int n = 0; n < count; n++) {
                LocalAddress address = new LocalAddress(database + "-shard-" + n);
                // one access control and audit for the database: the first shard makes them, the others share
                RedoubtServer shard = RedoubtServer.startShard(databaseSettings, firstStartDir, link, address, n,
                        count, n == 0 ? null : started.get(0));
                started.add(shard);
                addresses.add(new LocalShard(address, shard.endpoint().shardLoop()));
            }
            // protected mode is the database's decision: its shards share their users
            RouterEndpoint router = new RouterEndpoint(addresses, link, started.get(0).context().acl()::protectedModeRefusal,
                    started.get(0).context().commands(),
                    started.get(0).context().settings().limits(), loops, started.get(0).context().audit());
            ShardedDatabase db = new ShardedDatabase(started, router, ownsLoops ? loops : null);
            for (String host : port == null ? List.<String>of() : bind) {
                boolean optional = host.startsWith("-");
                try {
                    InetSocketAddress bound = router.listen(optional ? host.substring(1) : host, port);
                    port = bound.getPort(); // every address with the same (free) port
                } catch (Exception e) {
                    if (!optional) {
                        db.close();
                        throw new IllegalStateException("Could not listen on " + host + ":" + port + ": "
                                + e.getMessage(), e);
                    }
                }
            }
            // TLS ends at the router; the shards behind it are in-process. A change of tls-* (CONFIG SET
            // runs on the first shard) reaches it through the database's parameters.
            db.tls = new TlsListener(databaseSettings, databaseSettings.dataDir(), started.get(0).context(), router,
                    java.time.InstantSource.system());
            databaseSettings.tls().onPortChange(db.tls);
            int tlsPort = tlsListenPort != null ? tlsListenPort : databaseSettings.database().tlsPort();
            if (tlsPort != 0 || tlsListenPort != null) {
                try {
                    db.tls.listen(tlsPort, false);
                } catch (Exception e) {
                    db.close();
                    throw e;
                }
            }
            return db;
        } catch (Exception e) {
            started.forEach(RedoubtServer::close);
            if (ownsLoops) {
                loops.close();
            }
            throw e;
        }
    }

    /** For the launcher: a database of the command line's parameters on threads of its own. */
    static ShardedDatabase launch(ServerConfig database) throws Exception {
        DatabaseSettings values = database.database();
        NodeLoops loops = new NodeLoops(values.transport(), 1);
        return start(loops, true, database, values.bind(), values.port() == 0 ? null : values.port(), // 0: TLS only
                null, database.dataDir());
    }

    @Override
    public int port() {
        return router.addresses().get(0).getPort();
    }

    /** The TLS port, or 0 without TLS. */
    @Override
    public int tlsPort() {
        return tls.port();
    }

    @Override
    public io.redoubt.dataplane.ServerContext firstShard() {
        return shards.get(0).context();
    }

    /** The shards, in slot order. */
    public List<RedoubtServer> shards() {
        return shards;
    }

    @Override
    public void close() {
        TlsListener t = tls;
        if (t != null) {
            t.close();
        }
        router.close();
        for (int i = shards.size() - 1; i >= 0; i--) {
            shards.get(i).close(); // the first last: it closes the database's audit
        }
        if (ownLoops != null) {
            ownLoops.close();
        }
    }

    /**
     * Tells {@code listener} (once) that the database stopped because one of its shards met a fatal
     * error: that shard stops at once, then the router and the other shards close as at a shutdown.
     */
    @Override
    public void onFatalStop(java.util.function.Consumer<String> listener) {
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        for (RedoubtServer shard : shards) {
            shard.onFatalStop(reason -> {
                close();
                if (told.compareAndSet(false, true)) {
                    listener.accept(reason);
                }
            });
        }
    }
}
