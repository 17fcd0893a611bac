package io.redoubt.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's latency monitor: for each event class ("command", "fast-command", ...) the latest 160
 * samples of at least {@code latency-monitor-threshold} milliseconds, one per second (a second
 * keeps its worst sample), plus the all-time maximum. Also keeps, per command, the power-of-two
 * histogram of call durations that LATENCY HISTOGRAM reports. Used on the shard thread.
 */
public final class LatencyMonitor {
    static final int HISTORY_LEN = 160;
    /** Buckets of the per-command histogram: bucket b counts calls of at most 2^b microseconds. */
    static final int BUCKETS = 40;

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
    private long[][] histograms = new long[0][];

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

    /** Counts one call of the command with table id {@code commandId}. */
    void recordCall(int commandId, long micros) {
        if (commandId >= histograms.length) {
            long[][] grown = new long[Math.max(commandId + 1, histograms.length * 2)][];
            System.arraycopy(histograms, 0, grown, 0, histograms.length);
            histograms = grown;
        }
        long[] h = histograms[commandId];
        if (h == null) {
            h = new long[BUCKETS];
            histograms[commandId] = h;
        }
        int bucket = micros <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(micros - 1);
        h[Math.min(bucket, BUCKETS - 1)]++;
    }

    /** The histogram of a command, or null when it never ran. */
    public long[] histogram(int commandId) {
        return commandId < histograms.length ? histograms[commandId] : null;
    }

    /** CONFIG RESETSTAT. */
    public void resetHistograms() {
        histograms = new long[0][];
    }
}
