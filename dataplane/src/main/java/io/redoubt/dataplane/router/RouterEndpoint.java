package io.redoubt.dataplane.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.redoubt.dataplane.RouterLink;
import io.redoubt.dataplane.Transport;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.RespLimits;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing endpoint of a database with several shards. Each shard is a complete
 * single-shard server (its own thread, keyspace, expiry, eviction, persistence files) reached
 * in-process only ({@link LocalShard}); this endpoint accepts the database's clients and routes their
 * requests to those shards. Its own threads parse and route; no command runs here.
 */
public final class RouterEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterEndpoint.class);

    private final List<LocalShard> shards;
    private final RouterLink link;
    private final Function<SocketAddress, String> admission;
    private final CommandTable table;
    private final RespLimits limits;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverType;
    private final List<Channel> listeners = new ArrayList<>();

    /**
     * @param shards  each shard's in-process address and thread, in slot order: shard i owns the i-th
     *                equal range of the 16384 hash slots
     * @param link    the secret the shards were started with: each link opens with its hello
     * @param admission what a client at an address is told before being closed (protected mode), or
     *                  null to admit it
     * @param table   the command table, for key specs and request policies
     * @param threads the event loops that carry the clients and their links
     * @param transport {@code io-transport}, resolved: the clients' sockets use it
     */
    public RouterEndpoint(List<LocalShard> shards, RouterLink link, Function<SocketAddress, String> admission,
                          CommandTable table,
                          RespLimits limits, int threads, Transport transport) {
        if (shards.size() < 2) {
            throw new IllegalArgumentException("a routed database needs at least two shards");
        }
        this.shards = List.copyOf(shards);
        this.link = link;
        this.admission = admission;
        this.table = table;
        this.limits = limits;
        IoHandlerFactory io = transport.ioHandlerFactory();
        serverType = transport.serverChannel();
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-router-accept"), io);
        workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("redoubt-router"), io);
    }

    /** Listens on {@code host:port}; port 0 picks a free port. Returns the bound address. */
    public InetSocketAddress listen(String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // a client that shuts its sending side still gets its replies (RoutedConnection)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("router",
                                new RoutedConnection(shards, link, admission, new RoutePlanner(table, shards.size()), limits));
                    }
                });
        Channel ch = b.bind(host, port).sync().channel();
        listeners.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        LOG.info("Ready to accept connections on {}:{} ({} shards)", bound.getAddress().getHostAddress(),
                bound.getPort(), shards.size());
        return bound;
    }

    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> list = new ArrayList<>();
        for (Channel c : listeners) {
            list.add((InetSocketAddress) c.localAddress());
        }
        return list;
    }

    @Override
    public void close() {
        for (Channel c : listeners) {
            c.close().syncUninterruptibly();
        }
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
