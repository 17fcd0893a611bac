package io.redoubt.dataplane;

import java.util.function.Consumer;

/**
 * One running database on a node, whatever its shard count: its shards, its one endpoint (plain
 * and TLS) and its one access control, on the node's shared threads plus one thread per shard. The
 * node starts and stops databases through this; what a database serves is the same Redis either way.
 */
public interface DatabaseRuntime extends AutoCloseable {
    /** The plain port clients connect to, 0 when it has none (TLS only). */
    int port();

    /** The TLS port, 0 when TLS is off. */
    int tlsPort();

    /**
     * The shard that speaks for the database: it holds its access control and its parameters, and runs
     * CONFIG (the only one for a database of one shard).
     */
    ServerContext firstShard();

    /**
     * Tells {@code listener}, once, that the database stopped on its own after a fatal error (a disk
     * that refused a write under {@code appendfsync always}), with the reason; the node's other
     * databases keep serving.
     */
    void onFatalStop(Consumer<String> listener);

    /** Stops serving and closes the database's files, saving first as its settings ask. */
    @Override
    void close();
}
