package io.redoubt.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import io.redoubt.node.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The whole request path without the network: a read batch of 16 pipelined requests goes through
 * a real {@link Connection} on an {@link EmbeddedChannel} (parser, dispatcher's checks, the
 * command, reply encoder, one flush), on a shard built as the node builds it. The benchmark
 * thread is the event loop, as the I/O thread is in the server. Each batch keeps the data
 * bounded (LPUSH is paired with LPOP) so iterations measure the same work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatcherBenchmark {
    static final int BATCH = 16;

    @Param({"PING", "SET", "GET", "INCR", "LPUSH_LPOP", "HSET", "ZADD"})
    String workload;

    private EmbeddedChannel channel;
    private ByteBuf batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InstantSource clock = InstantSource.system();
        // an EmbeddedChannel's peer is not on loopback: protected mode would refuse it, as Redis would
        ServerConfig settings = ServerConfig.fromPairs("protected-mode", "no");
        Shard shard = new Shard(0, 16, clock, ShardSettings.DEFAULT);
        ServerContext context = new ServerContext(shard, settings.registry(), clock, EndpointSettings.DEFAULT,
                StandardCommands::build, null);
        channel = new EmbeddedChannel(new Connection(context, new Dispatcher(context)));
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String key = "key:" + (i % 4);
            requests.add(switch (workload) {
                case "PING" -> new String[] {"PING"};
                case "SET" -> new String[] {"SET", key, "xxx"};
                case "GET" -> new String[] {"GET", key};
                case "INCR" -> new String[] {"INCR", "counter:" + (i % 4)};
                case "LPUSH_LPOP" -> i % 2 == 0 ? new String[] {"LPUSH", "mylist", "xxx"}
                        : new String[] {"LPOP", "mylist"};
                case "HSET" -> new String[] {"HSET", "myhash", "element:" + i, "xxx"};
                case "ZADD" -> new String[] {"ZADD", "myzset", Integer.toString(i), "element:" + i};
                default -> throw new IllegalArgumentException(workload);
            });
        }
        if (workload.equals("GET")) {
            send(encode(List.of(new String[] {"SET", "key:0", "xxx"}, new String[] {"SET", "key:1", "xxx"},
                    new String[] {"SET", "key:2", "xxx"}, new String[] {"SET", "key:3", "xxx"})));
        }
        batch = encode(requests);
        // A benchmark of error replies would measure the wrong thing: check one batch first.
        String replies = replies(batch.retainedDuplicate());
        if (replies.startsWith("-") || replies.contains("\r\n-")) {
            throw new IllegalStateException(workload + " answered with an error: " + replies);
        }
    }

    private String replies(ByteBuf requests) {
        channel.writeInbound(requests);
        StringBuilder text = new StringBuilder();
        for (ByteBuf reply; (reply = channel.readOutbound()) != null; ) {
            text.append(reply.toString(StandardCharsets.US_ASCII));
            reply.release();
        }
        return text.toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batch.release();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batch() {
        return send(batch.retainedDuplicate());
    }

    private int send(ByteBuf requests) {
        channel.writeInbound(requests);
        int bytes = 0;
        for (ByteBuf reply; (reply = channel.readOutbound()) != null; ) {
            bytes += reply.readableBytes();
            reply.release();
        }
        if (bytes == 0) {
            throw new IllegalStateException("no reply to " + workload);
        }
        return bytes;
    }

    private static ByteBuf encode(List<String[]> requests) {
        StringBuilder out = new StringBuilder();
        for (String[] argv : requests) {
            out.append('*').append(argv.length).append("\r\n");
            for (String arg : argv) {
                out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
        }
        return Unpooled.directBuffer().writeBytes(out.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
