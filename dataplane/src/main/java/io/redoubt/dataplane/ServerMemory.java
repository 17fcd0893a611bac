package io.redoubt.dataplane;

import io.redoubt.engine.keyspace.Shard;

/**
 * INFO memory's used_memory as Redis composes it: the server's own structures (used_memory_startup),
 * its clients (mem_clients_normal) and the data set (used_memory_dataset, the shard's estimate). The
 * first two are the shard's {@link Shard#overheadBytes()}, so maxmemory is checked against the same
 * figure INFO reports, as in Redis, where a server with no key still uses memory.
 *
 * <p>The figures are estimates of what the data structures hold, not of the JVM heap (which
 * used_memory_rss and the allocator fields report): the databases' key tables, a kilobyte per command
 * in the command table (its spec, arguments and documentation), and per client what Redis 7.0 reports
 * for an idle client (CLIENT LIST tot-mem) plus its unsent replies.
 */
final class ServerMemory {
    /** An idle client's tot-mem in Redis 7.0: its structure, query buffer and reply buffer. */
    static final long CLIENT_BYTES = 22272;
    private static final long BYTES_PER_COMMAND = 1024;
    private static final long BYTES_PER_DATABASE = 256;

    private final ServerContext server;
    private final long startup;

    ServerMemory(ServerContext server) {
        this.server = server;
        Shard shard = server.shard();
        long databases = 0;
        for (int i = 0; i < shard.databaseCount(); i++) {
            // a key table and an expiry table of references, and the database's own fields
            databases += BYTES_PER_DATABASE + 2L * 8 * shard.db(i).capacity();
        }
        this.startup = databases + BYTES_PER_COMMAND * server.commands().allSpecs().size();
        clientsChanged(0);
    }

    long startup() {
        return startup;
    }

    /** Connected clients' memory, unsent replies included. */
    long clients() {
        long bytes = 0;
        for (Session s : server.clients().all()) {
            bytes += CLIENT_BYTES + s.pendingOutputBytes();
        }
        return bytes;
    }

    /** Keeps the shard's overhead current as clients connect and leave (on the shard thread). */
    void clientsChanged(int clients) {
        server.shard().overheadBytes(startup + CLIENT_BYTES * clients);
    }
}
