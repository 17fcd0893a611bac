package io.redoubt.dataplane;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.redoubt.engine.command.Client;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.resp.ReplySink;
import io.redoubt.resp.RespWriter;
import java.net.InetSocketAddress;

/**
 * One client's state: identity, selected database, protocol, authentication, flags. The session is
 * also the {@link CommandContext} of the command it is running, so running a command allocates
 * nothing for its context. Used only on the shard's thread, {@link #executor()}, which is also the
 * connection's event loop on the plain port but not on the TLS port (there the channel's own loop does
 * the TLS work and hands decrypted requests to the shard's thread): so timers and deferred work of a
 * session go to {@link #executor()}, never to {@code channel().eventLoop()}.
 */
public final class Session implements Client, CommandContext, ClientConnection {
    /** CLIENT REPLY modes. */
    public enum ReplyMode { ON, OFF, SKIP }

    private final long id;
    private final Channel channel;
    private final io.netty.util.concurrent.EventExecutor executor;
    private final ServerContext server;
    private final RespWriter writer;
    private final long createdAtMillis;
    private final java.net.SocketAddress remoteAddress;
    private final java.net.SocketAddress localSocketAddress;
    private final String address;
    private final String localAddress;
    private final boolean routed;

    private int dbIndex;
    private String name = "";
    private String libName = "";
    private String libVersion = "";
    private io.redoubt.acl.AclUser aclUser;
    private boolean authenticated;
    private long unauthenticatedSinceMillis;   // when it connected or last lost its authentication (auth-timeout)
    private boolean noTouch;
    private boolean noEvict;
    private ReplyMode replyMode = ReplyMode.ON;
    private boolean closeAfterReply;
    private boolean monitor;
    private long lastInteractionMillis;
    private String lastCommand = "NULL";
    private boolean skipNextReply;     // CLIENT REPLY SKIP ran: drop the next command's reply
    private boolean skippingReply;     // the running command is the one after SKIP: its reply is dropped
    private io.netty.buffer.ByteBuf keptPushes; // push data of a command whose reply is dropped
    private boolean postponed;         // holding a command until CLIENT PAUSE ends
    private long overSoftLimitSince;   // when unsent replies first reached the soft output limit, or 0
    private boolean killed;            // closed by the server; the channel may still look active a moment

    private Transaction transaction;
    private final java.util.List<WatchedKeys.Watch> watches = new java.util.ArrayList<>();
    /** Commands the running command recorded in its place ({@link #propagateAs}), or null. */
    private java.util.List<byte[][]> effects;
    private boolean watchDirty;
    private final ClientTracking tracking = new ClientTracking();

    private final java.util.EnumMap<PubSub.Kind, java.util.Set<DbKey>> subscriptions =
            new java.util.EnumMap<>(PubSub.Kind.class);
    private BlockedClients.Waiter waiter;
    private boolean stillBlocked;
    private byte[] readyKey;
    private boolean executingTransaction;
    private Runnable resumeInput = () -> { };

    // The command being run.
    private byte[][] argv;
    private CommandSpec spec;

    Session(long id, Channel channel, io.netty.util.concurrent.EventExecutor executor, ServerContext server,
            RespWriter writer) {
        this.id = id;
        this.channel = channel;
        this.executor = executor;
        this.server = server;
        this.writer = writer;
        this.createdAtMillis = server.clock().millis();
        this.lastInteractionMillis = createdAtMillis;
        this.unauthenticatedSinceMillis = createdAtMillis;
        // on a shard behind a router, the client is the one the router's hello named, not the router
        RouterLink.RoutedClient client = channel.attr(RouterLink.CLIENT).get();
        this.routed = client != null;
        this.remoteAddress = routed ? client.remote() : channel.remoteAddress();
        this.address = format(remoteAddress);
        this.localSocketAddress = routed ? client.local() : channel.localAddress();
        this.localAddress = format(localSocketAddress);
        this.aclUser = server.acl().users().defaultUser();
    }

    private static String format(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            int pct = host.indexOf('%');
            if (pct >= 0) {
                host = host.substring(0, pct);
            }
            return host + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }

    // ---- CommandContext ---------------------------------------------------------------------------

    @Override
    public byte[][] argv() {
        return argv;
    }

    @Override
    public ReplySink reply() {
        return writer;
    }

    @Override
    public Keyspace db() {
        return server.shard().db(dbIndex);
    }

    @Override
    public Shard shard() {
        return server.shard();
    }

