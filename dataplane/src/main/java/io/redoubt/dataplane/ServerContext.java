package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.keyspace.Shard;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The state one database endpoint shares among its connections: the command table, the shard, the
 * parameters, the clients and the counters. Built once by the node; command families that need it
 * receive it through their constructors.
 */
public final class ServerContext {
    /** The Redis version whose behaviour Redoubt reproduces, reported by INFO and HELLO. */
    public static final String REDIS_VERSION = "7.0.15";
    public static final String REDOUBT_VERSION = "0.1.0";

    private final CommandTable commands;
    private final Shard shard;
    private final ConfigRegistry config;
    private final InstantSource clock;
    private final ClientRegistry clients = new ClientRegistry();
    private final ServerStats stats;
    private final WatchedKeys watchedKeys = new WatchedKeys();
    private final KeyTracking tracking = new KeyTracking(clients);
    private final Dispatcher dispatcher;
    private final long startMillis;
    private final String runId;
    private volatile EndpointSettings settings;
    private volatile Runnable shutdownAction = () -> { };
    private final PubSub pubsub = new PubSub();
    private BlockedClients blockedClients;
    private volatile io.redoubt.engine.config.ConfigRewrite configRewrite;
    private final ServerDiagnostics diagnostics;
    private volatile java.util.function.Predicate<String> userEnabled = "default"::equals;
    private volatile io.redoubt.security.ReloadableTlsContext tls;
    private volatile RouterLink routerLink;
    private volatile io.netty.util.concurrent.EventExecutor shardThread;
    /** Which shard of its database this server is, of how many (1: the whole database). */
    private volatile int shardIndex;
    private volatile int shardCount = 1;
    private volatile AuditEvents audit = AuditEvents.NONE;
    private final ExtraInfoSections extraInfo = new ExtraInfoSections();
    private final CrossProtocolGuard crossProtocolGuard = new CrossProtocolGuard();
    private final io.redoubt.persistence.RdbService rdb;
    private final io.redoubt.persistence.AppendOnlyFile aof;
    private final AccessControl acl;
    private volatile ReplicationPort replication = ReplicationPort.NONE;
    private final ServerMemory memory;
    private final CommandLogs commandLogs = new CommandLogs(this);
    private final io.redoubt.scripting.Scripts scripts;
    private final io.redoubt.scripting.Functions functions;
    private final io.redoubt.persistence.MigrationLinks migrationLinks = new io.redoubt.persistence.MigrationLinks();

    /**
     * @param tableFactory builds the command table; it receives this context so that families that
     *                     need server state (INFO, CONFIG, CLIENT) can hold it
     * @param database     the access control of the database this server is a shard of, made by its
     *                     first shard; null for the first (or only) shard, which makes it
     */
    public ServerContext(Shard shard, ConfigRegistry config, InstantSource clock, EndpointSettings settings,
                         Function<ServerContext, CommandTable> tableFactory, DatabaseAccess database) {
        this.shard = shard;
        this.config = config;
        this.clock = clock;
        this.settings = settings;
        this.startMillis = clock.millis();
        byte[] id = new byte[20];
        ThreadLocalRandom.current().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        this.diagnostics = new ServerDiagnostics(clock);
        this.rdb = new io.redoubt.persistence.RdbService(shard, clock);
        this.aof = new io.redoubt.persistence.AppendOnlyFile(shard, clock);
        rdb.onFailure((object, detail) -> audit().persistenceFailed(object, detail));
        aof.onFailure((object, detail) -> audit().persistenceFailed(object, detail));
        this.scripts = new io.redoubt.scripting.Scripts(new ScriptCalls(this));
        this.functions = new io.redoubt.scripting.Functions(new ScriptCalls(this));
        shard.functions(functions);
        this.commands = tableFactory.apply(this);
        this.stats = new ServerStats(commands.allSpecs().size());
        this.acl = new AccessControl(this, database);
        this.memory = new ServerMemory(this);
        clients.onSizeChange(memory::clientsChanged);
        // a client certificate may name only an enabled ACL user
        this.userEnabled = name -> acl.users().enabled(name) != null;
        shard.addObserver(watchedKeys);
        this.blockedClients = new BlockedClients(this);
        shard.addObserver(blockedClients);
        shard.addObserver(tracking);
        shard.events().deliverTo((channel, message) -> pubsub.publish(false, channel, message));
        this.dispatcher = new Dispatcher(this);
    }

    /** SAVE, BGSAVE, the save schedule and loading of the RDB file. */
    public io.redoubt.persistence.RdbService rdb() {
        return rdb;
    }

    /** The append-only file: every write is logged here when appendonly is on. */
    public io.redoubt.persistence.AppendOnlyFile aof() {
        return aof;
    }

    /** MIGRATE's cached connections to its targets. */
    public io.redoubt.persistence.MigrationLinks migrationLinks() {
        return migrationLinks;
    }

    /** Replication: this server's role, its replicas or its master; {@link ReplicationPort#NONE} until set. */
    public ReplicationPort replication() {
        return replication;
    }

    /** Set by the node before the server listens. */
    public void replication(ReplicationPort port) {
        this.replication = port;
    }

    /** The AOF and the replication stream as one log: every command, transaction and discarded change goes to both. */
    CommandLogs commandLogs() {
        return commandLogs;
    }

    /** used_memory's parts besides the data set. */
    ServerMemory memory() {
        return memory;
    }

    public CommandTable commands() {
        return commands;
    }

