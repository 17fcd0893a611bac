package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().valueAt(50)).isZero();
    }

    @Test
    void percentilesAreWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1000L); // 1 µs .. 1000 µs
        }
        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.valueAt(50)).isBetween(500_000L, 500_000L * 107 / 100);
        assertThat(h.valueAt(99)).isBetween(990_000L, 990_000L * 107 / 100);
        assertThat(h.valueAt(100)).isBetween(1_000_000L, 1_000_000L * 107 / 100);
    }

    @Test
    void singleValueIsReportedForEveryPercentile() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(2000);
        assertThat(h.valueAt(50)).isEqualTo(h.valueAt(99.9)).isBetween(2000L, 2130L);
    }

    @Test
    void smallAndHugeValuesStayInRange() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0);
        h.record(3);
        h.record(Long.MAX_VALUE);
        assertThat(h.valueAt(1)).isEqualTo(1);
        assertThat(h.valueAt(100)).isPositive();
    }
}
