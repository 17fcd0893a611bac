package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The RESP decoder on a read batch as redis-benchmark -P 16 sends it: 16 pipelined SET requests
 * in one buffer. Reports time per request; allocation per request shows with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestParserBenchmark {
    static final int BATCH = 16;

    /** Value size in bytes, as redis-benchmark -d. */
    @Param({"3", "1024"})
    int valueSize;

    private ByteBuf batch;
    private RequestParser parser;

    @Setup
    public void setUp() {
        StringBuilder value = new StringBuilder();
        value.append("x".repeat(valueSize));
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            String key = String.format("key:%012d", i * 7919);
            requests.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$").append(valueSize).append("\r\n").append(value).append("\r\n");
        }
        batch = Unpooled.wrappedBuffer(requests.toString().getBytes(StandardCharsets.US_ASCII));
        parser = new RequestParser(RespLimits.DEFAULT);
        parser.authenticated(true);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parseBatch(Blackhole bh) throws RespProtocolException {
        batch.readerIndex(0);
        parser.parse(batch, argv -> {
            bh.consume(argv);
            return true;
        });
    }
}
