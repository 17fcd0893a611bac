package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import io.redoubt.testkit.TestDatabases;

/**
 * Issue 22: CLUSTER, READONLY, READWRITE and ASKING on a database that is not a cluster, and MODULE on
 * a server without modules, answer byte for byte what Redis 7.0.15 answers with its defaults
 * (cluster support disabled, enable-module-command no), and clients that probe for cluster mode
 * through their own APIs come to the same conclusion on both servers.
 */
@Timeout(60)
class ClusterAndModuleDifferentialTest extends DifferentialTest {
    private static final List<String> CLUSTER_SUBCOMMANDS = List.of("ADDSLOTS 1", "ADDSLOTSRANGE 1 2",
            "BUMPEPOCH", "COUNT-FAILURE-REPORTS id", "COUNTKEYSINSLOT 1", "DELSLOTS 1", "DELSLOTSRANGE 1 2",
            "FAILOVER", "FAILOVER FORCE", "FLUSHSLOTS", "FORGET id", "GETKEYSINSLOT 1 1", "HELP", "INFO",
            "KEYSLOT foo", "LINKS", "MEET 127.0.0.1 7000", "MYID", "NODES", "REPLICAS id", "REPLICATE id",
            "RESET", "RESET HARD", "SAVECONFIG", "SET-CONFIG-EPOCH 1", "SETSLOT 1 STABLE", "SHARDS", "SLAVES id",
            "SLOTS");

    @Test
    void everyClusterSubcommandSaysClusterSupportIsDisabled() {
        for (String sub : CLUSTER_SUBCOMMANDS) {
            String[] words = ("CLUSTER " + sub).split(" ");
            assertThat(same(words)).as("CLUSTER %s", sub).isEqualTo("-ERR This instance has cluster support disabled\r\n");
        }
    }

    @Test
    void clusterArityAndUnknownSubcommandsAreRedis() {
        sameScript("""
                CLUSTER
                CLUSTER FOO
                CLUSTER INFO extra
                CLUSTER KEYSLOT
                CLUSTER ADDSLOTS
                cluster myid
                """);
    }

    @Test
    void readonlyReadwriteAndAskingAreRedis() {
        sameScript("""
                READONLY
                READWRITE
                ASKING
                READONLY extra
                ASKING extra
                """);
        resp3();
        same("READONLY");
        same("CLUSTER", "SLOTS");
    }

    @Test
    void clusterCommandsInsideMultiAreRedis() {
        sameScript("""
                MULTI
                CLUSTER INFO
                READONLY
                EXEC
                """);
    }

    @Test
    void moduleCommandsAreRedis() {
        sameScript("""
                MODULE LIST
                MODULE HELP
                MODULE LOAD /nonexistent/module.so
                MODULE LOAD /nonexistent/module.so arg1 arg2
                MODULE LOADEX /nonexistent/module.so CONFIG a b ARGS x
                MODULE UNLOAD nosuchmodule
                MODULE
                MODULE FOO
                MODULE LIST extra
                MODULE UNLOAD
                CONFIG GET enable-module-command
                CONFIG SET enable-module-command yes
                """);
        resp3();
        same("MODULE", "LIST");
        same("MODULE", "HELP");
    }

    /**
     * With the MODULE command enabled, UNLOAD finds no module on either server; LOAD differs on purpose:
     * Redis fails to load the file and points at its log, Redoubt says it loads no modules at all.
     */
    @Test
    void enabledModuleCommandStillLoadsNothing() throws Exception {
        try (RealRedis real = RealRedis.start("--enable-module-command", "yes");
             RedoubtServer ours = TestDatabases.start("enable-module-command", "yes");
             RespClient toRedis = RespClient.connect(real.port());
             RespClient toRedoubt = RespClient.connect(ours.port())) {
            for (String[] request : List.of(new String[] {"MODULE", "UNLOAD", "nosuch"},
                    new String[] {"MODULE", "LIST"}, new String[] {"CONFIG", "GET", "enable-module-command"})) {
                assertThat(toRedoubt.callText(request)).as(String.join(" ", request))
                        .isEqualTo(toRedis.callText(request));
            }
            assertThat(toRedis.callText("MODULE", "LOAD", "/nonexistent/module.so"))
                    .isEqualTo("-ERR Error loading the extension. Please check the server logs.\r\n");
            assertThat(toRedoubt.callText("MODULE", "LOAD", "/nonexistent/module.so"))
                    .isEqualTo("-ERR Error loading the extension. Redoubt does not support modules.\r\n");
            assertThat(toRedoubt.callText("MODULE", "LOADEX", "/nonexistent/module.so", "ARGS", "a"))
                    .isEqualTo("-ERR Error loading the extension. Redoubt does not support modules.\r\n");
        }
    }

