package io.redoubt.dataplane.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.redoubt.dataplane.AuditEvents;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.RouterLink;
import io.redoubt.dataplane.TlsEndpoint;
import io.redoubt.dataplane.TlsHandshakeGuard;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsServerContext;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.RespLimits;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing endpoint of a database with several shards. Each shard is a complete
 * single-shard server (its own thread, keyspace, expiry, eviction, persistence files) reached
 * in-process only ({@link LocalShard}); this endpoint accepts the database's clients and routes their
 * requests to those shards. Its own threads parse and route; no command runs here.
 */
public final class RouterEndpoint implements TlsEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterEndpoint.class);

    private final List<LocalShard> shards;
    private final RouterLink link;
    private final Function<SocketAddress, String> admission;
    private final CommandTable table;
    private final io.redoubt.engine.exec.CommandResolution.Resolver resolver;
    private final RespLimits limits;
    private final AuditEvents audit;
    private final NodeLoops loops;
    private final List<Channel> listeners = new ArrayList<>();

    /**
     * @param shards  each shard's in-process address and thread, in slot order: shard i owns the i-th
     *                equal range of the 16384 hash slots
     * @param link    the secret the shards were started with: each link opens with its hello
     * @param admission what a client at an address is told before being closed (protected mode), or
     *                  null to admit it
     * @param table   the command table, for key specs and request policies
     * @param loops   the node's shared threads, which carry the clients (the links live on the shards')
     * @param audit   where failed TLS handshakes are reported
     */
    public RouterEndpoint(List<LocalShard> shards, RouterLink link, Function<SocketAddress, String> admission,
                          CommandTable table, RespLimits limits, NodeLoops loops, AuditEvents audit) {
        if (shards.size() < 2) {
            throw new IllegalArgumentException("a routed database needs at least two shards");
        }
        this.shards = List.copyOf(shards);
        this.link = link;
        this.admission = admission;
        this.table = table;
        this.resolver = new io.redoubt.engine.exec.CommandResolution.Resolver(table);
        this.limits = limits;
        this.audit = audit;
        this.loops = loops;
    }

    /** Listens on {@code host:port}; port 0 picks a free port. Returns the bound address. */
    public InetSocketAddress listen(String host, int port) throws InterruptedException {
        return bind(host, port, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("router", newConnection());
            }
        });
    }

    /**
     * Listens for TLS clients on {@code host:port}: the handshake, decryption and encryption run on
     * the router's threads, the client certificate's user (when the policy maps one) goes to the
     * shards with each link's hello, and the links open only once the handshake has succeeded.
     */
    @Override
    public InetSocketAddress listenTls(String host, int port, ReloadableTlsContext tls) throws InterruptedException {
        return bind(host, port, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                TlsServerContext context = tls.current();
                ch.pipeline().addLast("tls", context.newHandler(ch.alloc()));
                ch.pipeline().addLast("tls-guard", new TlsHandshakeGuard(context, audit, (ctx, user) -> {
                    ctx.pipeline().get(RoutedConnection.class).certificateUser(user);
                    return true; // each shard checks that the user is enabled when the link opens
                }, true));
                ch.pipeline().addLast("router", newConnection());
            }
        });
    }

    private RoutedConnection newConnection() {
        return new RoutedConnection(shards, link, admission, new RoutePlanner(table, resolver, shards.size()), limits);
    }

    @Override
    public void stopListening(int port) {
        List<Channel> stopped = new ArrayList<>();
        for (Channel c : listeners) {
            if (((InetSocketAddress) c.localAddress()).getPort() == port) {
                c.close().syncUninterruptibly();
                stopped.add(c);
            }
        }
        listeners.removeAll(stopped);
    }

    private InetSocketAddress bind(String host, int port, ChannelInitializer<SocketChannel> initializer)
            throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.acceptor(), loops.io())
                .channel(loops.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // a client that shuts its sending side still gets its replies (RoutedConnection)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(initializer);
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
            c.close().syncUninterruptibly(); // the node's threads stay: other databases use them
        }
    }
}
