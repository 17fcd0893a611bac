package io.redoubt.dataplane;

import java.nio.file.Path;
import java.util.List;

/**
 * What a node needs to start one database, as validated values: where it listens, how it is spread
 * over shards and threads, and where its files live. The redis.conf adapter builds it for
 * {@code redoubt-server}; the control plane will build it from a database object.
 *
 * @param port      the plain port (0: none, TLS only)
 * @param bind      the addresses to listen on; a leading {@code -} marks one that may be missing
 * @param shards    how many shards (threads, keyspaces) the database is spread over by hash slot
 * @param keyspaces {@code databases}: how many SELECT-numbered keyspaces each shard has
 * @param ioThreads {@code io-threads}: TLS I/O threads of a one-shard database
 * @param transport the network transport (epoll, io_uring, NIO), resolved
 * @param dataDir   the database's data folder (absolute); a shard of several uses {@code shard-N} in it
 * @param tlsPort   the TLS port (0: none)
 */
public record DatabaseSettings(int port, List<String> bind, int shards, int keyspaces, int ioThreads,
                               Transport transport, Path dataDir, int tlsPort) {
    public DatabaseSettings {
        bind = List.copyOf(bind);
        if (shards < 1 || keyspaces < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("shards, databases and io-threads must be at least 1");
        }
    }
}
