package io.redoubt.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The command clock: one timestamp per command, taken from the nanoTime the dispatcher already read. */
class CommandClockTest {
    @Test
    void withTheSystemClockTheCommandTimeFollowsTheWallClock() throws Exception {
        Shard shard = new Shard(0, 1, InstantSource.system(), ShardSettings.DEFAULT);
        for (int i = 0; i < 5; i++) {
            long before = System.currentTimeMillis();
            long now = shard.beginCommand(System.nanoTime());
            long after = System.currentTimeMillis();
            // derived from the nanoTime since the last cron's wall-clock read: within a millisecond of it
            assertThat(now).isBetween(before - 1, after + 1);
            assertThat(shard.now()).isEqualTo(now);
            Thread.sleep(20);
        }
        shard.cron(1_000_000);
        long before = System.currentTimeMillis();
        assertThat(shard.beginCommand(System.nanoTime())).isBetween(before - 1, System.currentTimeMillis() + 1);
    }

    @Test
    void anInjectedClockIsReadForEveryCommand() {
        long[] millis = {1_000};
        Shard shard = new Shard(0, 1, () -> Instant.ofEpochMilli(millis[0]), ShardSettings.DEFAULT);
        assertThat(shard.beginCommand(System.nanoTime())).isEqualTo(1_000);
        millis[0] = 5_000;
        assertThat(shard.beginCommand(System.nanoTime())).isEqualTo(5_000);
        assertThat(shard.now()).isEqualTo(5_000);
    }
}
