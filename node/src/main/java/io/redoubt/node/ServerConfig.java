package io.redoubt.node;

import io.redoubt.dataplane.OutputBufferLimits;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.config.ConfigTypes;
import io.redoubt.engine.keyspace.EvictionPolicy;
import io.redoubt.engine.keyspace.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's parameters with Redis's names, read from a redis.conf-style file and {@code --name value}
 * overrides, validated before anything starts. Once {@link #bind} connects them to the running shard
 * and endpoint, a change (CONFIG SET) takes effect at once.
 */
public final class ServerConfig {
    private final ConfigRegistry registry = new ConfigRegistry();
    private Shard shard;
    private ServerContext context;
    private Path configFile;

    private ServerConfig() {
        define();
        defineEncodings();
        defineDiagnostics();
    }

    public ConfigRegistry registry() {
        return registry;
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
        reg(ConfigParameter.builder("port").defaultValue("6379").type(ConfigTypes.integer(0, 65535)).immutable());
        reg(ConfigParameter.builder("bind").defaultValue("127.0.0.1 -::1").multiArg().type(ConfigTypes.words())
                .immutable());
        reg(ConfigParameter.builder("databases").defaultValue("16").type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .immutable());
        reg(ConfigParameter.builder("dir").defaultValue("./data").type(ConfigTypes.string()).immutable());
        reg(ConfigParameter.builder("maxmemory").defaultValue("0").type(ConfigTypes.memory(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withMaxMemory(Long.parseLong(v))))));
        reg(ConfigParameter.builder("maxmemory-policy").defaultValue("noeviction")
                .type(ConfigTypes.oneOf("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
                        "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"))
                .onChange(v -> withShard(s -> s.settings(s.settings().withPolicy(EvictionPolicy.byName(v))))));
        reg(ConfigParameter.builder("maxmemory-samples").defaultValue("5").type(ConfigTypes.integer(1, 64))
                .onChange(v -> withShard(s -> s.settings(s.settings().withSamples(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("timeout").defaultValue("0").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withIdleTimeoutSecs(Long.parseLong(v))))));
        reg(ConfigParameter.builder("tcp-keepalive").defaultValue("300")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg(ConfigParameter.builder("maxclients").defaultValue("10000").type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withMaxClients(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("loglevel").defaultValue("notice")
                .type(ConfigTypes.oneOf("debug", "verbose", "notice", "warning", "nothing")));
        reg(ConfigParameter.builder("logfile").defaultValue("").type(ConfigTypes.string()).immutable());
        reg(ConfigParameter.builder("enable-debug-command").defaultValue("no")
                .type(ConfigTypes.oneOf("no", "yes", "local")).immutable());
        reg(ConfigParameter.builder("proto-max-bulk-len").defaultValue("536870912")
                .type(ConfigTypes.memory(1024 * 1024, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withLimits(
                        c.settings().limits().withMaxBulkLength(Long.parseLong(v)))))));
        reg(ConfigParameter.builder("client-query-buffer-limit").defaultValue("1073741824")
                .type(ConfigTypes.memory(1024 * 1024, Long.MAX_VALUE))
                .onChange(v -> withContext(c -> c.settings(c.settings().withLimits(
                        c.settings().limits().withMaxQueryBuffer(Long.parseLong(v)))))));
        reg(ConfigParameter.builder("hz").defaultValue("10").type(ConfigTypes.integer(1, 500)));
        reg(ConfigParameter.builder("lfu-log-factor").defaultValue("10").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withLfuLogFactor(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("lfu-decay-time").defaultValue("1").type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.settings(s.settings().withLfuDecayMinutes(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("active-expire-effort").defaultValue("1").type(ConfigTypes.integer(1, 10))
                .onChange(v -> withShard(s -> s.settings(s.settings().withActiveExpireEffort(Integer.parseInt(v))))));
    }

    private void defineEncodings() {
        reg(ConfigParameter.builder("hash-max-listpack-entries").alias("hash-max-ziplist-entries").defaultValue("128")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withHashMaxListpackEntries(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("hash-max-listpack-value").alias("hash-max-ziplist-value").defaultValue("64")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withHashMaxListpackValue(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("set-max-intset-entries").defaultValue("512")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withSetMaxIntsetEntries(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("zset-max-listpack-entries").alias("zset-max-ziplist-entries").defaultValue("128")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withZsetMaxListpackEntries(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("zset-max-listpack-value").alias("zset-max-ziplist-value").defaultValue("64")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withZsetMaxListpackValue(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("list-max-listpack-size").alias("list-max-ziplist-size").defaultValue("-2")
                .type(ConfigTypes.integer(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withListMaxListpackSize(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("list-compress-depth").defaultValue("0")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withListCompressDepth(Integer.parseInt(v))))));
        reg(ConfigParameter.builder("stream-node-max-bytes").defaultValue("4096")
                .type(ConfigTypes.memory(0, Long.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withStreamNodeMaxBytes((int) Math.min(Integer.MAX_VALUE, Long.parseLong(v)))))));
        reg(ConfigParameter.builder("stream-node-max-entries").defaultValue("100")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> withShard(s -> s.encodingLimits(s.encodingLimits().withStreamNodeMaxEntries(Integer.parseInt(v))))));
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

    private interface ShardChange {
        void apply(Shard shard);
    }

    private interface ContextChange {
        void apply(ServerContext context);
    }

    private void withShard(ShardChange change) {
        if (shard != null) {
            change.apply(shard);
        }
    }

    private void withContext(ContextChange change) {
        if (context != null) {
            change.apply(context);
        }
    }

    /** Connects the parameters to the running shard and context, applying every current value. */
    void bind(Shard shard, ServerContext context) throws ConfigException {
        this.shard = shard;
        this.context = context;
        for (ConfigParameter p : registry.parameters()) {
            p.apply(registry.get(p.name()));
        }
    }

    /** Parses {@code [config-file] [--name value ...]} as redis-server does. */
    public static ServerConfig fromArgs(List<String> args) throws ConfigException, IOException {
        ServerConfig config = new ServerConfig();
        List<String> rest = new ArrayList<>(args);
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            config.configFile = Path.of(rest.remove(0)).toAbsolutePath();
            List<String> lines = Files.readAllLines(config.configFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                config.applyLine(lines.get(i), "at line " + (i + 1) + " of " + config.configFile);
            }
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
                            + "use bin/redoubt-server [config-file] [--name value ...]");
                }
                line.append(' ').append(quote(a));
            }
        }
        if (!line.isEmpty()) {
            config.applyLine(line.toString(), "on the command line");
        }
        return config;
    }

    /** Defaults plus {@code name, value} pairs, for tests. */
    public static ServerConfig fromPairs(String... pairs) throws ConfigException {
        ServerConfig config = new ServerConfig();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            config.applyLine(pairs[i] + " " + quote(pairs[i + 1]), "in test overrides");
        }
        return config;
    }

    private static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '\\')) {
            return word;
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void applyLine(String raw, String where) throws ConfigException {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        List<String> words = ConfigLineSplitter.split(line);
        if (words == null) {
            throw new ConfigException("Unbalanced quotes in configuration line " + where + ": '" + line + "'");
        }
        String name = words.get(0);
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
