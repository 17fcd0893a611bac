package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMonitorTest {

    @Test
    void disabledMonitorKeepsNothing() {
        LatencyMonitor m = new LatencyMonitor();
        m.addSampleIfNeeded("command", 500, 1);
        assertThat(m.events()).isEmpty();
    }

    @Test
    void oneSamplePerSecondKeepingTheWorst() {
        LatencyMonitor m = new LatencyMonitor();
        m.thresholdMillis(10);
        m.addSampleIfNeeded("command", 5, 100);
        m.addSampleIfNeeded("command", 20, 100);
        m.addSampleIfNeeded("command", 15, 100);
        m.addSampleIfNeeded("command", 12, 101);
        LatencyMonitor.Series s = m.series("command");
        assertThat(s.samples()).containsExactly(new LatencyMonitor.Sample(100, 20), new LatencyMonitor.Sample(101, 12));
        assertThat(s.max()).isEqualTo(20);
        assertThat(s.latest().latencyMillis()).isEqualTo(12);
        for (int i = 0; i < 200; i++) {
            m.addSampleIfNeeded("command", 11, 200 + i);
        }
        assertThat(s.samples()).hasSize(LatencyMonitor.HISTORY_LEN);
        assertThat(m.reset(List.of("command", "other"))).isEqualTo(1);
        assertThat(m.events()).isEmpty();
    }
}
