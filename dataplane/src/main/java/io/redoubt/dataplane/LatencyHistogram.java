package io.redoubt.dataplane;

/**
 * A compact log-linear histogram of command durations in nanoseconds, the one record of a command's
 * latencies (as Redis keeps one HdrHistogram per command): INFO latencystats reads percentiles from
 * it, LATENCY HISTOGRAM its power-of-two microsecond view. Each power of two is split into
 * {@value #SUB_BUCKETS} equal buckets, so a reported percentile is within about 6% of the true value
 * (Redis's HdrHistogram keeps 2 significant digits). Fixed size: 640 counters. Used on the shard thread
 * only.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int MAGNITUDES = 40; // up to 2^40 ns, about 18 minutes

    private final long[] counts = new long[MAGNITUDES * SUB_BUCKETS];
    private long total;

    void record(long nanos) {
        long v = Math.max(1, nanos);
        int magnitude = 63 - Long.numberOfLeadingZeros(v);
        int index;
        if (magnitude < SUB_BITS) {
            index = (int) v;
        } else {
            int sub = (int) ((v >>> (magnitude - SUB_BITS)) & (SUB_BUCKETS - 1));
            index = Math.min((magnitude - SUB_BITS + 1) * SUB_BUCKETS + sub, counts.length - 1);
        }
        counts[index]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The highest value of the bucket holding the {@code percentile}-th value, in nanoseconds. */
    long valueAt(double percentile) {
        if (total == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= target) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    private static long upperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int magnitude = index / SUB_BUCKETS - 1 + SUB_BITS;
        int sub = index % SUB_BUCKETS;
        long width = 1L << (magnitude - SUB_BITS);
        return (1L << magnitude) + (sub + 1) * width - 1;
    }

    /**
     * The calls per power-of-two microsecond bucket, as LATENCY HISTOGRAM reports them: bucket b counts
     * calls of at most 2^b microseconds and more than 2^(b-1) (bucket 0: at most 1 µs); the last bucket
     * takes everything longer. A log-linear bucket is placed by its upper bound.
     */
    long[] powerOfTwoMicros(int buckets) {
        long[] out = new long[buckets];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                long micros = upperBound(i) / 1000;
                int bucket = micros <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(micros - 1);
                out[Math.min(bucket, buckets - 1)] += counts[i];
            }
        }
        return out;
    }
}
