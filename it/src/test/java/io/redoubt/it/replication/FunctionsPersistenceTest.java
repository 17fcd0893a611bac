package io.redoubt.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RawReplica;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Function libraries outlive restarts and reach replicas as in Redis 7.0.15: the RDB holds them
 * (RDB_OPCODE_FUNCTION2) and travels both ways between Redoubt and redis-server; the AOF and the
 * replication stream record FUNCTION LOAD/DELETE/RESTORE/FLUSH as sent and an FCALL as the writes it
 * made, command for command as Redis records them; a Redis replica of a Redoubt master gets the
 * libraries on its full sync and the later FUNCTION LOADs from the stream.
 */
@Timeout(90)
class FunctionsPersistenceTest {
    private static final String LIBRARY = "#!lua name=counters\n"
            + "redis.register_function('bump', function(keys, args) "
            + "redis.call('incr', keys[1]) return redis.call('incrby', keys[1], args[1]) end)\n"
            + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end, "
            + "flags={'no-writes'}, description='reads a counter'}\n";
    private static final String OTHER = "#!lua name=other\n"
            + "redis.register_function{function_name='one', callback=function() return 1 end, flags={'no-writes'}}\n";

    @TempDir
    Path tmp;

    @Test
    void redoubtLoadsTheLibrariesOfARedisRdb() throws Exception {
        Path ours = tmp.resolve("ours");
        Files.createDirectories(ours);
        String list;
        try (RealRedis redis = RealRedis.start(); RespClient c = RespClient.connect(redis.port())) {
            assertThat(c.callText("FUNCTION", "LOAD", LIBRARY)).isEqualTo("$8\r\ncounters\r\n");
            c.call("SET", "n", "5");
            list = listing(c);
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
            Files.copy(redis.dir().resolve("dump.rdb"), ours.resolve("dump.rdb"));
        }
        try (RedoubtServer server = TestDatabases.start("dir", ours.toString());
             RespClient c = RespClient.connect(server.port())) {
            assertThat(listing(c)).isEqualTo(list);
            assertThat(c.callText("FCALL", "bump", "1", "n", "10")).isEqualTo(":16\r\n");
            assertThat(c.callText("FCALL_RO", "peek", "1", "n")).isEqualTo("$2\r\n16\r\n");
        }
    }

