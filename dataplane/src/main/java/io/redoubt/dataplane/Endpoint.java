package io.redoubt.dataplane;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network server of one database. Its plain connections live on one event loop, the thread that
 * owns the shard, so commands run where their bytes arrive with no hand-off between threads (the
 * model Redis uses). TLS connections live on their own I/O loops ({@code io-threads} of them), which
 * do the handshake, decryption and encryption, while their commands still run on the shard's thread
 * (see {@link TlsChannelInitializer}): encryption would otherwise take the shard's thread from the
 * commands. A separate acceptor thread takes new connections. The loops use io_uring, epoll or NIO
 * as {@code io-transport} says ({@link Transport}).
 *
 * <p>A shard of a database with several is reached in-process instead ({@link #inProcess}): its thread
 * runs Netty's local transport only, and its router's links are local channels on that thread, with
 * no socket, port or system call between the router and the shard.
 */
public final class Endpoint implements TlsEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
    private static final long CRON_PERIOD_MS = 100;

    private final ServerContext server;
    private final Dispatcher dispatcher;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup shardLoop;
    private final EventLoopGroup tlsLoops;
    private final Class<? extends ServerChannel> channelType;
    private final List<Channel> listeners = new ArrayList<>();
    /** Whether the acceptor and TLS threads are this endpoint's own (else the node's, which outlive it). */
    private final boolean ownsSharedLoops;
    /** TLS clients, which live on I/O threads this endpoint may not own: closed with it. */
    private final io.netty.channel.group.ChannelGroup tlsClients =
            new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    private ScheduledFuture<?> cron;
    private long cronTicks;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param ioThreads {@code io-threads}: the TLS I/O loops, at most one per core (more would only
     *                  take turns on the cores the shard's thread needs too)
     * @param transport {@code io-transport}, resolved
     */
    public Endpoint(ServerContext server, int ioThreads, Transport transport) {
        this.server = server;
        this.dispatcher = server.dispatcher();
        IoHandlerFactory io = transport.ioHandlerFactory();
        channelType = transport.serverChannel();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-accept"), io);
        this.shardLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-shard-0"), io);
        this.tlsLoops = new MultiThreadIoEventLoopGroup(tlsLoopCount(ioThreads),
                new DefaultThreadFactory("redoubt-tls-io"), io);
        this.ownsSharedLoops = true;
        server.shardThread(shardLoop.next());
    }

    /**
     * A one-shard database on a node that hosts several: its plain clients live on its own shard thread
     * (the fast path), while accepting connections and TLS I/O use the node's threads, which every
     * database shares.
     */
    public Endpoint(ServerContext server, NodeLoops node) {
        this.server = server;
        this.dispatcher = server.dispatcher();
        channelType = node.transport().serverChannel();
        this.acceptor = node.acceptor();
        this.shardLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-shard-0"),
                node.transport().ioHandlerFactory());
        this.tlsLoops = node.io();
        this.ownsSharedLoops = false;
        server.shardThread(shardLoop.next());
    }

    private Endpoint(ServerContext server, String threadName) {
        this.server = server;
        this.dispatcher = server.dispatcher();
        this.channelType = null;
        this.acceptor = null;
        this.tlsLoops = null;
        this.shardLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName),
                LocalIoHandler.newFactory());
        this.ownsSharedLoops = false;
        server.shardThread(shardLoop.next());
    }

    /**
     * The endpoint of a shard that only its database's router reaches, in-process: it listens on
     * local addresses only ({@link #listenLocal}); its thread, named {@code threadName}, carries the
     * router's links to it and runs its commands.
     */
    public static Endpoint inProcess(ServerContext server, String threadName) {
        return new Endpoint(server, threadName);
    }

    /**
     * Listens on the in-process address {@code address} for the router's links, which must open with
     * {@code link}'s hello ({@link LocalLinkGate}). The links live on this shard's thread.
     */
    public void listenLocal(LocalAddress address, RouterLink link) throws InterruptedException {
        if (acceptor != null) {
            throw new IllegalStateException("a network endpoint does not take in-process links");
        }
        Channel ch = new ServerBootstrap()
                .group(shardLoop)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast("router-link", new LocalLinkGate(link));
                        ch.pipeline().addLast("redis", new Connection(server, dispatcher));
                    }
                })
                .bind(address).sync().channel();
        listeners.add(ch);
        startCron();
    }

    /** The thread that owns the shard, as a group of one: in-process links register on it. */
    public EventLoopGroup shardLoop() {
        return shardLoop;
    }

    /**
     * {@code io-threads} capped at the core count: a TLS loop beyond one per core would only take turns
     * with the others and with the shard's thread on the same cores. Threads start with the first TLS
     * connection, so a database without TLS pays nothing for them.
     */
    private static int tlsLoopCount(int ioThreads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (ioThreads > cores) {
            LOG.warn("io-threads {} is more than the {} cores here: using {} TLS I/O threads", ioThreads, cores, cores);
            return cores;
        }
        return Math.max(1, ioThreads);
    }

    /** Listens on {@code host:port}; port 0 picks a free port. Returns the bound address. */
    public InetSocketAddress listen(String host, int port) throws InterruptedException {
        return bind(host, port, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("redis", new Connection(server, dispatcher));
            }
        });
    }

    private InetSocketAddress bind(String host, int port, ChannelInitializer<SocketChannel> initializer)
            throws InterruptedException {
        return bind(host, port, shardLoop, initializer);
    }

    private InetSocketAddress bind(String host, int port, EventLoopGroup connectionLoops,
                                   ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        if (acceptor == null) {
            throw new IllegalStateException("an in-process shard has no network port");
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, connectionLoops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // a client that shuts down its sending side still gets its replies (Connection.inputShutDown)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(initializer);
        Channel ch = b.bind(host, port).sync().channel();
        listeners.add(ch);
        startCron();
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        LOG.info("Ready to accept connections on {}:{}", bound.getAddress().getHostAddress(), bound.getPort());
        return bound;
    }

    private void startCron() {
        if (cron == null) {
            cron = shardLoop.next().scheduleAtFixedRate(this::cron, CRON_PERIOD_MS, CRON_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Listens for TLS connections on {@code host:port}. Each new connection takes the context current at
     * that moment, so a reload applies to new connections while open ones keep theirs. The plain
     * listener's pipeline is untouched.
     */
    @Override
    public InetSocketAddress listenTls(String host, int port, io.redoubt.security.ReloadableTlsContext tls)
            throws InterruptedException {
        TlsChannelInitializer tlsPipeline = new TlsChannelInitializer(tls, server, dispatcher, shardLoop.next());
        return bind(host, port, tlsLoops, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                tlsClients.add(ch);
                ch.pipeline().addLast(tlsPipeline);
            }
        });
    }

    /** Stops listening on {@code port} (CONFIG SET tls-port); connections already open stay. */
    @Override
    public void stopListening(int port) {
        List<Channel> stopped = new ArrayList<>();
        for (Channel c : listeners) {
            if (c.localAddress() instanceof InetSocketAddress a && a.getPort() == port) {
                c.close().syncUninterruptibly();
                stopped.add(c);
            }
        }
        listeners.removeAll(stopped);
    }

    /** Runs {@code task} on the shard's thread and waits for it (for tools and tests). */
    public <T> T onShardThread(java.util.concurrent.Callable<T> task) throws Exception {
        return shardLoop.next().submit(task).get();
    }

    private void cron() {
        if (server.rdb().loading()) {
            return; // the loader thread owns the shard until the data is in
        }
        try {
            // Like Redis's default, spend at most a quarter of each 100 ms tick on expiring keys.
            long expireNanos = server.shard().cron(TimeUnit.MILLISECONDS.toNanos(25));
            if (expireNanos >= 0) {
                server.diagnostics().latency().addSampleIfNeeded("expire-cycle", expireNanos / 1_000_000,
                        server.clock().millis() / 1000);
            }
            server.rdb().cron();
            server.aof().cron(server.rdb().bgsaveInProgress());
            if (++cronTicks % 10 == 0) {
                closeTimedOutClients(); // once a second, as Redis's clientsCron visits each client
                server.migrationLinks().closeIdle(server.clock().millis() / 1000);
            }
            server.stats().sample(server.clock().millis(), server.shard().usedMemory());
        } catch (RuntimeException e) {
            LOG.error("Periodic task failed", e);
        }
    }

    /**
     * Closes the clients idle longer than {@code timeout}, except those Redis exempts (subscribers,
     * clients blocked by a command or by CLIENT PAUSE, MONITOR), and, under {@code auth-timeout},
     * the connections that have not authenticated that long after connecting (or after losing their
     * authentication), so that sockets opened and left idle, or trickling bytes, cannot hold connection
     * slots. With a password-less default user every connection is authenticated from the start.
     */
    private void closeTimedOutClients() {
        long idleMillis = server.settings().idleTimeoutSecs() * 1000;
        long authMillis = server.settings().authTimeoutSecs() * 1000;
        if (idleMillis <= 0 && authMillis <= 0) {
            return;
        }
        long now = server.clock().millis();
        for (Session s : server.clients().all()) {
            if (idleMillis > 0 && now - s.lastInteractionMillis() > idleMillis && !s.monitor() && !s.postponed()
                    && !s.blocked() && !s.subscriber()) {
                LOG.debug("Closing idle client {}", s.address());
                s.kill();
            } else if (authMillis > 0 && !s.authenticated() && now - s.unauthenticatedSinceMillis() > authMillis) {
                LOG.info("Closing client {}: not authenticated within auth-timeout ({} s)", s.address(),
                        authMillis / 1000);
                s.kill();
            }
        }
    }

    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> list = new ArrayList<>();
        for (Channel c : listeners) {
            if (c.localAddress() instanceof InetSocketAddress address) {
                list.add(address); // an in-process shard's local addresses are no network address
            }
        }
        return list;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // SHUTDOWN and the owner may both close the endpoint
        }
        for (Channel c : listeners) {
            c.close().syncUninterruptibly();
        }
        if (cron != null) {
            cron.cancel(false);
        }
        tlsClients.close().syncUninterruptibly();
        server.migrationLinks().close();
        if (ownsSharedLoops) {
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            tlsLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        shardLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
