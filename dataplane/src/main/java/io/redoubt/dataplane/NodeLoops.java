package io.redoubt.dataplane;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every database of a node shares: one thread that accepts connections and the I/O
 * threads that carry routed databases' clients (parsing, routing and their TLS) and one-shard
 * databases' TLS clients. A database adds only its shards' own threads, each the single owner of its
 * keyspace (a one-shard database's plain clients live on its shard's thread: the fast path); so a node
 * hosting many databases does not grow a thread pool per database. The node creates one and closes it
 * after its databases.
 */
public final class NodeLoops implements AutoCloseable {
    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;

    /**
     * @param transport {@code io-transport}, resolved: every client socket uses it
     * @param ioThreads the I/O threads shared by the databases' clients
     */
    public NodeLoops(Transport transport, int ioThreads) {
        this.transport = transport;
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-accept"),
                transport.ioHandlerFactory());
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("redoubt-io"),
                transport.ioHandlerFactory());
    }

    public Transport transport() {
        return transport;
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    /** The threads that carry routed clients' connections and TLS clients' connections. */
    public EventLoopGroup io() {
        return io;
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
