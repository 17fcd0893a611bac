package io.redoubt.cse;

import io.redoubt.node.RedoubtServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import io.redoubt.testkit.TestDatabases;

/**
 * The cost of encryption as a client sees it: 16 pipelined SETs and then 16 pipelined GETs (redis-benchmark
 * -P 16) against Redoubt in-process, plain versus sealed and opened. One operation is one batch of 16.
 * Compare the two scores of one run, never with another machine's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncryptedPipelineBenchmark {
    private static final int PIPELINE = 16;

    @Param({"64", "1024"})
    int size;

    private RedoubtServer server;
    private Jedis jedis;
    private ValueEncryptor encryptor;
    private final byte[][] keys = new byte[PIPELINE][];
    private byte[] value;

    @Setup
    public void setUp() throws Exception {
        server = TestDatabases.start();
        jedis = new Jedis("127.0.0.1", server.port());
        Path keystore = Files.createTempDirectory("cse-bench").resolve("keks.p12");
        char[] password = "bench".toCharArray();
        Pkcs12KeySource.addNewKek(keystore, password, "kek");
        Pkcs12KeySource source = Pkcs12KeySource.open(keystore, password, "kek");
        encryptor = new ValueEncryptor(Keyring.unwrap(source, List.of(Keyring.newDataKey(source, 1)), 1));
        for (int i = 0; i < PIPELINE; i++) {
            keys[i] = ("bench:key:" + i).getBytes(StandardCharsets.UTF_8);
        }
        value = new byte[size];
        new Random(size).nextBytes(value);
    }

    @TearDown
    public void tearDown() {
        jedis.close();
        server.close();
    }

    @Benchmark
    public List<Object> plain() {
        Pipeline p = jedis.pipelined();
        for (byte[] key : keys) {
            p.set(key, value);
        }
        p.sync();
        for (byte[] key : keys) {
            p.get(key);
        }
        return p.syncAndReturnAll();
    }

    @Benchmark
    public int encrypted() {
        Pipeline p = jedis.pipelined();
        for (byte[] key : keys) {
            p.set(key, encryptor.seal(key, value));
        }
        p.sync();
        for (byte[] key : keys) {
            p.get(key);
        }
        List<Object> stored = p.syncAndReturnAll();
        int total = 0;
        for (int i = 0; i < PIPELINE; i++) {
            total += encryptor.open(keys[i], (byte[]) stored.get(i)).length;
        }
        return total;
    }
}
