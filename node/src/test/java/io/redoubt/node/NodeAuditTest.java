package io.redoubt.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.audit.Backoff;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The dispatcher calls {@link NodeAudit#commandExecuted} after every command: with the audit off it allocates nothing. */
class NodeAuditTest {
    @Test
    void theCommandHookAllocatesNothingWhileTheCommandAuditIsOff() throws Exception {
        ServerConfig config = ServerConfig.fromPairs("audit-mode", "connections", "audit-collector-host", "127.0.0.1",
                "audit-collector-port", "9");
        try (NodeAudit audit = NodeAudit.start(config.audit(), config.logRotation(),
                InstantSource.system(), Backoff.standard())) {
            CommandSpec set = CommandTable.builder()
                    .add(CommandSpec.builder("set", -3).key(KeySpec.single(1)).handler(ctx -> { })).build().lookup("set");
            byte[][] argv = {"SET".getBytes(StandardCharsets.US_ASCII), "k".getBytes(StandardCharsets.US_ASCII),
                "v".getBytes(StandardCharsets.US_ASCII)};
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 100_000; i++) {
                audit.commandExecuted(null, set, argv); // warm up: compiled, as on a busy server
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++) {
                audit.commandExecuted(null, set, argv);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // an allocation per call would be at least 16 MB here; the JVM's own one-off work (a
            // deoptimization, a TLAB refill record) can show as some KB, so the bound is a byte per call
            assertThat(allocated).as("bytes allocated by a million calls").isLessThan(1_000_000);
            // the measurement sees allocations: 1000 arrays of 64 bytes
            before = threads.getCurrentThreadAllocatedBytes();
            byte[][] keep = new byte[1000][];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = new byte[64];
            }
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).isGreaterThan(64_000L + keep.length - 1000);
        }
    }
}
