package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One histogram per command serves both INFO latencystats percentiles and LATENCY HISTOGRAM. */
class LatencyHistogramTest {

    @Test
    void powerOfTwoViewPlacesCallsByMicroseconds() {
        ServerStats stats = new ServerStats(8);
        stats.recordLatency(3, 1_000);     // 1 µs
        stats.recordLatency(3, 2_000);     // 2 µs
        stats.recordLatency(3, 3_000);     // 3 µs: at most 4
        stats.recordLatency(3, 1_000_000); // 1000 µs: at most 1024
        long[] h = stats.powerOfTwoHistogram(3);
        assertThat(h[0]).isEqualTo(1);
        assertThat(h[1]).isEqualTo(1);
        assertThat(h[2]).isEqualTo(1);
        assertThat(h[10]).isEqualTo(1);
        assertThat(h).hasSize(ServerStats.POWER_OF_TWO_BUCKETS);
        assertThat(stats.powerOfTwoHistogram(2)).as("a command that never ran").isNull();
    }

    @Test
    void percentilesStayWithinTheBucketWidth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 10_000L);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.valueAt(50)).isBetween(500_000L, 530_000L);
        assertThat(h.valueAt(99)).isBetween(990_000L, 1_050_000L);
    }

    @Test
    void resetStatClearsBothViews() {
        ServerStats stats = new ServerStats(4);
        stats.recordLatency(1, 5_000);
        stats.reset();
        assertThat(stats.powerOfTwoHistogram(1)).isNull();
    }
}
