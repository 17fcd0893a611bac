package io.redoubt.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RaftConfigStore} peer runs.
 *
 * @param directory where the Raft log and snapshots live (the node passes {@code data/raft}); owner-only
 * @param peerId this peer's id in the Raft group, stable across restarts
 * @param bind the address peers reach this one on; port 0 picks a free port at open
 * @param snapshotEveryEntries a snapshot is taken after this many log entries (and when the store closes), and
 *        the log before it is purged
 * @param logSegmentBytes the size at which a log segment is closed; only closed segments can be purged
 * @param rpcTimeoutMin the shortest election timeout; the longest is twice it. Short keeps failover and a
 *        single peer's start fast
 * @param requestTimeout how long a proposal may wait for a commit before failing as unavailable
 */
public record StoreSettings(Path directory, String peerId, InetSocketAddress bind, long snapshotEveryEntries,
        long logSegmentBytes, Duration rpcTimeoutMin, Duration requestTimeout) {
    public StoreSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(peerId, "peerId");
        if (!peerId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("peer id must be 1-64 letters, digits, '-' or '_': " + peerId);
        }
        Objects.requireNonNull(bind, "bind");
        if (snapshotEveryEntries < 1) {
            throw new IllegalArgumentException("snapshotEveryEntries must be positive: " + snapshotEveryEntries);
        }
        if (logSegmentBytes < 64 * 1024) {
            throw new IllegalArgumentException("logSegmentBytes must be at least 64 KiB: " + logSegmentBytes);
        }
        if (rpcTimeoutMin.isNegative() || rpcTimeoutMin.toMillis() < 50) {
            throw new IllegalArgumentException("rpcTimeoutMin must be at least 50 ms: " + rpcTimeoutMin);
        }
        if (requestTimeout.compareTo(rpcTimeoutMin) <= 0) {
            throw new IllegalArgumentException("requestTimeout must exceed rpcTimeoutMin");
        }
    }

    /**
     * A single node's store: peer {@code n1} on 127.0.0.1 (a free port), a snapshot every 1000 entries, 8 MiB
     * segments, elections after 300-600 ms, proposals failing after 10 s.
     */
    public static StoreSettings singleNode(Path directory) {
        return new StoreSettings(directory, "n1", new InetSocketAddress("127.0.0.1", 0), 1000, 8L << 20,
                Duration.ofMillis(300), Duration.ofSeconds(10));
    }

    public StoreSettings withSnapshotEveryEntries(long entries) {
        return new StoreSettings(directory, peerId, bind, entries, logSegmentBytes, rpcTimeoutMin, requestTimeout);
    }

    public StoreSettings withLogSegmentBytes(long bytes) {
        return new StoreSettings(directory, peerId, bind, snapshotEveryEntries, bytes, rpcTimeoutMin, requestTimeout);
    }
}