    @Test
    void redisLoadsTheLibrariesOfARedoubtRdb() throws Exception {
        Path ours = tmp.resolve("ours");
        String list;
        try (RedoubtServer server = TestDatabases.start("dir", ours.toString());
             RespClient c = RespClient.connect(server.port())) {
            c.call("FUNCTION", "LOAD", LIBRARY);
            c.call("SET", "n", "5");
            list = listing(c);
            assertThat(c.callText("SAVE")).isEqualTo("+OK\r\n");
        }
        Process check = new ProcessBuilder("/usr/bin/redis-check-rdb", ours.resolve("dump.rdb").toString())
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).contains("RDB looks OK!");
        Path theirs = tmp.resolve("theirs");
        Files.createDirectories(theirs);
        Files.copy(ours.resolve("dump.rdb"), theirs.resolve("dump.rdb"));
        try (RealRedis redis = RealRedis.start("--dir", theirs.toString());
             RespClient c = RespClient.connect(redis.port())) {
            assertThat(listing(c)).isEqualTo(list);
            assertThat(c.callText("FCALL", "bump", "1", "n", "10")).isEqualTo(":16\r\n");
        }
    }

    /** The writes both logs see: loads, calls that write and one that does not, a restore, deletes, a flush. */
    private static void functionWrites(RespClient c) {
        c.call("FUNCTION", "LOAD", LIBRARY);
        c.call("FCALL", "bump", "1", "n", "10");
        c.call("FCALL_RO", "peek", "1", "n");
        c.call("FUNCTION", "LOAD", "REPLACE", LIBRARY);
        c.call("FUNCTION", "LOAD", LIBRARY); // refused: not recorded
        byte[] dump = c.call("FUNCTION", "DUMP");
        c.call("FUNCTION", "LOAD", OTHER);
        c.call("FUNCTION", "DELETE", "other");
        c.call("FUNCTION", "DELETE", "nosuch"); // refused: not recorded
        c.call("SELECT", "3");
        c.call("FCALL", "bump", "1", "m", "1");
        c.call("FUNCTION", "FLUSH");
        c.call("FUNCTION".getBytes(), "RESTORE".getBytes(), bulk(dump));
        c.call("SELECT", "0");
        c.call("SET", "marker", "end");
    }

    @Test
    void theReplicationStreamRecordsFunctionsAsRedisDoes() throws Exception {
        try (RedoubtServer redoubt = TestDatabases.start("dir", tmp.toString());
             RealRedis redis = RealRedis.start("--repl-diskless-sync-delay", "0")) {
            List<String> theirs = streamOf(redis.port(), FunctionsPersistenceTest::functionWrites);
            List<String> ours = streamOf(redoubt.port(), FunctionsPersistenceTest::functionWrites);
            assertThat(ours).isEqualTo(theirs);
            assertThat(String.join("\n", theirs)).contains("FUNCTION LOAD", "incrby n 10", "FUNCTION DELETE other",
                    "FUNCTION FLUSH", "FUNCTION RESTORE");
        }
    }

    @Test
    void theAofRecordsFunctionsAsRedisDoesAndReplaysThem() throws Exception {
        Path ours = tmp.resolve("ours");
        String list;
        byte[] redoubtAof;
        try (RedoubtServer server = TestDatabases.start("dir", ours.toString(), "appendonly", "yes",
                "appendfsync", "always");
             RespClient c = RespClient.connect(server.port())) {
            functionWrites(c);
            list = listing(c);
        }
        redoubtAof = Files.readAllBytes(lastIncrement(ours));
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always");
             RespClient c = RespClient.connect(redis.port())) {
            functionWrites(c);
            byte[] redisAof = Files.readAllBytes(lastIncrement(redis.dir()));
            assertThat(commands(redoubtAof)).isEqualTo(commands(redisAof));
        }
        try (RedoubtServer server = TestDatabases.start("dir", ours.toString(), "appendonly", "yes");
             RespClient c = RespClient.connect(server.port())) {
            assertThat(listing(c)).isEqualTo(list);
            assertThat(c.callText("GET", "n")).isEqualTo("$2\r\n11\r\n");
        }
    }

    @Test
    void anAofRewriteKeepsTheLibrariesWithAndWithoutTheRdbPreamble() throws Exception {
        for (String preamble : new String[] {"yes", "no"}) {
            Path dir = tmp.resolve("preamble-" + preamble);
            String list;
            try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "appendonly", "yes",
                    "aof-use-rdb-preamble", preamble);
                 RespClient c = RespClient.connect(server.port())) {
                c.call("FUNCTION", "LOAD", LIBRARY);
                c.call("FCALL", "bump", "1", "n", "1");
                list = listing(c);
                awaitNoRewrite(c); // the first start writes its base
                assertThat(c.callText("BGREWRITEAOF")).startsWith("+");
                awaitNoRewrite(c);
            }
            try (var files = Files.list(dir.resolve("appendonlydir"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.endsWith(preamble.equals("yes") ? ".base.rdb" : ".base.aof"));
            }
            try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "appendonly", "yes",
                    "aof-use-rdb-preamble", preamble);
                 RespClient c = RespClient.connect(server.port())) {
                assertThat(listing(c)).as("preamble %s", preamble).isEqualTo(list);
                assertThat(c.callText("FCALL", "bump", "1", "n", "1")).isEqualTo(":4\r\n");
            }
        }
    }

    @Test
    void aRedisReplicaOfARedoubtMasterGetsTheLibraries() throws Exception {
        try (RedoubtServer master = TestDatabases.start("dir", tmp.toString());
             RealRedis replica = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            m.call("FUNCTION", "LOAD", LIBRARY);
            m.call("FCALL", "bump", "1", "n", "1");
            assertThat(r.callText("REPLICAOF", "127.0.0.1", Integer.toString(master.port()))).isEqualTo("+OK\r\n");
            ReplicationWithRedisTest.awaitInSync(m, r);
            assertThat(listing(r)).isEqualTo(listing(m));
            assertThat(r.callText("FCALL_RO", "peek", "1", "n")).isEqualTo("$1\r\n2\r\n");
            m.call("FUNCTION", "LOAD", OTHER);
            m.call("FCALL", "bump", "1", "n", "1");
            ReplicationWithRedisTest.awaitInSync(m, r);
            assertThat(r.callText("FCALL", "one", "0")).isEqualTo(":1\r\n");
            assertThat(r.callText("GET", "n")).isEqualTo("$1\r\n4\r\n");
        }
    }

    @Test
    void aRedoubtReplicaOfARedisMasterGetsTheLibraries() throws Exception {
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RedoubtServer replica = TestDatabases.start("dir", tmp.toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            r.call("FUNCTION", "LOAD", OTHER.replace("'one'", "'stale'")); // replaced by the master's on full sync
            m.call("FUNCTION", "LOAD", LIBRARY);
            m.call("FCALL", "bump", "1", "n", "1");
            assertThat(r.callText("REPLICAOF", "127.0.0.1", Integer.toString(master.port()))).isEqualTo("+OK\r\n");
            ReplicationWithRedisTest.awaitInSync(m, r);
            assertThat(listing(r)).isEqualTo(listing(m));
            assertThat(r.callText("FCALL_RO", "peek", "1", "n")).isEqualTo("$1\r\n2\r\n");
            assertThat(r.callText("FCALL", "bump", "1", "n", "1"))
                    .isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            assertThat(r.callText("EVAL", "#!lua\nreturn redis.call('set', 'x', '1')", "0"))
                    .isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            m.call("FUNCTION", "LOAD", OTHER);
            ReplicationWithRedisTest.awaitInSync(m, r);
            assertThat(r.callText("FCALL", "one", "0")).isEqualTo(":1\r\n");
        }
    }

    private static void awaitNoRewrite(RespClient c) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            String info = c.callText("INFO", "persistence");
            return info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0");
        });
    }

    private static Path lastIncrement(Path dir) throws IOException {
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            return files.filter(p -> p.toString().endsWith(".incr.aof")).sorted().reduce((x, y) -> y).orElseThrow();
        }
    }

    /** Attaches with SYNC, runs {@code writes}, and returns the stream up to {@code SET marker end}. */
    private static List<String> streamOf(int port, Consumer<RespClient> writes) throws IOException {
        try (RawReplica replica = RawReplica.attach(port);
             RespClient c = new RespClient("127.0.0.1", port, 5000)) {
            writes.accept(c);
            List<String> commands = new ArrayList<>();
            for (List<String> argv : replica.until(argv -> String.join(" ", argv).equals("SET marker end"))) {
                commands.add(render(argv));
            }
            return commands;
        }
    }

    /** The commands of an AOF file, as {@link #render} renders them. */
    private static List<String> commands(byte[] aof) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(aof));
        List<String> commands = new ArrayList<>();
        while (in.available() > 0) {
            commands.add(render(RawReplica.command(in)));
        }
        return commands;
    }

    /**
     * One RESP command as text. A FUNCTION RESTORE payload becomes the library code it holds: Redis
     * and Redoubt compress the code with different (equally valid) LZF matchers, so the bytes differ.
     */
    private static String render(List<String> command) {
        List<String> argv = new ArrayList<>(command);
        if (argv.size() >= 3 && argv.get(0).equalsIgnoreCase("FUNCTION") && argv.get(1).equalsIgnoreCase("RESTORE")) {
            List<byte[]> codes = io.redoubt.persistence.FunctionPayload.parse(argv.get(2).getBytes(StandardCharsets.ISO_8859_1));
            assertThat(codes).as("a payload with a sound footer").isNotNull();
            argv.set(2, String.join("|", codes.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList()));
        }
        return String.join(" ", argv);
    }

    /**
     * FUNCTION LIST WITHCODE with its lines sorted: Redis lists a library's functions in the order of a
     * hash table seeded at random per process, so only the content can be compared.
     */
    private static String listing(RespClient c) {
        return c.callText("FUNCTION", "LIST", "WITHCODE").lines().sorted().reduce("", (a, b) -> a + b + "\n");
    }

    private static byte[] bulk(byte[] reply) {
        int start = 0;
        while (reply[start] != '\n') {
            start++;
        }
        return java.util.Arrays.copyOfRange(reply, start + 1, reply.length - 2);
    }
}
