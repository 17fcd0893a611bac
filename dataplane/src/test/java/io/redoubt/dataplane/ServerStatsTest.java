package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerStatsTest {

    @Test
    void opsPerSecondNeverGoesNegativeAfterReset() {
        ServerStats stats = new ServerStats(1);
        stats.sample(0, 0);
        stats.totalCommandsProcessed = 5000;
        stats.sample(1000, 0);
        assertThat(stats.instantaneousOpsPerSec()).isEqualTo(5000 / 16);
        stats.reset();
        stats.sample(2000, 0);
        assertThat(stats.instantaneousOpsPerSec()).isZero();
        stats.totalCommandsProcessed = 160;
        stats.sample(3000, 0);
        assertThat(stats.instantaneousOpsPerSec()).isEqualTo(10);
    }
}
