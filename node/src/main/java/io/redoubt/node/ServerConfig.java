package io.redoubt.node;

import io.redoubt.audit.FileRotation;
import io.redoubt.dataplane.DatabaseSettings;
import io.redoubt.dataplane.EndpointSettings;
import io.redoubt.dataplane.OutputBufferLimits;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.dataplane.Transport;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigLineSplitter;
import io.redoubt.engine.config.ConfigFileRewriter;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.config.ConfigTypes;
import io.redoubt.engine.keyspace.EvictionPolicy;
import io.redoubt.engine.keyspace.KeyspaceEvents;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.persistence.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's parameters with Redis's names, read from a redis.conf-style file and {@code --name value}
 * overrides, validated before anything starts: one object per database, whatever its shard count.
 * Once {@link #bind} connects them to the database's shards, a change (CONFIG SET, which runs on the
 * first shard) takes effect at once there and is queued on every other shard's thread before the reply
 * is written, so nothing that reaches a shard after the reply sees the old value.
 *
 * <p>Each area defines its parameters in its own method ({@code defineEncodings()}, ...). A parameter
 * whose feature does not exist yet is either refused with a one-line reason or, when storing it
 * promises nothing, stored so that existing redis.conf files load. Relative paths are resolved against
 * the install folder ({@link #home()}), so a node writes only under its {@code data/} and {@code log/}.
 */
public final class ServerConfig {
    private final ConfigRegistry registry = new ConfigRegistry();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerConfig.class);
    /** The database's shards, in slot order; the first holds the access control and answers CONFIG. */
    private final List<Bound> shards = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** While a shard is being bound, changes reach only it; otherwise null (they reach every shard). */
    private Bound binding;
    private Path configFile;
    private Path installDefaults;
    private final Path home;
    /** Whether this node owns the process's logging (started by Main, not in-process by a test). */
    private boolean logging;
    private final TlsParameters tls;
    private final AuditParameters audit;
    private final AclParameters acl = new AclParameters(this::firstContext);

    private ServerConfig(Path home) {
        this.home = home.toAbsolutePath().normalize();
        define();
        definePersistence();
        defineEncodings();
        defineDiagnostics();
        defineHyperLogLog();
        defineKeyspaceEvents();
        acl.define(this::reg);
        ReplicationParameters.define(b -> reg(b.onChangeTogether(replicationChanged)));
        defineOthersIfAbsent();
        this.tls = new TlsParameters(registry, this.home);
        this.audit = new AuditParameters(registry, this.home);
    }

    /** The event log, syslog and database audit parameters. */
    AuditParameters audit() {
        return audit;
    }

    public ConfigRegistry registry() {
        return registry;
    }

    /** The tls-* parameters. */
    TlsParameters tls() {
        return tls;
    }

    /** The file named on the command line, or null; CONFIG REWRITE writes it back. */
    public Path configFile() {
        return configFile;
    }

    /** Space-separated bind addresses; a leading '-' marks an address that may be unavailable. */
    public List<String> bindAddresses() {
        return List.of(registry.get("bind").trim().split("\\s+"));
    }

    private void define() {
        defineNetwork();
        defineGeneral();
        defineMemory();
        defineLimits();
    }

    private void defineNetwork() {
        reg(ConfigParameter.builder("port").defaultValue("6379").type(ConfigTypes.integer(0, 65535)).immutable());
        reg(ConfigParameter.builder("bind").defaultValue("127.0.0.1 -::1").multiArg().type(bindList())
                .immutable());
        // Protected mode (Redis): with the default user passwordless, only loopback clients are accepted.
        reg(ConfigParameter.builder("protected-mode").defaultValue("yes").type(ConfigTypes.bool())
                .onChange(v -> withContext(c -> c.settings(c.settings().withProtectedMode(v.equals("yes"))))));
        reg(ConfigParameter.builder("tcp-backlog").defaultValue("511").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .immutable());
        reg(ConfigParameter.builder("unixsocket").defaultValue("").type(refuseUnlessEmpty(
                "unix sockets are not supported: Redoubt listens on TCP only (use bind and port)")).immutable());
        reg(ConfigParameter.builder("unixsocketperm").defaultValue("0").type(ConfigTypes.integer(0, 0777))
                .immutable());
        reg(ConfigParameter.builder("timeout").defaultValue("0").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withIdleTimeoutSecs(Long.parseLong(v))))));
        reg(ConfigParameter.builder("tcp-keepalive").defaultValue("300")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg(ConfigParameter.builder("maxclients").defaultValue("10000").type(ConfigTypes.integer(1, 4294967295L))
                .onChange(v -> withContext(c -> c.settings(c.settings().withMaxClients(
                        (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v)))))));
        // Redoubt's own: seconds a connection may take to authenticate when a password is required (0: no limit)
        reg(ConfigParameter.builder("auth-timeout").defaultValue("10").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withAuthTimeoutSecs(Long.parseLong(v))))));
        // Redoubt's own: the share of maxclients that connections not yet authenticated may hold
        reg(ConfigParameter.builder("maxclients-unauthenticated-percent").defaultValue("50")
                .type(ConfigTypes.integer(1, 100))
                .onChange(v -> withContext(c -> c.settings(c.settings().withMaxUnauthenticatedPercent(
                        Integer.parseInt(v))))));
    }

    private void defineGeneral() {
        reg(ConfigParameter.builder("daemonize").defaultValue("no").type(onlyValue("no",
                "daemonize yes is not supported: Redoubt runs in the foreground; run it under systemd or another "
                        + "service manager")).immutable());
        reg(ConfigParameter.builder("supervised").defaultValue("no").type(onlyValue("no",
                "supervised modes are not supported: use 'supervised no' (Type=simple in a systemd unit)"))
                .immutable());
        reg(ConfigParameter.builder("pidfile").defaultValue("").type(ConfigTypes.string()).immutable());
        reg(ConfigParameter.builder("loglevel").defaultValue("notice")
                .type(logLevel())
                .onChange(v -> {
                    if (!shards.isEmpty() && logging) {
                        Logging.level(v);
                    }
                }));
        reg(ConfigParameter.builder("logfile").defaultValue("").type(ConfigTypes.string()).immutable());
        reg(ConfigParameter.builder("logfile-max-size").defaultValue("100mb")
                .type(ConfigTypes.memory(0, Long.MAX_VALUE)).immutable());
        reg(ConfigParameter.builder("logfile-rotate").defaultValue("daily")
                .type(ConfigTypes.oneOf("none", "hourly", "daily")).immutable());
        reg(ConfigParameter.builder("logfile-max-files").defaultValue("14").type(ConfigTypes.integer(1, 10000))
                .immutable());
        reg(ConfigParameter.builder("syslog-enabled").defaultValue("no").type(ConfigTypes.bool()).immutable());
        reg(ConfigParameter.builder("syslog-ident").defaultValue("redoubt").type(ConfigTypes.string()).immutable());
        reg(ConfigParameter.builder("syslog-facility").defaultValue("local0").type(ConfigTypes.oneOf("user",
                "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7")).immutable());
        reg(ConfigParameter.builder("databases").defaultValue("16").type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .immutable());
        reg(ConfigParameter.builder("always-show-logo").defaultValue("no").type(ConfigTypes.bool()).immutable());
        reg(ConfigParameter.builder("dir").defaultValue("./data").type(directory()).protectedConfig()
                .onChangeTogether(persistenceChanged));
        reg(ConfigParameter.builder("requirepass").defaultValue("").type(ConfigTypes.string()).sensitive()
                .onChange(acl::requirePass));
        reg(ConfigParameter.builder("enable-debug-command").defaultValue("no")
                .type(ConfigTypes.oneOf("no", "yes", "local")).immutable()
                .onChange(v -> withContext(c -> c.settings(c.settings().withDebugCommand(
                        EndpointSettings.Allowed.parse(v))))));
        // accepted for redis.conf files written for Redis; Redoubt loads no modules whatever it says
        reg(ConfigParameter.builder("enable-module-command").defaultValue("no")
                .type(ConfigTypes.oneOf("no", "yes", "local")).immutable()
                .onChange(v -> withContext(c -> c.settings(c.settings().withModuleCommand(
                        EndpointSettings.Allowed.parse(v))))));
        reg(ConfigParameter.builder("hz").defaultValue("10").type(hz()));
        reg(ConfigParameter.builder("dynamic-hz").defaultValue("yes").type(ConfigTypes.bool()));
        // Redoubt's own: how many shards (threads, keyspaces) one database is spread over by hash slot
        reg(ConfigParameter.builder("shards").defaultValue("1").type(ConfigTypes.integer(1, 64)).immutable());
        reg(ConfigParameter.builder("io-threads").defaultValue("1").type(ConfigTypes.integer(1, 128)).immutable());
        reg(ConfigParameter.builder("io-threads-do-reads").defaultValue("no").type(ConfigTypes.bool()).immutable());
        // Redoubt's own: io_uring, epoll or NIO for the sockets; auto takes the best one this kernel allows
        reg(ConfigParameter.builder("io-transport").defaultValue(Transport.AUTO).type(ioTransport()).immutable());
    }

    /** One of the names, and refused at start when this machine cannot give the one named. */
    private static ConfigParameter.Normalizer ioTransport() {
        ConfigParameter.Normalizer name = ConfigTypes.oneOf(Transport.settingNames());
        return v -> {
            String s = name.normalize(v);
            try {
                Transport.resolve(s);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            return s;
        };
    }

    private void defineMemory() {
        // the database's limit: each of its shards holds an equal share (what CONFIG GET and INFO show is the whole)
        reg(ConfigParameter.builder("maxmemory").defaultValue("0").type(ConfigTypes.memory(0, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> shardOf(c).settings(shardOf(c).settings().withMaxMemory(
                        shareOfDatabase(Long.parseLong(v), c.shardCount()))))));
        reg(ConfigParameter.builder("maxmemory-policy").defaultValue("noeviction")
                .type(ConfigTypes.oneOf("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
                        "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"))
                .onChange(v -> withShard(s -> s.settings(s.settings().withPolicy(EvictionPolicy.byName(v))))));
        reg(ConfigParameter.builder("maxmemory-samples").defaultValue("5").type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withSamples(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("lfu-log-factor").defaultValue("10").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withLfuLogFactor(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("lfu-decay-time").defaultValue("1").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withLfuDecayMinutes(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("active-expire-effort").defaultValue("1").type(ConfigTypes.integer(1, 10))
                .onChange(v -> withShard(s -> s.settings(s.settings().withActiveExpireEffort(Integer.parseInt(v))))));
    }

    /** A shard's part of its database's memory limit: an equal share, never 0 (which would mean no limit). */
    static long shareOfDatabase(long databaseLimit, int shards) {
        return databaseLimit == 0 ? 0 : Math.max(1, databaseLimit / shards);
    }

    private void defineLimits() {
        reg(ConfigParameter.builder("proto-max-bulk-len").defaultValue("536870912")
                .type(ConfigTypes.memory(1024 * 1024, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withLimits(
                        c.settings().limits().withMaxBulkLength(Long.parseLong(v)))))));
        reg(ConfigParameter.builder("client-query-buffer-limit").defaultValue("1073741824")
                .type(ConfigTypes.memory(1024 * 1024, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withLimits(
                        c.settings().limits().withMaxQueryBuffer(Long.parseLong(v)))))));
        // client-side caching: over this many remembered keys, keys are invalidated to make room
        reg(ConfigParameter.builder("tracking-table-max-keys").defaultValue("1000000")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.trackingTableMaxKeys(Long.parseLong(v)))));
    }

    /**
     * Persistence parameters: only the values that promise nothing (no save points, no AOF) are
     * accepted until RDB/AOF exist; the file names and flags are stored for redis.conf compatibility.
     */
    private void definePersistence() {
        // "dir" is defined with the general parameters; it is read by persistenceSettings() too
        persistence(ConfigParameter.builder("save").defaultValue("").multiArg().type(savePoints()));
        // At start the load reads it; afterwards CONFIG SET switches the AOF on (with a rewrite) or off.
        persistence(ConfigParameter.builder("appendonly").defaultValue("no").type(ConfigTypes.bool())
                .onChange(v -> withContext(c -> {
                    try {
                        c.aof().switchTo(v.equals("yes"));
                    } catch (java.io.IOException e) {
                        throw new ConfigException("cannot switch the append only file on: " + e.getMessage());
                    }
                })));
        persistence(ConfigParameter.builder("appenddirname").defaultValue("appendonlydir").type(ConfigTypes.string())
                .immutable());
        persistence(ConfigParameter.builder("aof-use-rdb-preamble").defaultValue("yes").type(ConfigTypes.bool()));
        persistence(ConfigParameter.builder("aof-load-truncated").defaultValue("yes").type(ConfigTypes.bool()));
        reg(ConfigParameter.builder("aof-timestamp-enabled").defaultValue("no").type(ConfigTypes.bool())
                .onChange(v -> withContext(c -> c.aof().timestamps(v.equals("yes")))));
        reg(ConfigParameter.builder("aof-rewrite-incremental-fsync").defaultValue("yes").type(ConfigTypes.bool()));
        reg(ConfigParameter.builder("no-appendfsync-on-rewrite").defaultValue("no").type(ConfigTypes.bool()));
        persistence(ConfigParameter.builder("auto-aof-rewrite-percentage").defaultValue("100")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        persistence(ConfigParameter.builder("auto-aof-rewrite-min-size").defaultValue("64mb")
                .type(ConfigTypes.memory(0, Long.MAX_VALUE)));
        persistence(ConfigParameter.builder("stop-writes-on-bgsave-error").defaultValue("yes").type(ConfigTypes.bool()));
        persistence(ConfigParameter.builder("rdbcompression").defaultValue("yes").type(ConfigTypes.bool()));
        persistence(ConfigParameter.builder("rdbchecksum").defaultValue("yes").type(ConfigTypes.bool()));
        persistence(ConfigParameter.builder("dbfilename").defaultValue("dump.rdb").type(ConfigTypes.string())
                .protectedConfig());
        persistence(ConfigParameter.builder("appendfilename").defaultValue("appendonly.aof").type(ConfigTypes.string())
                .immutable());
        reg(ConfigParameter.builder("appendfsync").defaultValue("everysec")
                .type(ConfigTypes.oneOf("everysec", "always", "no"))
                .onChange(v -> withContext(c -> c.aof().fsyncPolicy(v))));
    }

    private final java.util.Map<ServerContext, io.redoubt.replication.Replication> replications =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ConfigParameter.GroupApplier replicationChanged = () -> {
        io.redoubt.replication.ReplicationSettings values = replicationSettings();
        withContext(c -> {
            io.redoubt.replication.Replication r = replications.get(c);
            if (r != null) {
                r.settings(values);
            }
        });
    };

    /**
     * From now on, a change of a replication parameter reaches {@code r}, the replication of the shard
     * {@code context} runs (its current values at once).
     */
    void bind(ServerContext context, io.redoubt.replication.Replication r) {
        replications.put(context, r);
        r.settings(replicationSettings());
    }

    /** The replication parameters as the values replication receives. */
    io.redoubt.replication.ReplicationSettings replicationSettings() {
        return new io.redoubt.replication.ReplicationSettings(registry.get("replicaof"),
                Long.parseLong(registry.get("repl-backlog-size")), Long.parseLong(registry.get("repl-timeout")) * 1000,
                Long.parseLong(registry.get("repl-ping-replica-period")), yes("repl-diskless-sync"),
                Long.parseLong(registry.get("repl-diskless-sync-delay")),
                Long.parseLong(registry.get("repl-diskless-sync-max-replicas")), registry.get("masteruser"),
                registry.get("masterauth"), yes("replica-read-only"), yes("replica-serve-stale-data"),
                Long.parseLong(registry.get("min-replicas-to-write")), Long.parseLong(registry.get("min-replicas-max-lag")),
                registry.get("replica-announce-ip"), Integer.parseInt(registry.get("replica-announce-port")),
                Long.parseLong(registry.get("replica-priority")), yes("replica-announced"));
    }

    /** A parameter the RDB or the AOF reads: a change rebuilds their settings, once per CONFIG SET. */
    private void persistence(ConfigParameter.Builder b) {
        reg(b.onChangeTogether(persistenceChanged));
    }

    private final ConfigParameter.GroupApplier persistenceChanged = () -> {
        io.redoubt.persistence.PersistenceSettings values = persistenceSettings(dataDir()); // read once, here
        withContext(c -> applyPersistence(c, values));
    };

    /** Gives shard {@code c} the database's persistence values, with its own folder. */
    private void applyPersistence(ServerContext c, io.redoubt.persistence.PersistenceSettings database)
            throws ConfigException {
        Path dir = shardFolder(database.dir(), c.shardIndex(), c.shardCount());
        try {
            OwnerOnlyFiles.createDirectories(dir); // a shard's own folder under a new dir
        } catch (IOException e) {
            throw new ConfigException("cannot create the shard's data folder " + dir + ": " + e.getMessage());
        }
        io.redoubt.persistence.PersistenceSettings values = database.inFolder(dir);
        c.rdb().settings(values);
        c.aof().settings(values);
    }

    /**
     * The data folder of shard {@code index} of {@code count}: the database's for its only shard, else
     * its {@code shard-N} folder there (each shard writes its own RDB and AOF).
     */
    Path shardDir(int index, int count) {
        return shardFolder(dataDir(), index, count);
    }

    private static Path shardFolder(Path databaseDir, int index, int count) {
        return count <= 1 ? databaseDir : databaseDir.resolve("shard-" + index);
    }

    /** The persistence parameters as the values the RDB and the AOF of a shard writing in {@code dir} receive. */
    io.redoubt.persistence.PersistenceSettings persistenceSettings(Path dir) {
        List<io.redoubt.persistence.PersistenceSettings.SavePoint> points = new ArrayList<>();
        String[] save = registry.get("save").split(" ");
        for (int i = 0; i + 1 < save.length; i += 2) {
            points.add(new io.redoubt.persistence.PersistenceSettings.SavePoint(Long.parseLong(save[i]),
                    Long.parseLong(save[i + 1])));
        }
        return new io.redoubt.persistence.PersistenceSettings(dir, registry.get("dbfilename"), points,
                yes("stop-writes-on-bgsave-error"), yes("rdbcompression"), yes("rdbchecksum"), yes("appendonly"),
                registry.get("appenddirname"), registry.get("appendfilename"), yes("aof-load-truncated"),
                yes("aof-use-rdb-preamble"), Long.parseLong(registry.get("auto-aof-rewrite-percentage")),
                Long.parseLong(registry.get("auto-aof-rewrite-min-size")));
    }

    private boolean yes(String name) {
        return registry.get(name).equals("yes");
    }

    /**
     * Parameters of features other families own (scripting, slow log, latency monitor), registered
     * only if those families have not defined them: stored so that redis.conf files load, with values
     * that promise nothing not yet done.
     */
    private void defineOthersIfAbsent() {
        regIfAbsent(ConfigParameter.builder("busy-reply-threshold").alias("lua-time-limit").defaultValue("5000")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE)));
        regIfAbsent(ConfigParameter.builder("slowlog-log-slower-than").defaultValue("10000")
                .type(ConfigTypes.integer(-1, Long.MAX_VALUE)));
        regIfAbsent(ConfigParameter.builder("slowlog-max-len").defaultValue("128")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE)));
        regIfAbsent(ConfigParameter.builder("latency-monitor-threshold").defaultValue("0")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE)));
    }

    /**
     * notify-keyspace-events: the letters are parsed and shown as Redis does. Redis's canonical form
     * drops {@code n} next to {@code A} although the class stays on, so the flags of the value last
     * validated are kept for the apply step that follows.
     */
    private void defineKeyspaceEvents() {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        int[] lastFlags = {0};
        String[] lastCanonical = {""};
        reg(ConfigParameter.builder("notify-keyspace-events").defaultValue("").type(new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                int flags = KeyspaceEvents.parse(string.normalize(v));
                if (flags < 0) {
                    throw new ConfigException(KeyspaceEvents.INVALID);
                }
                String canonical = KeyspaceEvents.format(flags);
                lastFlags[0] = flags;
                lastCanonical[0] = canonical;
                return canonical;
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        }).onChange(v -> withShard(s -> s.events().flags(
                v.equals(lastCanonical[0]) ? lastFlags[0] : KeyspaceEvents.parse(v)))));
    }

    private void defineEncodings() {
        reg(ConfigParameter.builder("hash-max-listpack-entries").alias("hash-max-ziplist-entries").defaultValue("512")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withHashMaxListpackEntries(clampInt(v))))));
        reg(ConfigParameter.builder("hash-max-listpack-value").alias("hash-max-ziplist-value").defaultValue("64")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withHashMaxListpackValue(clampInt(v))))));
        reg(ConfigParameter.builder("set-max-intset-entries").defaultValue("512")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withSetMaxIntsetEntries(clampInt(v))))));
        reg(ConfigParameter.builder("zset-max-listpack-entries").alias("zset-max-ziplist-entries").defaultValue("128")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withZsetMaxListpackEntries(clampInt(v))))));
        reg(ConfigParameter.builder("zset-max-listpack-value").alias("zset-max-ziplist-value").defaultValue("64")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withZsetMaxListpackValue(clampInt(v))))));
        reg(ConfigParameter.builder("list-max-listpack-size").alias("list-max-ziplist-size").defaultValue("-2")
                .type(ConfigTypes.integer(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withListMaxListpackSize(clampInt(v))))));
        reg(ConfigParameter.builder("list-compress-depth").defaultValue("0")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withListCompressDepth(clampInt(v))))));
        reg(ConfigParameter.builder("stream-node-max-bytes").defaultValue("4096")
                .type(ConfigTypes.memory(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withStreamNodeMaxBytes((int) Math.min(Integer.MAX_VALUE, Long.parseLong(v)))))));
        reg(ConfigParameter.builder("stream-node-max-entries").defaultValue("100")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withStreamNodeMaxEntries(clampInt(v))))));
    }

    /** Words as given, at least one address (a leading '-' marks an address that may be missing). */
    private static ConfigParameter.Normalizer bindList() {
        ConfigParameter.Normalizer words = ConfigTypes.words();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                if (v.isEmpty()) {
                    throw new ConfigException("wrong number of arguments");
                }
                if (v.size() > 16) {
                    throw new ConfigException("Too many bind addresses specified.");
                }
                return words.normalize(v);
            }

            @Override
            public String rewriteForm(String canonical) {
                return words.rewriteForm(canonical);
            }
        };
    }

    /** Accepts only the empty value; anything else is refused with {@code why}. */
    private static ConfigParameter.Normalizer refuseUnlessEmpty(String why) {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                String value = string.normalize(v);
                if (!value.isEmpty()) {
                    throw new ConfigException(why);
                }
                return value;
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        };
    }

    /** A yes/no (or enum) parameter of which only {@code allowed} can be honoured today. */
    private static ConfigParameter.Normalizer onlyValue(String allowed, String why) {
        ConfigParameter.Normalizer base = allowed.equals("no") && why.startsWith("supervised")
                ? ConfigTypes.oneOf("upstart", "systemd", "auto", "no") : ConfigTypes.bool();
        return v -> {
            String value = base.normalize(v);
            if (!value.equals(allowed)) {
                throw new ConfigException(why);
            }
            return value;
        };
    }

    /** A directory; a relative one is taken under the install folder and shown absolute, as Redis shows dir. */
    private ConfigParameter.Normalizer directory() {
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                String given = ConfigTypes.string().normalize(v);
                if (given.isEmpty()) {
                    throw new ConfigException("dir must name a directory");
                }
                Path dir = home.resolve(given).normalize();
                if (Files.exists(dir) && !Files.isDirectory(dir)) {
                    throw new ConfigException(dir + " is not a directory");
                }
                return dir.toString();
            }

            /** Kept relative to the install folder when under it, so a rewritten install can still move. */
            @Override
            public String rewriteForm(String canonical) {
                Path dir = Path.of(canonical);
                return ConfigTypes.quoted(dir.startsWith(home) ? "./" + home.relativize(dir) : canonical);
            }
        };
    }

    /** Redis 7.0's four levels, plus "nothing" (Redis 7.2's name for no logging at all). */
    private static ConfigParameter.Normalizer logLevel() {
        ConfigParameter.Normalizer redis70 = ConfigTypes.oneOf("debug", "verbose", "notice", "warning");
        return v -> v.size() == 1 && v.get(0).equalsIgnoreCase("nothing") ? "nothing" : redis70.normalize(v);
    }

    /** Redis takes any non-negative hz and keeps it within 1..500. */
    private static ConfigParameter.Normalizer hz() {
        ConfigParameter.Normalizer n = ConfigTypes.integer(0, Integer.MAX_VALUE);
        return v -> Long.toString(Math.max(1, Math.min(500, Long.parseLong(n.normalize(v)))));
    }

    /**
     * {@code save <seconds> <changes> ...} checked as Redis checks it; only {@code save ""} (no save
     * points) is accepted until RDB snapshots exist, so that no one counts on a snapshot never taken.
     */
    private static ConfigParameter.Normalizer savePoints() {
        ConfigParameter.Normalizer words = ConfigTypes.words();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                // "3600 1 300 100" may come as one argument (CONFIG SET, overrides) or several (redis.conf)
                List<String> points = v.stream().flatMap(w -> java.util.Arrays.stream(w.trim().split("\\s+")))
                        .filter(w -> !w.isEmpty()).toList();
                if (points.size() % 2 != 0) {
                    throw new ConfigException("Invalid save parameters");
                }
                List<String> canonical = new java.util.ArrayList<>();
                for (String n : points) {
                    try {
                        long value = Long.parseLong(n);
                        if (value < 0) {
                            throw new ConfigException("Invalid save parameters");
                        }
                        canonical.add(Long.toString(value));
                    } catch (NumberFormatException e) {
                        throw new ConfigException("Invalid save parameters");
                    }
                }
                return String.join(" ", canonical);
            }

            @Override
            public String rewriteForm(String canonical) {
                return words.rewriteForm(canonical);
            }
        };
    }

    /** Redis keeps these sizes as longs; our limits are ints, which no realistic threshold exceeds. */
    private static int clampInt(String v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(v)));
    }

    /** Pushed to the shard's encoding limits, which the HyperLogLog commands read at each command. */
    private void defineHyperLogLog() {
        reg(ConfigParameter.builder("hll-sparse-max-bytes").defaultValue("3000")
                .type(ConfigTypes.memory(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withHllSparseMaxBytes(Long.parseLong(v))))));
    }

    /** Slow log and latency monitor thresholds (read by the dispatcher after every command). */
    private void defineDiagnostics() {
        reg(ConfigParameter.builder("slowlog-log-slower-than").defaultValue("10000")
                .type(ConfigTypes.integer(-1, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.diagnostics().slowLog().slowerThanMicros(Long.parseLong(v)))));
        reg(ConfigParameter.builder("slowlog-max-len").defaultValue("128")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withContext(c -> c.diagnostics().slowLog().maxLen(Integer.parseInt(v)))));
        reg(ConfigParameter.builder("latency-monitor-threshold").defaultValue("0")
                .type(ConfigTypes.integer(0, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.diagnostics().latency().thresholdMillis(Long.parseLong(v)))));
        reg(ConfigParameter.builder("client-output-buffer-limit").defaultValue(OutputBufferLimits.DEFAULT_TEXT).multiArg()
                .type(v -> OutputBufferLimits.merge(registry.get("client-output-buffer-limit"), v))
                .onChange(v -> withContext(c -> c.diagnostics().outputLimits(OutputBufferLimits.parse(v)))));
    }

    private void reg(ConfigParameter.Builder b) {
        registry.register(b.build());
    }

    private void regIfAbsent(ConfigParameter.Builder b) {
        registry.registerIfAbsent(b.build());
    }

    /** A shard the parameters reach: its keyspaces and its context. */
    private record Bound(Shard shard, ServerContext context) {
    }

    private interface ShardChange {
        void apply(Shard shard);
    }

    private interface ContextChange {
        void apply(ServerContext context) throws ConfigException;
    }

    private void withShard(ShardChange change) throws ConfigException {
        withContext(c -> change.apply(shardOf(c)));
    }

    private Shard shardOf(ServerContext c) {
        for (Bound b : shards) {
            if (b.context() == c) {
                return b.shard();
            }
        }
        throw new IllegalStateException("not a shard of this database");
    }

    /**
     * Applies {@code change} to every shard's context: at once on the shard whose thread runs CONFIG SET
     * (its failure is CONFIG SET's error); queued on the other shards' threads, where it runs before
     * anything that reaches them after the reply (a failure there is logged: the value stays set, as
     * Redis keeps a value whose side effect failed after the check). A caller on no shard's thread (the
     * node applying the control plane's change) waits with {@link #settle()} after the change, never
     * here: the registry's lock is held here, and a shard may need it to answer CONFIG GET or INFO.
     */
    private void withContext(ContextChange change) throws ConfigException {
        List<Bound> targets = binding != null ? List.of(binding) : shards;
        for (Bound b : targets) {
            ServerContext c = b.context();
            if (c.onShardThreadNow()) {
                change.apply(c);
                continue;
            }
            c.onShardThreadLater(() -> {
                try {
                    change.apply(c);
                } catch (ConfigException | RuntimeException e) {
                    LOG.warn("A parameter change could not be applied on shard {}: {}", c.shardIndex(),
                            e.getMessage());
                }
            });
        }
    }

    /**
     * Waits until every shard has run the changes queued for it so far (each shard's queue is in
     * order, so a marker queued now runs after them). For callers on no shard's thread.
     */
    void settle() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(shards.size());
        for (Bound b : shards) {
            b.context().onShardThreadLater(done::countDown);
        }
        if (!done.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            LOG.warn("A shard has not applied a parameter change after 10 seconds (a long command?)");
        }
    }

    /** The context of the first shard (the database's access control), or null before any is bound. */
    private ServerContext firstContext() {
        return shards.isEmpty() ? null : shards.get(0).context();
    }

    /**
     * Connects the parameters to one more shard of the database (in slot order), applying every
     * current value to it; the first shard's binding also starts the database's users (config file
     * lines or ACL file).
     */
    void bind(Shard shard, ServerContext context) throws ConfigException {
        Bound b = new Bound(shard, context);
        shards.add(b);
        binding = b;
        try {
            for (ConfigParameter p : registry.parameters()) {
                p.apply(registry.get(p.name()));
            }
            applyPersistence(context, persistenceSettings(dataDir()));
        } finally {
            binding = null;
        }
        if (shards.size() == 1) {
            String aclFile = registry.get("aclfile");
            acl.start(context, aclFile.isEmpty() ? null : home.resolve(aclFile));
        }
    }

    /** Whether users or the default user's password were configured (then no password is generated). */
    boolean explicitUsers() {
        return acl.explicitUsers(registry.get("requirepass"), registry.get("aclfile"));
    }

    /** Parses {@code [config-file] [--name value ...]} as redis-server does; relative paths are under the working directory. */
    public static ServerConfig fromArgs(List<String> args) throws ConfigException, IOException {
        return fromArgs(Path.of(""), args);
    }

    /**
     * Parses {@code [config-file] [--name value ...]} as redis-server does. {@code home} is the install
     * folder: a relative {@code dir} is under it, a relative {@code logfile} under its {@code log/}.
     * The first unknown or invalid parameter stops parsing with a one-line message naming it and where.
     */
    public static ServerConfig fromArgs(Path home, List<String> args) throws ConfigException, IOException {
        ServerConfig config = new ServerConfig(home);
        List<String> rest = new ArrayList<>(args);
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            config.configFile = Path.of(rest.remove(0)).toAbsolutePath();
            config.applyFile(config.configFile, 0);
        }
        StringBuilder line = new StringBuilder();
        for (String a : rest) {
            if (a.startsWith("--")) {
                if (!line.isEmpty()) {
                    config.applyLine(line.toString(), "on the command line");
                }
                line.setLength(0);
                line.append(a.substring(2));
            } else {
                if (line.isEmpty()) {
                    throw new ConfigException("Unexpected argument '" + a + "' on the command line: "
                            + "use redoubt-server [config-file] [--name value ...]");
                }
                line.append(' ').append(quote(a));
            }
        }
        if (!line.isEmpty()) {
            config.applyLine(line.toString(), "on the command line");
        }
        return config;
    }

    /**
     * {@code redoubt-server}'s reading of its arguments: as {@link #fromArgs(Path, List)}, except that
     * without a config file named, the install's {@code config/redoubt.conf} gives the settings but is
     * not the server's config file. CONFIG REWRITE then answers Redis's "running without a config
     * file" instead of editing a file that every server started from this install reads.
     */
    public static ServerConfig fromLauncherArgs(Path home, List<String> args) throws ConfigException, IOException {
        Path installed = home.resolve("config").resolve("redoubt.conf");
        if ((!args.isEmpty() && !args.get(0).startsWith("--")) || !Files.isRegularFile(installed)) {
            return fromArgs(home, args);
        }
        List<String> withFile = new ArrayList<>(args.size() + 1);
        withFile.add(installed.toString());
        withFile.addAll(args);
        ServerConfig config = fromArgs(home, withFile);
        config.configFile = null;
        config.installDefaults = installed.toAbsolutePath();
        return config;
    }

    /** The install's config file read for settings when none was named (never rewritten), or null. */
    public Path installDefaults() {
        return installDefaults;
    }

    /**
     * A database of the control plane: redis.conf lines the node made from the store's object (see
     * {@link ManagedDatabaseLines}), over Redis's defaults; no file is read and none is rewritten.
     */
    static ServerConfig fromLines(Path home, List<String> lines) throws ConfigException {
        ServerConfig config = new ServerConfig(home);
        for (String line : lines) {
            config.applyLine(line, "in the database's settings");
        }
        return config;
    }

    /** Defaults plus {@code name, value} pairs, for tests; {@code dir} is a new temporary folder unless given. */
    public static ServerConfig fromPairs(String... pairs) throws ConfigException {
        ServerConfig config = new ServerConfig(Path.of(""));
        if (java.util.Arrays.stream(pairs).noneMatch("dir"::equalsIgnoreCase)) {
            try {
                Path dir = Files.createTempDirectory("redoubt-test");
                dir.toFile().deleteOnExit(); // removed at exit when nothing was written into it
                config.applyLine("dir " + quote(dir.toString()), "in test");
            } catch (IOException e) {
                throw new ConfigException("Cannot create a temporary data folder: " + e.getMessage());
            }
        }
        if (java.util.Arrays.stream(pairs).noneMatch("event-log-file"::equalsIgnoreCase)) {
            config.applyLine("event-log-file \"\"", "in test"); // a test names its own file when it wants one
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            config.applyLine(pairs[i] + " " + quote(pairs[i + 1]), "in test overrides");
        }
        return config;
    }

    /** The install folder relative paths are resolved against. */
    public Path home() {
        return home;
    }

    /** The data folder ({@code dir}), absolute. */
    public Path dataDir() {
        return Path.of(registry.get("dir"));
    }

    /** The values a node starts this database with. */
    public DatabaseSettings database() {
        return new DatabaseSettings(Integer.parseInt(registry.get("port")), bindAddresses(),
                Integer.parseInt(registry.get("shards")), Integer.parseInt(registry.get("databases")),
                Integer.parseInt(registry.get("io-threads")), Transport.resolve(registry.get("io-transport")), dataDir(),
                tls.port());
    }

    /** The node's own values: its log. */
    NodeSettings node() {
        return new NodeSettings(registry.get("loglevel"), logFile(), logRotation());
    }

    /** Where log lines go: null for stdout; a relative {@code logfile} is under {@code <install>/log}. */
    public Path logFile() {
        String f = registry.get("logfile");
        return f.isEmpty() ? null : home.resolve("log").resolve(f).normalize();
    }

    /** How the log file (and the event log) rotate: logfile-max-size, logfile-rotate, logfile-max-files. */
    FileRotation logRotation() {
        return new FileRotation(Long.parseLong(registry.get("logfile-max-size")),
                FileRotation.Period.byName(registry.get("logfile-rotate")),
                Integer.parseInt(registry.get("logfile-max-files")));
    }

    /** The pid file, or null; a relative {@code pidfile} is under the data folder. */
    public Path pidFile() {
        String f = registry.get("pidfile");
        return f.isEmpty() ? null : dataDir().resolve(f).normalize();
    }

    /** Lets CONFIG SET loglevel reconfigure the process's logging (only the node started by Main owns it). */
    void ownLogging() {
        this.logging = true;
    }

    boolean ownsLogging() {
        return logging;
    }

    /**
     * CONFIG REWRITE: the file with the current values, written to a temporary file beside it and
     * moved into place so that a crash leaves the old or the new file, never half of one.
     */
    void rewriteFile() throws IOException {
        if (configFile == null) {
            throw new IllegalStateException("no config file");
        }
        List<String> old = Files.exists(configFile)
                ? Files.readAllLines(configFile, StandardCharsets.UTF_8) : List.of();
        List<String> lines = ConfigFileRewriter.rewrite(old, registry);
        lines = acl.rewriteUsers(lines, firstContext(), !registry.get("aclfile").isEmpty(), ConfigFileRewriter.SIGNATURE,
                registry.get("requirepass"));
        for (String line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                // never reached while every writer quotes; a last guard against a value that adds lines
                throw new IOException("a value holds a line break: " + line.lines().findFirst().orElse(""));
            }
        }
        Path tmp = configFile.resolveSibling(configFile.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        // the file keeps its mode (an operator's 0640 for a monitoring group stays); a new one is 0600
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = OwnerOnlyFiles.posix() && Files.exists(configFile)
                ? Files.getPosixFilePermissions(configFile) : OwnerOnlyFiles.FILE;
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, OwnerOnlyFiles.fileAttributes());
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            if (OwnerOnlyFiles.posix()) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, configFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A word as a redis.conf line takes it: quoted (and escaped) when it holds a blank, a quote or a backslash, or is empty. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '\\')) {
            return word;
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Nesting limit for {@code include}, which also stops a file from including itself forever. */
    private static final int MAX_INCLUDE_DEPTH = 10;

    /**
     * Applies a file's lines in order; {@code include <file>} reads another file at that point, as in
     * redis.conf (a relative name is taken from the working directory, as Redis does).
     */
    private void applyFile(Path file, int depth) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        for (int i = 0; i < lines.size(); i++) {
            String where = "at line " + (i + 1) + " of " + file;
            List<String> words = ConfigLineSplitter.split(lines.get(i).strip());
            if (words != null && words.size() == 2 && words.get(0).equalsIgnoreCase("include")) {
                if (depth >= MAX_INCLUDE_DEPTH) {
                    throw new ConfigException("Too many nested includes " + where);
                }
                applyFile(Path.of(words.get(1)).toAbsolutePath(), depth + 1);
            } else {
                applyLine(lines.get(i), where);
            }
        }
    }

    private void applyLine(String raw, String where) throws ConfigException {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        List<String> words = ConfigLineSplitter.split(line);
        if (words == null) {
            // the line itself is not echoed: it may hold a password
            throw new ConfigException("Unbalanced quotes " + where);
        }
        String name = words.get(0);
        if (acl.acceptLine(words, where)) {
            return;
        }
        ConfigParameter p = registry.parameter(name);
        if (p == null) {
            throw new ConfigException("Unknown parameter '" + name + "' " + where);
        }
        try {
            registry.set(name, words.subList(1, words.size()));
        } catch (ConfigException e) {
            throw new ConfigException("Invalid value for '" + name + "' " + where + ": " + e.getMessage());
        }
    }
}
