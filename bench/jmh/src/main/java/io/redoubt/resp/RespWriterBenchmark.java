package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reply encoder writing a read batch's replies (16 of each kind) into one direct buffer, as
 * the connection does: +OK (SET), integers (INCR, LPUSH), bulk strings (GET) and a 100-element
 * array (LRANGE_100).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RespWriterBenchmark {
    static final int BATCH = 16;

    @Param({"3", "1024"})
    int valueSize;

    private ByteBuf out;
    private RespWriter writer;
    private byte[] value;

    @Setup
    public void setUp() {
        out = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        writer = new RespWriter();
        writer.target(out);
        value = "x".repeat(valueSize).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ok() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            writer.ok();
        }
        return out.writerIndex();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int integer() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            writer.integer(1_000_000L + i);
        }
        return out.writerIndex();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulk() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            writer.bulk(value, 0, value.length);
        }
        return out.writerIndex();
    }

    @Benchmark
    public int array100() {
        out.clear();
        writer.array(100);
        for (int i = 0; i < 100; i++) {
            writer.bulk(value, 0, value.length);
        }
        return out.writerIndex();
    }
}
