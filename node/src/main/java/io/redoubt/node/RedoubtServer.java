package io.redoubt.node;

import io.redoubt.dataplane.DatabaseAccess;
import io.redoubt.dataplane.DatabaseRuntime;
import io.redoubt.dataplane.DatabaseSettings;
import io.redoubt.dataplane.Endpoint;
import io.redoubt.dataplane.EndpointSettings;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.RouterLink;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.dataplane.StandardCommands;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import io.netty.channel.local.LocalAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;

/**
 * A running node with one database: the parameters, the shard, the server context and the endpoint.
 * Tests start one in-process with {@link #start} on port 0 and read the bound port from
 * {@link #port()}.
 */
public final class RedoubtServer implements DatabaseRuntime {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedoubtServer.class);
    private final ServerConfig settings;
    private final Shard shard;
    private final ServerContext context;
    private final Endpoint endpoint;
    private volatile TlsListener tls;
    private final NodeAudit audit;
    /** Whether this server started {@link #audit} and closes it (false for the later shards of a database). */
    private final boolean ownsAudit;
    private volatile io.redoubt.replication.Replication replication;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile java.util.function.Consumer<String> fatalStopListener = reason -> { };

    private RedoubtServer(ServerConfig settings, Shard shard, ServerContext context, Endpoint endpoint,
                          NodeAudit audit, boolean ownsAudit) {
        this.settings = settings;
        this.shard = shard;
        this.context = context;
        this.endpoint = endpoint;
        this.audit = audit;
        this.ownsAudit = ownsAudit;
    }

    /**
     * Builds and starts a node from validated parameters. {@code listenPort} overrides the {@code port}
     * parameter when not null (0 picks a free port; tests use this).
     */
    public static RedoubtServer start(ServerConfig settings, Integer listenPort) throws Exception {
        return start(settings, listenPort, null, null);
    }

    /** As {@link #start(ServerConfig, Integer)}; {@code tlsListenPort}, when not null, overrides tls-port. */
    public static RedoubtServer start(ServerConfig settings, Integer listenPort, Integer tlsListenPort)
            throws Exception {
        return start(settings, listenPort, tlsListenPort, null);
    }

    /**
     * As {@link #start(ServerConfig, Integer, Integer)}, for one of the databases of a node: it accepts
     * connections and carries TLS on the node's shared threads and adds only its shard's own thread.
     */
    public static RedoubtServer start(NodeLoops node, ServerConfig settings, Integer listenPort, Integer tlsListenPort)
            throws Exception {
        return start(settings, listenPort, tlsListenPort, null, null, node);
    }

    /**
     * Starts a node for the launcher: as {@link #start}, plus the secure first start (a generated
     * default-user password) when the configuration names no users.
     */
    public static RedoubtServer launch(ServerConfig settings) throws Exception {
        return start(settings, null, null, settings.dataDir());
    }

    /**
     * Starts shard {@code index} of a database with several: as {@link #start}, with the database's
     * one {@code settings} (each shard writes its files in its own folder under the database's), and
     * when {@code firstStartDir} is not null, the secure first start's default-user password is kept in
     * that folder. It has no network port: it listens in-process on {@code address} for links that open
     * with {@code link}'s hello, its router's ({@link Endpoint#inProcess}).
     *
     * @param first the database's first shard, whose access control and audit the others share; null
     *              when starting the first
     */
    static RedoubtServer startShard(ServerConfig settings, java.nio.file.Path firstStartDir, RouterLink link,
                                    LocalAddress address, int index, int count, RedoubtServer first)
            throws Exception {
        return start(settings, null, null, firstStartDir, new InProcess(link, address, index, count,
                first == null ? null : first.context.acl().database(), first == null ? null : first.audit), null);
    }

    /**
     * How a shard of a database with several is reached (by its router, in-process), which one it is,
     * and its database's access control and audit (null for the first shard, which makes them).
     */
    private record InProcess(RouterLink link, LocalAddress address, int index, int count, DatabaseAccess database,
                             NodeAudit audit) {
    }

    private static RedoubtServer start(ServerConfig settings, Integer listenPort, Integer tlsListenPort,
                                       java.nio.file.Path firstStartDir) throws Exception {
        return start(settings, listenPort, tlsListenPort, firstStartDir, null, null);
    }

    /** @param node the node's shared threads, or null for threads of its own (a process of one database) */
    private static RedoubtServer start(ServerConfig settings, Integer listenPort, Integer tlsListenPort,
                                       java.nio.file.Path firstStartDir, InProcess shardOf, NodeLoops node)
            throws Exception {
        InstantSource clock = InstantSource.system();
        ConfigRegistry registry = settings.registry();
        java.nio.file.Path dataDir = shardOf == null ? settings.dataDir()
                : settings.shardDir(shardOf.index(), shardOf.count());
        try {
            io.redoubt.persistence.OwnerOnlyFiles.createDirectories(dataDir);
            String former = io.redoubt.persistence.OwnerOnlyFiles.restrictFolder(dataDir);
            if (former != null) {
                LOG.warn("The data folder (dir) {} was open to other accounts ({}): it is now the owner's only",
                        dataDir, former);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data folder (dir) " + dataDir + ": "
                    + e.getMessage(), e);
        }
        if (!java.nio.file.Files.isWritable(dataDir)) {
            throw new IllegalStateException("The data folder (dir) " + dataDir + " is not writable");
        }

        DatabaseSettings database = settings.database();
        Shard shard = new Shard(0, database.keyspaces(), clock, ShardSettings.DEFAULT);
        ServerContext context = new ServerContext(shard, registry, clock, EndpointSettings.DEFAULT,
                StandardCommands::build, shardOf == null ? null : shardOf.database());
        if (shardOf != null) {
            context.shardOf(shardOf.index(), shardOf.count()); // before the parameters: maxmemory is shared out
        }
        settings.bind(shard, context);
        // one audit per database: the first shard starts it, the others write to it
        boolean ownsAudit = shardOf == null || shardOf.audit() == null;
        NodeAudit audit = ownsAudit ? NodeAudit.start(settings.audit(), settings.logRotation(), clock,
                io.redoubt.audit.Backoff.standard()) : shardOf.audit();
        context.audit(audit);
        context.routerLink(shardOf == null ? null : shardOf.link());
        if (ownsAudit) {
            settings.audit().bind(audit);
            if (settings.ownsLogging()) {
                Logging.forwardTo(audit::logLine); // log lines to syslog too, from the endpoint's first one
            }
            context.extraInfo().add("audit", "Audit", audit::info);
        }
        boolean makesAccessControl = shardOf == null || shardOf.database() == null; // the database's first shard
        if (firstStartDir != null && !settings.explicitUsers() && makesAccessControl) {
            FirstStartPassword.apply(firstStartDir, database.port(), context.acl().users(),
                    System.out);
        }
        if (settings.configFile() != null) {
            context.onConfigRewrite(settings::rewriteFile);
        }
        // clients that connect while the data loads get -LOADING, as from Redis
        context.rdb().loading(true);
        Endpoint endpoint = shardOf != null ? Endpoint.inProcess(context, "redoubt-shard-" + shardOf.index())
                : node != null ? new Endpoint(context, node)
                : new Endpoint(context, database.ioThreads(), database.transport());
        RedoubtServer server = new RedoubtServer(settings, shard, context, endpoint, audit, ownsAudit);
        // the port a master is told to reach this replica on: the first plain one bound
        server.replication = new io.redoubt.replication.Replication(context, endpoint::onShardThread,
                () -> endpoint.addresses().isEmpty() ? 0 : endpoint.addresses().get(0).getPort(), shardOf != null,
                settings.tls()::replicationSocketFactory);
        settings.bind(context, server.replication);
        context.replication(server.replication);
        int port = listenPort != null ? listenPort : database.port();
        try {
            if (shardOf != null) {
                endpoint.listenLocal(shardOf.address(), shardOf.link());
            } else if (port != 0 || listenPort != null) {
                for (String host : database.bind()) {
                    boolean optional = host.startsWith("-");
                    String h = optional ? host.substring(1) : host;
                    try {
                        InetSocketAddress bound = endpoint.listen(h, port);
                        if (port == 0) {
                            port = bound.getPort(); // listen on every address with the same free port
                        }
                    } catch (Exception e) {
                        if (!optional) {
                            throw new IllegalStateException("Could not listen on " + h + ":" + port + ": "
                                    + e.getMessage(), e);
                        }
                    }
                }
            }
            if (shardOf == null) { // a shard's clients come through its router, TLS or not
                server.tls = new TlsListener(settings, settings.dataDir(), context, endpoint, clock);
                int tlsPort = tlsListenPort != null ? tlsListenPort : database.tlsPort();
                if (tlsPort != 0 || tlsListenPort != null) {
                    server.tls.listen(tlsPort, false);
                }
                settings.tls().onPortChange(server.tls);
            }
        } catch (Exception e) {
            context.rdb().loading(false);
            endpoint.close();
            server.closeAudit();
            throw e;
        }
        if (ownsAudit) {
            audit.serverStarted("Redoubt " + ServerContext.REDOUBT_VERSION + " pid "
                    + ProcessHandle.current().pid() + " port " + port);
        }
        try {
            loadData(context, endpoint);
        } catch (IllegalStateException e) {
            // not server.close(): saving at exit would overwrite the file that failed to load
            if (server.tls != null) {
                server.tls.close();
            }
            server.closeAudit();
            throw e;
        }
        context.onShutdown(() -> new Thread(server::close, "redoubt-shutdown").start());
        context.aof().onFatalError(server::stopAfterFatalError);
        try {
            server.replication.startFromConfig();
        } catch (IllegalArgumentException e) {
            server.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        return server;
    }

    /**
     * Loads the AOF (appendonly yes: the RDB is then not read, as in Redis) or the RDB on a loader
     * thread while the endpoint answers -LOADING; returns when done. A file that cannot be loaded
     * stops the start with its name and offset.
     */
    private static void loadData(ServerContext context, Endpoint endpoint) throws InterruptedException {
        Exception[] failure = new Exception[1];
        Thread loader = new Thread(() -> {
            try {
                if (!context.aof().loadAtStart(context.commands()) && !context.aof().enabled()) {
                    context.rdb().loadAtStart();
                }
            } catch (io.redoubt.persistence.RdbLoadException | RuntimeException e) {
                failure[0] = e;
            } finally {
                context.rdb().loading(false);
            }
        }, "redoubt-loader");
        loader.start();
        loader.join();
        if (failure[0] != null) {
            endpoint.close();
            throw new IllegalStateException("Cannot load the data: " + failure[0].getMessage(), failure[0]);
        }
    }

    /** The TLS port, or 0 without TLS. */
    @Override
    public int tlsPort() {
        return tls == null ? 0 : tls.port();
    }

    /** The port clients connect to; 0 for a shard of a database with several (it has none). */
    @Override
    public int port() {
        List<InetSocketAddress> addresses = endpoint.addresses();
        return addresses.isEmpty() ? 0 : addresses.get(0).getPort();
    }

    /** The parameters this server was started with, bound to it (CONFIG SET changes them). */
    ServerConfig settings() {
        return settings;
    }

    public ConfigRegistry config() {
        return settings.registry();
    }

    public ServerContext context() {
        return context;
    }

    @Override
    public ServerContext firstShard() {
        return context;
    }

    public Shard shard() {
        return shard;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The node's audit trail: event log, syslog, database audit. */
    NodeAudit audit() {
        return audit;
    }

    /** The event log, or null when event-log-file is empty (the control plane reads it). */
    public io.redoubt.audit.EventLog eventLog() {
        return audit.eventLog();
    }

    /**
     * Tells {@code listener} (once, on a thread of its own) that this database stopped after a fatal
     * error, with the reason: the launcher then exits, a database of several shards stops its others.
     */
    @Override
    public void onFatalStop(java.util.function.Consumer<String> listener) {
        this.fatalStopListener = listener;
    }

    /**
     * A fatal error (a failed write under appendfsync always) stops this database and nothing else in
     * the process: an event, then its listeners and connections close, with no final save (the files
     * hold exactly what was acknowledged). Called on the shard thread, which the closing waits for:
     * the work is handed to another thread.
     */
    private void stopAfterFatalError(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.error("Stopping the database: {}", reason);
        audit.databaseStopped(reason);
        new Thread(() -> {
            if (tls != null) {
                tls.close();
            }
            endpoint.close();
            closeAudit();
            fatalStopListener.accept(reason);
        }, "redoubt-fatal-stop").start();
    }

    private void closeAudit() {
        if (ownsAudit) {
            audit.close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (ownsAudit) {
                audit.serverStopping("shutting down");
            }
        } else if (context.aof().stopped()) {
            return; // stopped after a fatal error: already closed, and nothing may be saved over the files
        }
        if (tls != null) {
            tls.close();
        }
        if (replication != null) {
            replication.close();
        }
        try {
            endpoint.onShardThread(() -> {
                context.aof().close();
                context.rdb().saveAtExit();
                return null;
            });
        } catch (Exception e) {
            // the shard thread is already gone (a second close): SHUTDOWN did the final steps
        }
        endpoint.close();
        closeAudit();
    }
}