    /** The Lua scripts of this shard: their cache and Lua state (EVAL, SCRIPT, INFO memory). */
    public io.redoubt.scripting.Scripts scripts() {
        return scripts;
    }

    /** The function libraries of this shard (FUNCTION, FCALL; saved in its RDB). */
    public io.redoubt.scripting.Functions functions() {
        return functions;
    }

    /** ACL users, authentication, authorization and the ACL LOG of this endpoint. */
    public AccessControl acl() {
        return acl;
    }

    public PubSub pubsub() {
        return pubsub;
    }

    BlockedClients blockedClients() {
        return blockedClients;
    }

    WatchedKeys watchedKeys() {
        return watchedKeys;
    }

    /** Client-side caching: the tracking table and invalidations. */
    KeyTracking tracking() {
        return tracking;
    }

    /** tracking-table-max-keys (0: no limit); safe from any thread. */
    public void trackingTableMaxKeys(long max) {
        tracking.maxKeys(max);
    }

    /** Runs requests through the ordered checks; shared by every connection of this endpoint. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Shard shard() {
        return shard;
    }

    public ConfigRegistry config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ServerStats stats() {
        return stats;
    }

    public long startMillis() {
        return startMillis;
    }

    public String runId() {
        return runId;
    }

    public EndpointSettings settings() {
        return settings;
    }

    public void settings(EndpointSettings settings) {
        this.settings = settings;
    }

    /** Slow log, latency monitor, MONITOR feed and CLIENT PAUSE. */
    public ServerDiagnostics diagnostics() {
        return diagnostics;
    }

    /** Where the endpoint reports security events and audited activity; {@link AuditEvents#NONE} until set. */
    /** Closes connections that send an HTTP request (shard thread only). */
    CrossProtocolGuard crossProtocolGuard() {
        return crossProtocolGuard;
    }

    public AuditEvents audit() {
        return audit;
    }

    public void audit(AuditEvents events) {
        this.audit = events;
    }

    /** INFO sections the node adds (shown only when named). */
    public ExtraInfoSections extraInfo() {
        return extraInfo;
    }

    /** What SHUTDOWN does: stops the node. */
    public void onShutdown(Runnable action) {
        this.shutdownAction = action;
    }

    public void shutdown() {
        shutdownAction.run();
    }

    /** What CONFIG REWRITE does; set by the node only when it was started with a config file. */
    public void onConfigRewrite(io.redoubt.engine.config.ConfigRewrite action) {
        this.configRewrite = action;
    }

    /** The CONFIG REWRITE action, or null when the node runs without a config file. */
    public io.redoubt.engine.config.ConfigRewrite configRewrite() {
        return configRewrite;
    }

    /**
     * Whether an enabled ACL user has this name: a client certificate that names a user is accepted only
     * then. Until the ACL is wired in, only {@code default} counts.
     */
    public java.util.function.Predicate<String> userEnabled() {
        return userEnabled;
    }

    public void userEnabled(java.util.function.Predicate<String> hook) {
        this.userEnabled = hook;
    }

    /** The TLS listener's certificates, for INFO; null when TLS is off. */
    public io.redoubt.security.ReloadableTlsContext tls() {
        return tls;
    }

    public void tls(io.redoubt.security.ReloadableTlsContext context) {
        this.tls = context;
    }

    /** The thread that owns this shard's keyspace and clients, or null before its endpoint exists. */
    io.netty.util.concurrent.EventExecutor shardThread() {
        return shardThread;
    }

    /**
     * Whether a change to this shard's state may be made by the calling thread: it is the shard's
     * thread, or the shard has none yet (it is being built).
     */
    public boolean onShardThreadNow() {
        io.netty.util.concurrent.EventExecutor t = shardThread;
        return t == null || t.inEventLoop();
    }

    /**
     * Queues {@code task} on this shard's thread, after what is already queued there: a change the
     * database's settings push to a shard other than the one running CONFIG SET. Anything that reaches
     * the shard after the CONFIG SET reply was written is queued behind it, so a client never sees the
     * old value after the reply.
     */
    public void onShardThreadLater(Runnable task) {
        io.netty.util.concurrent.EventExecutor t = shardThread;
        if (t == null) {
            task.run();
        } else {
            t.execute(task);
        }
    }

    /** Set by the endpoint that runs this shard. */
    void shardThread(io.netty.util.concurrent.EventExecutor thread) {
        this.shardThread = thread;
    }

    /** Set by the node for a shard of a database with several: it owns the i-th equal range of the slots. */
    public void shardOf(int index, int count) {
        this.shardIndex = index;
        this.shardCount = count;
    }

    /** How many shards this server's database has (1: this server is the whole database). */
    /** Which shard of its database this is (0 for the only one). */
    public int shardIndex() {
        return shardIndex;
    }

    public int shardCount() {
        return shardCount;
    }

    /** Whether this server is one shard of a database with several. */
    boolean oneOfSeveralShards() {
        return shardCount > 1;
    }

    /** Whether {@code key} belongs to this shard (always, for a database of one shard). */
    boolean ownsKey(byte[] key) {
        return shardCount == 1
                || io.redoubt.engine.keyspace.HashSlot.of(key) * shardCount / io.redoubt.engine.keyspace.HashSlot.SLOTS
                        == shardIndex;
    }

    /**
     * The secret of the router in front of this server when it is one shard of a database with
     * several, or null: then every connection must open with the router's hello.
     */
    public RouterLink routerLink() {
        return routerLink;
    }

    /** Set before the server listens, by whoever starts it as a shard. */
    public void routerLink(RouterLink link) {
        this.routerLink = link;
    }
}