    /** A database of several shards is still not a Redis Cluster to its clients: the same answers. */
    @Test
    void aShardedDatabaseAnswersAsOneStandaloneServer() throws Exception {
        try (ShardedDatabase sharded = TestDatabases.startSharded(2);
             RespClient toSharded = RespClient.connect(sharded.port())) {
            for (String request : List.of("CLUSTER INFO", "CLUSTER SLOTS", "CLUSTER KEYSLOT foo", "CLUSTER FOO",
                    "READONLY", "READWRITE", "ASKING", "MODULE LIST", "MODULE LOAD /x.so")) {
                String[] words = request.split(" ");
                assertThat(printable(toSharded.callText(words))).as(request)
                        .isEqualTo(printable(redis.callText(words)));
            }
        }
    }

    @Test
    void commandDocsAndInfoOfTheNewCommandsAreRedis() {
        for (String name : List.of("cluster|info", "cluster|slots", "cluster|setslot", "readonly", "asking",
                "module|loadex", "module|list")) {
            same("COMMAND", "INFO", name);
            same("COMMAND", "DOCS", name);
        }
        same("COMMAND", "GETKEYS", "CLUSTER", "INFO");
    }

    /** Jedis asks CLUSTER SLOTS when it starts a JedisCluster: both servers must refuse it the same way. */
    @Test
    void jedisProbingForClusterModeSeesAStandaloneServer() {
        for (int port : ports()) {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 5000)) {
                Throwable info = catchThrowable(jedis::clusterInfo);
                assertThat(info).as("Jedis clusterInfo on %d", port)
                        .hasMessage("ERR This instance has cluster support disabled");
                assertThat(catchThrowable(jedis::readonly)).hasMessage("ERR This instance has cluster support disabled");
                assertThat(jedis.moduleList()).isEmpty();
            }
        }
        Function<Integer, String> clusterStart = port -> {
            Throwable t = catchThrowable(() -> {
                try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", port)),
                        DefaultJedisClientConfig.builder().socketTimeoutMillis(5000).build())) {
                    cluster.get("k");
                }
            });
            return t == null ? "started" : t.getClass().getName() + ": " + t.getMessage();
        };
        int[] ports = ports();
        String againstRedis = clusterStart.apply(ports[0]);
        assertThat(againstRedis).isNotEqualTo("started");
        assertThat(clusterStart.apply(ports[1])).isEqualTo(againstRedis);
    }

    /** Lettuce's own commands and its cluster client, which reads the topology with CLUSTER NODES. */
    @Test
    void lettuceProbingForClusterModeSeesAStandaloneServer() {
        String[] clusterClientOutcome = new String[2];
        int[] ports = ports();
        for (int i = 0; i < 2; i++) {
            RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(ports[i])
                    .withTimeout(Duration.ofSeconds(5)).build();
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(catchThrowable(() -> c.sync().clusterInfo()))
                        .hasMessage("ERR This instance has cluster support disabled");
                assertThat(catchThrowable(() -> c.sync().clusterMyId()))
                        .hasMessage("ERR This instance has cluster support disabled");
                assertThat(c.sync().ping()).isEqualTo("PONG"); // the connection goes on
            } finally {
                client.shutdown();
            }
            RedisClusterClient cluster = RedisClusterClient.create(uri);
            try {
                Throwable t = catchThrowable(() -> cluster.connect().close());
                clusterClientOutcome[i] = t == null ? "connected" : t.getClass().getName();
            } finally {
                cluster.shutdown();
            }
        }
        assertThat(clusterClientOutcome[0]).isNotEqualTo("connected");
        assertThat(clusterClientOutcome[1]).isEqualTo(clusterClientOutcome[0]);
    }

    private static int[] ports() {
        return new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()};
    }
}
