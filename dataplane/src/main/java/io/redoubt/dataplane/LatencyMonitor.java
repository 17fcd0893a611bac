package io.redoubt.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's latency monitor: for each event class ("command", "fast-command", ...) the latest 160
 * samples of at least {@code latency-monitor-threshold} milliseconds, one per second (a second
 * keeps its worst sample), plus the all-time maximum. Used on the shard thread. (LATENCY HISTOGRAM
 * reads the per-command histograms of {@link ServerStats}, shared with INFO latencystats.)
 */
public final class LatencyMonitor {
    static final int HISTORY_LEN = 160;

    /** One second's worst latency. */
    public record Sample(long timeSecs, long latencyMillis) {
    }

    /** Samples of one event class, oldest first. */
    public static final class Series {
        private final List<Sample> samples = new ArrayList<>();
        private long max;

        public List<Sample> samples() {
            return samples;
        }

        public long max() {
            return max;
        }

        public Sample latest() {
            return samples.get(samples.size() - 1);
        }

        void add(long timeSecs, long millis) {
            if (millis > max) {
                max = millis;
            }
            if (!samples.isEmpty() && latest().timeSecs() == timeSecs) {
                if (latest().latencyMillis() < millis) {
                    samples.set(samples.size() - 1, new Sample(timeSecs, millis));
                }
                return;
            }
            samples.add(new Sample(timeSecs, millis));
            if (samples.size() > HISTORY_LEN) {
                samples.remove(0);
            }
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();
    private volatile long thresholdMillis;

    /** {@code latency-monitor-threshold}; 0 disables the monitor. */
    public void thresholdMillis(long ms) {
        this.thresholdMillis = ms;
    }

    public long thresholdMillis() {
        return thresholdMillis;
    }

    /** Records {@code millis} for {@code event} when the monitor is on and the threshold is reached. */
    public void addSampleIfNeeded(String event, long millis, long nowSecs) {
        long threshold = thresholdMillis;
        if (threshold > 0 && millis >= threshold) {
            events.computeIfAbsent(event, e -> new Series()).add(nowSecs, millis);
        }
    }

    public Map<String, Series> events() {
        return events;
    }

    public Series series(String event) {
        return events.get(event);
    }

    /** Resets the named events (all when none are named); returns how many were reset. */
    public int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }
}
