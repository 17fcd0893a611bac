package io.redoubt.cse;

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

/** Sealing and opening one value per operation, by value size, in both modes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValueEncryptorBenchmark {
    @Param({"16", "256", "4096", "65536"})
    int size;

    private final byte[] key = "user:1234:profile".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private ValueEncryptor encryptor;
    private byte[] value;
    private byte[] sealed;
    private byte[] sealedDeterministic;

    @Setup
    public void setUp() throws Exception {
        Path keystore = Files.createTempDirectory("cse-bench").resolve("keks.p12");
        char[] password = "bench".toCharArray();
        Pkcs12KeySource.addNewKek(keystore, password, "kek");
        Pkcs12KeySource source = Pkcs12KeySource.open(keystore, password, "kek");
        encryptor = new ValueEncryptor(Keyring.unwrap(source, List.of(Keyring.newDataKey(source, 1)), 1));
        value = new byte[size];
        new Random(size).nextBytes(value);
        sealed = encryptor.seal(key, value);
        sealedDeterministic = encryptor.sealDeterministic(key, value);
    }

    @Benchmark
    public byte[] sealRandomized() {
        return encryptor.seal(key, value);
    }

    @Benchmark
    public byte[] openRandomized() {
        return encryptor.open(key, sealed);
    }

    @Benchmark
    public byte[] sealDeterministic() {
        return encryptor.sealDeterministic(key, value);
    }

    @Benchmark
    public byte[] openDeterministic() {
        return encryptor.openDeterministic(key, sealedDeterministic);
    }
}