    @Override
    public Client client() {
        return this;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    void begin(CommandSpec spec, byte[][] argv) {
        this.spec = spec;
        this.argv = argv;
    }

    // ---- Client -----------------------------------------------------------------------------------

    @Override
    public long id() {
        return id;
    }

    @Override
    public int dbIndex() {
        return dbIndex;
    }

    @Override
    public void select(int index) {
        this.dbIndex = index;
    }

    @Override
    public int protocol() {
        return writer.protocol();
    }

    public void protocol(int version) {
        writer.protocol(version);
    }

    @Override
    public boolean noTouch() {
        return noTouch;
    }

    public void noTouch(boolean on) {
        this.noTouch = on;
    }

    @Override
    public boolean mayBlock() {
        return !executingTransaction;
    }

    @Override
    public void block(byte[][] keys, io.redoubt.engine.keyspace.ValueType type, long timeoutMillis,
                      TimeoutReply onTimeout) {
        server.blockedClients().park(this, keys, type, timeoutMillis, onTimeout, false);
    }

    @Override
    public void blockUntilKeyLost(byte[][] keys, io.redoubt.engine.keyspace.ValueType type, long timeoutMillis,
                                  TimeoutReply onTimeout) {
        server.blockedClients().park(this, keys, type, timeoutMillis, onTimeout, true);
    }

    @Override
    public byte[] readyKey() {
        return readyKey;
    }

    void readyKey(byte[] key) {
        this.readyKey = key;
    }

    @Override
    public boolean mayReadEveryKey(CommandSpec spec, byte[][] argv) {
        return io.redoubt.acl.Authorizer.mayReadEveryKey(aclUser.state(), spec, argv);
    }

    BlockedClients.Waiter waiter() {
        return waiter;
    }

    void waiter(BlockedClients.Waiter w) {
        this.waiter = w;
    }

    /**
     * Holds this client (WAIT): its reply comes later from {@link #release}, and its pipelined requests
     * wait behind it, as behind a blocking command. Call from the command's handler, which replies nothing.
     */
    @Override
    public void hold() {
        server.blockedClients().park(this, new byte[0][], null, 0, null, false);
    }

    /** Answers a held client with {@code reply} and lets its next requests run; false when it was not held. */
    @Override
    public boolean release(java.util.function.Consumer<io.redoubt.resp.ReplySink> reply) {
        return server.blockedClients().release(this, reply);
    }

    @Override
    public void propagateAs(byte[][] argv) {
        if (effects == null) {
            effects = new java.util.ArrayList<>(2);
        }
        effects.add(argv);
    }

    /** What the command that just ran asked to be recorded in its place (null: itself), and forgets it. */
    java.util.List<byte[][]> takeEffects() {
        java.util.List<byte[][]> e = effects;
        effects = null;
        return e;
    }

    /** True while this client is parked by a blocking command. */
    public boolean blocked() {
        return waiter != null;
    }

    boolean stillBlocked() {
        return stillBlocked;
    }

    void stillBlocked(boolean b) {
        this.stillBlocked = b;
    }

    void executingTransaction(boolean b) {
        this.executingTransaction = b;
    }

    /** Inside EXEC or a script: commands run at once and never block. */
    boolean executingTransaction() {
        return executingTransaction;
    }

    /** How the connection resumes reading pipelined requests after the client is unblocked. */
    void onResumeInput(Runnable action) {
        this.resumeInput = action;
    }

    void resumeInput() {
        resumeInput.run();
    }

    // ---- connection state -------------------------------------------------------------------------

    public ServerContext server() {
        return server;
    }

    public Channel channel() {
        return channel;
    }

    /** The shard's thread, where this session's commands, timers and deferred work run. */
    @Override
    public io.netty.util.concurrent.EventExecutor executor() {
        return executor;
    }

    @Override
    public RespWriter writer() {
        return writer;
    }

    /** {@code ip:port} of the client. */
    @Override
    public String address() {
        return address;
    }

    public String localAddress() {
        return localAddress;
    }

    /**
     * The client's socket address: the channel's peer, or on a shard behind a router the client the
     * router serves on this link. Anything that decides by the client's address asks this.
     */
    @Override
    public java.net.SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The address the client connected to (behind a router: the database's, not the shard's). */
    public java.net.SocketAddress localSocketAddress() {
        return localSocketAddress;
    }

    /** Whether this connection is a router's link to this shard, carrying one client of the router. */
    boolean routed() {
        return routed;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    void touched(long now) {
        this.lastInteractionMillis = now;
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String libName() {
        return libName;
    }

    public void libName(String v) {
        this.libName = v;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String v) {
        this.libVersion = v;
    }

    public String user() {
        return aclUser.name();
    }

    /** The ACL user this connection runs as (the default user until it authenticates). */
    public io.redoubt.acl.AclUser aclUser() {
        return aclUser;
    }

    /** The client's IP address without the port (what the authentication throttle counts by). */
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /**
     * Authenticates the session as the enabled ACL user {@code user} with no password check, for
     * identities proven another way (a mapped TLS client certificate); false when there is no such
     * enabled user. Goes through {@link AccessControl#authenticateWithoutPassword}.
     */
    public boolean authenticate(String user) {
        return server.acl().authenticateWithoutPassword(this, user);
    }

    void authenticateAs(io.redoubt.acl.AclUser user, boolean authenticated) {
        this.aclUser = user;
        authenticated(authenticated);
    }

    private void authenticated(boolean now) {
        if (authenticated == now) {
            return;
        }
        if (!now) {
            unauthenticatedSinceMillis = server.clock().millis();
        }
        authenticated = now;
        server.clients().authenticationChanged(this, now);
    }

    /** Since when this connection has been waiting to authenticate (meaningful while not authenticated). */
    public long unauthenticatedSinceMillis() {
        return unauthenticatedSinceMillis;
    }

    /** Whether every subscription of this session is still allowed to {@code user}'s channels. */
    boolean subscriptionsAllowed(io.redoubt.acl.UserState user) {
        for (PubSub.Kind kind : PubSub.Kind.values()) {
            for (DbKey c : subscriptions(kind)) {
                if (!io.redoubt.acl.Authorizer.maySubscribe(user, c.bytes(), kind == PubSub.Kind.PATTERN)) {
                    return false;
                }
            }
        }
        return true;
    }

    public void deauthenticate() {
        authenticated(false);
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean on) {
        this.noEvict = on;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void replyMode(ReplyMode mode) {
        this.replyMode = mode;
        if (mode == ReplyMode.ON) {
            skippingReply = false; // CLIENT REPLY ON answers even when it is the command after SKIP, as in Redis
        }
    }

    public boolean monitor() {
        return monitor;
    }

    public void monitor(boolean on) {
        this.monitor = on;
    }

    /** CLIENT REPLY SKIP: drop the reply of the command after this one. */
    public void skipNextReply() {
        this.skipNextReply = true;
    }

    /** Called as a command starts: the one after REPLY SKIP has its reply dropped. */
    void startCommandReply() {
        skippingReply = skipNextReply;
        skipNextReply = false;
    }

    /** Whether the running command's reply is dropped (CLIENT REPLY OFF, or the command after SKIP). */
    boolean replyDropped() {
        return skippingReply || replyMode == ReplyMode.OFF;
    }

    /**
     * Redis sends push data (subscribe confirmations, messages) even while the running command's reply
     * is dropped by CLIENT REPLY OFF or SKIP (its CLIENT_PUSHING), in RESP2 too: a subscriber with
     * replies off would otherwise never learn of its subscriptions or get its own messages. Such data
     * is kept aside here and sent after the command, whose own reply is dropped.
     */
    private void keepPushAside(java.util.function.Consumer<ReplySink> message) {
        io.netty.buffer.ByteBuf commandOutput = writer.target();
        if (keptPushes == null) {
            keptPushes = channel.alloc().buffer(64);
        }
        writer.target(keptPushes);
        try {
            message.accept(writer);
        } finally {
            writer.target(commandOutput);
        }
    }

    /** Appends the push data kept while the command's reply was dropped to {@code out}, and forgets it. */
    void appendKeptPushes(io.netty.buffer.ByteBuf out) {
        if (keptPushes != null) {
            out.writeBytes(keptPushes);
            keptPushes.release();
            keptPushes = null;
        }
    }

    /** Waiting for CLIENT PAUSE to end (shown as flag b; exempt from the idle timeout). */
    public boolean postponed() {
        return postponed;
    }

    void postponed(boolean on) {
        this.postponed = on;
    }

    /** Bytes of replies written but not yet sent to the client (CLIENT LIST omem). */
    @Override
    public long pendingOutputBytes() {
        io.netty.channel.ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /**
     * Disconnects the client when its unsent replies break {@code client-output-buffer-limit};
     * returns true when it did.
     */
    boolean enforceOutputLimit() {
        OutputBufferLimits limits = server.diagnostics().outputLimits();
        // Redis classes a subscriber by its subscriptions: a slow subscriber meets the pubsub limits.
        OutputBufferLimits.Limit limit = subscriber() ? limits.pubsub() : limits.normal();
        if (limit.hard() == 0 && limit.soft() == 0) {
            return false;
        }
        if (server.replication().isReplica(this)) {
            return false; // the replica class: replication checks it on the stream, not on the RDB
        }
        long pending = pendingOutputBytes();
        long now = server.clock().millis();
        if (limit.soft() > 0 && pending >= limit.soft()) {
            if (overSoftLimitSince == 0) {
                overSoftLimitSince = now;
            }
        } else {
            overSoftLimitSince = 0;
        }
        if (limit.exceeded(pending, overSoftLimitSince, now)) {
            org.slf4j.LoggerFactory.getLogger(Session.class).warn(
                    "Client id={} addr={} closed for overcoming of output buffer limits ({} bytes pending).",
                    id, address, pending);
            kill();
            return true;
        }
        return false;
    }

    /** RESET: Redis's clearClientConnectionState for the state this session holds. */
    public void resetConnectionState() {
        if (monitor) {
            server.diagnostics().monitors().remove(this);
            monitor = false;
        }
        dbIndex = 0;
        writer.protocol(2);
        server.acl().startSession(this);
        name = "";
        replyMode = ReplyMode.ON;
        skipNextReply = false;
        skippingReply = false;
        resetTransaction();
        server.pubsub().forget(this);
        noTouch = false;
        noEvict = false;
        server.tracking().forget(this);
    }

    /** Whether the client connects from this machine (enable-debug-command local). */
    public boolean isLocal() {
        return remoteAddress instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    /** Close the connection once the current replies are written (QUIT, protocol errors). */
    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    public boolean closing() {
        return closeAfterReply;
    }

    public String lastCommand() {
        return lastCommand;
    }

    void lastCommand(String fullName) {
        this.lastCommand = fullName;
    }

    /** The open MULTI, or null. */
    Transaction transaction() {
        return transaction;
    }

    void transaction(Transaction t) {
        this.transaction = t;
    }

    public boolean inMulti() {
        return transaction != null;
    }

    java.util.List<WatchedKeys.Watch> watches() {
        return watches;
    }

    void markWatchDirty() {
        watchDirty = true;
    }

    boolean watchDirty() {
        return watchDirty;
    }

    void clearWatchDirty() {
        watchDirty = false;
    }

    /** CLIENT TRACKING state. */
    ClientTracking tracking() {
        return tracking;
    }

    /** Forgets transaction and watch state (connection closed, RESET). */
    public void resetTransaction() {
        transaction = null;
        server.watchedKeys().unwatchAll(this);
        watchDirty = false;
    }

    /** The session's subscriptions of one kind (live set). */
    java.util.Set<DbKey> subscriptions(PubSub.Kind kind) {
        return subscriptions.computeIfAbsent(kind, k -> new java.util.LinkedHashSet<>());
    }

    /** Number of channel and pattern subscriptions (what SUBSCRIBE replies count). */
    public int subscriptionCount() {
        return subscriptions(PubSub.Kind.CHANNEL).size() + subscriptions(PubSub.Kind.PATTERN).size();
    }

    public int shardSubscriptionCount() {
        return subscriptions(PubSub.Kind.SHARD).size();
    }

    /** In subscriber mode (Redis's CLIENT_PUBSUB flag). */
    public boolean subscriber() {
        return subscriptionCount() + shardSubscriptionCount() > 0;
    }

    /**
     * Sends an out-of-band message (pub/sub push data) to this client. If the client is the one running
     * the current command its replies are being collected, so the message joins them (or is kept aside
     * when that reply is dropped, see {@link #keepPushAside}); otherwise it is
     * written and flushed at once. A subscriber that does not read is disconnected once its unsent
     * output passes the pubsub class of {@code client-output-buffer-limit}.
     */
    @Override
    public void deliver(java.util.function.Consumer<io.redoubt.resp.ReplySink> message) {
        if (killed || !channel.isActive()) {
            return;
        }
        if (writer.target() != null) {
            if (replyDropped()) {
                keepPushAside(message);
            } else {
                message.accept(writer);
            }
            return;
        }
        io.netty.buffer.ByteBuf buf = channel.alloc().ioBuffer(64);
        writer.target(buf);
        try {
            message.accept(writer);
        } finally {
            writer.target(null);
        }
        server.stats().netOutputBytes += buf.readableBytes();
        if (!server.aof().flush()) { // a served blocked command is logged before its reply leaves
            buf.release(); // ... and never acknowledged when it could not be: the database is stopping
            kill();
            return;
        }
        channel.writeAndFlush(buf, channel.voidPromise());
        enforceOutputLimit();
    }

    /**
     * Closes the connection now (CLIENT KILL, output buffer limit, idle timeout). From here on the
     * session runs nothing more and is served nothing more, even while the close is still on its way
     * through the channel's own event loop (the TLS port's case, where {@code isActive()} stays true
     * until that loop has closed the socket).
     */
    @Override
    public void kill() {
        killed = true;
        server.clients().remove(this); // gone from CLIENT LIST at once, as in Redis, though the close is asynchronous
        server.tracking().forget(this); // and from INFO's tracking_clients
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            // TLS closes gracefully by default: it would first send whatever replies are queued, for
            // seconds if need be; a killed client is owed nothing more, as in Redis
            tls.setCloseNotifyFlushTimeoutMillis(1);
        }
        channel.close();
    }

    /** Whether the server has closed, or is closing, this connection ({@link #kill}). */
    public boolean killed() {
        return killed;
    }
}
