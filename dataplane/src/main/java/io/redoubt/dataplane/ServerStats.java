package io.redoubt.dataplane;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server-wide counters INFO reports; updated on the shard thread that serves the clients. */
public final class ServerStats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long rejectedConnections;
    /** AUTH / HELLO AUTH attempts refused by the brute-force throttle. */
    public long authThrottled;
    public long netInputBytes;
    public long netOutputBytes;
    public long totalErrorReplies;
    /** Replication, as a master: full synchronisations, accepted and refused partial ones (INFO stats). */
    public long syncFull;
    public long syncPartialOk;
    public long syncPartialErr;

    /** Per command id: calls, microseconds, rejected calls, failed calls. */
    public long[] calls;
    public long[] usec;
    public long[] rejectedCalls;
    public long[] failedCalls;

    /** Buckets of LATENCY HISTOGRAM: bucket b counts calls of at most 2^b microseconds. */
    static final int POWER_OF_TWO_BUCKETS = 40;
    /** Per command id: duration histograms for latencystats, made on a command's first call. */
    final LatencyHistogram[] latency;

    /** Highest used_memory seen by INFO or the cron. */
    public long peakMemory;

    // instantaneous_ops_per_sec: commands processed, sampled every cron tick into a ring (Redis keeps 16).
    private static final int OPS_SAMPLES = 16;
    private final long[] opsSamples = new long[OPS_SAMPLES];
    private int opsSampleIndex;
    private long lastSampleMillis = -1;
    private long lastSampleCommands;

    /** Error replies by error code (the first word, e.g. ERR, WRONGTYPE), for errorstats. */
    public final Map<String, Long> errorsByCode = new LinkedHashMap<>();

    ServerStats(int commandCount) {
        calls = new long[commandCount];
        usec = new long[commandCount];
        rejectedCalls = new long[commandCount];
        failedCalls = new long[commandCount];
        latency = new LatencyHistogram[commandCount];
    }

    /** Counts one run of command {@code id} that took {@code nanos}. */
    public void recordLatency(int id, long nanos) {
        LatencyHistogram h = latency[id];
        if (h == null) {
            h = new LatencyHistogram();
            latency[id] = h;
        }
        h.record(nanos);
    }

    /** LATENCY HISTOGRAM's view of command {@code id}: calls per power-of-two µs bucket, or null if it never ran. */
    public long[] powerOfTwoHistogram(int id) {
        LatencyHistogram h = latency[id];
        return h == null ? null : h.powerOfTwoMicros(POWER_OF_TWO_BUCKETS);
    }

    /** Called by the cron: takes one commands-per-second sample and tracks the memory peak. */
    public void sample(long nowMillis, long usedMemory) {
        peakMemory = Math.max(peakMemory, usedMemory);
        if (lastSampleMillis >= 0 && nowMillis > lastSampleMillis) {
            long ops = totalCommandsProcessed - lastSampleCommands;
            opsSamples[opsSampleIndex] = ops * 1000 / (nowMillis - lastSampleMillis);
            opsSampleIndex = (opsSampleIndex + 1) % OPS_SAMPLES;
        }
        lastSampleMillis = nowMillis;
        lastSampleCommands = totalCommandsProcessed;
    }

    /** The mean of the recent samples, as Redis's getInstantaneousMetric. */
    public long instantaneousOpsPerSec() {
        long sum = 0;
        for (long s : opsSamples) {
            sum += s;
        }
        return sum / OPS_SAMPLES;
    }

    void countError(String text) {
        totalErrorReplies++;
        int space = text.indexOf(' ');
        String code = space < 0 ? text : text.substring(0, space);
        if (errorsByCode.size() < 128 || errorsByCode.containsKey(code)) {
            errorsByCode.merge(code, 1L, Long::sum);
        }
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        rejectedConnections = 0;
        authThrottled = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        totalErrorReplies = 0;
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(usec, 0);
        java.util.Arrays.fill(rejectedCalls, 0);
        java.util.Arrays.fill(failedCalls, 0);
        errorsByCode.clear();
        java.util.Arrays.fill(latency, null);
        java.util.Arrays.fill(opsSamples, 0);
        lastSampleCommands = 0; // otherwise the next sample would count the reset as negative commands
        peakMemory = 0;
    }
}
