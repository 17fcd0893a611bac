package io.redoubt.cluster.api;

/**
 * One snapshot trigger: save when at least {@code writes} writes happened within {@code secs} seconds
 * (RE bdb {@code snapshot_policy} entry {@code {"secs", "writes"}}, Redis's {@code save <secs> <writes>}).
 */
public record SnapshotRule(long secs, long writes) {
    public SnapshotRule {
        if (secs < 1 || writes < 1) {
            throw new IllegalArgumentException("snapshot_policy needs secs and writes of at least 1: " + secs + " " + writes);
        }
    }
}
