package io.redoubt.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.redoubt.resp.RequestParser;
import io.redoubt.resp.RespProtocolException;
import io.redoubt.resp.RespWriter;
import io.redoubt.engine.keyspace.Keyspace;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, run on the shard's thread: on the plain port that is the channel's own event
 * loop; on the TLS port the handler is bound to the shard's executor while the channel's loop does the
 * TLS work, so every event here arrives on the shard's thread either way ({@code ctx.executor()}).
 * Input is parsed as it arrives, up to {@link Keyspace#PREFETCH_BATCH} complete requests at a time,
 * which then run in order on this thread (after their keys' table slots have been touched together,
 * see {@link #lookAhead}); all replies produced by one read batch are written to one buffer and
 * flushed once, when the batch is done (on the TLS port, one hand-off to the channel's loop per
 * batch). A client that has not authenticated gets each request parsed only after the one before it
 * ran, so that Redis's stricter limits for unauthenticated clients apply exactly as in Redis. When
 * the client stops reading its replies, this connection stops reading its requests, so a pipelining
 * client cannot make the server buffer without bound. A client that shuts down its sending side
 * ({@code nc -N}) still gets the replies to everything it sent before the connection closes, as from
 * Redis ({@link #inputShutDown}).
 */
final class Connection extends ChannelInboundHandlerAdapter implements RequestParser.Sink, ClientPause.Waiter {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Reads to skip looking ahead at after a batch it could not help (one key, nothing inside to touch). */
    private static final int LOOK_AHEAD_PAUSE = 16;
    /** The longest third argument hashed for the look-ahead. */
    private static final int MAX_MEMBER_BYTES = 64;

    private final ServerContext server;
    private final Dispatcher dispatcher;
    private final RespWriter writer = new RespWriter();
    private final RequestParser parser;
    private Session session;
    private ChannelHandlerContext ctx;
    private ByteBuf input;
    private ByteBuf output;
    private byte[][] held;             // a command held by CLIENT PAUSE, run on resume()
    /** Requests parsed and not yet run: {@code ahead[aheadNext..aheadCount)}. */
    private final byte[][][] ahead = new byte[Keyspace.PREFETCH_BATCH][][];
    private int aheadCount;
    private int aheadNext;
    /** A protocol error met while parsing ahead, reported once the requests before it have run. */
    private RespProtocolException aheadError;
    private final RequestParser.Sink collector = argv -> {
        ahead[aheadCount++] = argv;
        return aheadCount < ahead.length;
    };
    private int lookAheadPause;
    private final int[] keyHashes = new int[Keyspace.PREFETCH_BATCH];
    private final int[] memberHashes = new int[Keyspace.PREFETCH_BATCH];

    Connection(ServerContext server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.parser = new RequestParser(server.settings().limits());
        writer.errorObserver(text -> server.stats().countError(text));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ServerStats stats = server.stats();
        session = new Session(server.clients().nextId(), ctx.channel(), ctx.executor(), server, writer);
        if (server.clients().size() >= server.settings().maxClients()) {
            stats.rejectedConnections++;
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes("-ERR max number of clients reached\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII))).addListener(ChannelFutureListener.CLOSE);
            session = null;
            return;
        }
        if (server.acl().refusedByProtectedMode(session)) {
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(AccessControl.PROTECTED_MODE
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII))).addListener(ChannelFutureListener.CLOSE);
            session = null;
            return;
        }
        server.acl().startSession(session);
        RouterLink.RoutedClient routed = ctx.channel().attr(RouterLink.CLIENT).get();
        if (routed != null && routed.certificateUser() != null && !session.authenticate(routed.certificateUser())) {
            // the router's TLS handshake mapped the certificate to a user who is no longer enabled
            LOG.warn("Closing client {}: its client certificate names user '{}', who is not enabled",
                    session.address(), routed.certificateUser());
            ctx.close();
            session = null;
            return;
        }
        if (!session.authenticated() && unauthenticatedShareTaken()) {
            stats.rejectedConnections++;
            LOG.debug("Refusing client {}: too many connections are waiting to authenticate", session.address());
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(UNAUTHENTICATED_LIMIT
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII))).addListener(ChannelFutureListener.CLOSE);
            session = null;
            return;
        }
        stats.totalConnectionsReceived++;
        server.clients().add(session);
        session.onResumeInput(this::resumeAfterUnblock);
        server.audit().connectionOpened(session);
        ctx.fireChannelActive();
    }

    Session session() {
        return session;
    }

    /** The reply to a connection refused by {@code maxclients-unauthenticated-percent}, before it is closed. */
    static final String UNAUTHENTICATED_LIMIT = "-ERR max number of unauthenticated clients reached: "
            + "authenticate sooner, or raise maxclients-unauthenticated-percent or maxclients\r\n";

    /**
     * Whether the connections that have not authenticated yet already fill their share of
     * {@code maxclients}, so that sockets opened and left idle cannot lock out the clients that do
     * authenticate. The registry keeps the count: a flood of connections costs no scan of the clients.
     */
    private boolean unauthenticatedShareTaken() {
        EndpointSettings settings = server.settings();
        long allowed = Math.max(1, (long) settings.maxClients() * settings.maxUnauthenticatedPercent() / 100);
        return allowed < settings.maxClients() && server.clients().unauthenticated() >= allowed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (session == null || session.closing() || session.killed()) {
            in.release();
            return;
        }
        server.stats().netInputBytes += in.readableBytes();
        if (input == null) {
            input = in;
        } else {
            if (!(input instanceof CompositeByteBuf)) {
                CompositeByteBuf composite = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                composite.addComponent(true, input);
                input = composite;
            }
            ((CompositeByteBuf) input).addComponent(true, in);
        }
        if (held != null || session.blocked()) {
            return; // input waits behind the held (CLIENT PAUSE) or blocked (BLPOP...) command
        }
        process();
    }

    /** Runs the requests parsed ahead, then every complete request in the input. */
    private void process() {
        if (output == null) {
            output = ctx.alloc().ioBuffer(256);
            writer.target(output);
        }
        try {
            while (runAhead()) {
                if (aheadError != null) {
                    RespProtocolException e = aheadError;
                    aheadError = null;
                    throw e;
                }
                if (input == null || !input.isReadable()) {
                    break;
                }
                parser.limits(server.settings().limits());
                parser.authenticated(!server.acl().authRequired(session)); // follows the default user, as in Redis
                if (!session.authenticated()) {
                    parser.parse(input, this); // one at a time: see the class comment
                    break;
                }
                parseAhead();
                if (aheadCount == 0) {
                    break; // the rest of a request is still on its way
                }
            }
        } catch (RequestParser.QueryBufferOverflow e) {
            LOG.warn("Closing client {}: {}", session.address(), e.getMessage());
            releaseInput();
            ctx.close();
            return;
        } catch (RespProtocolException e) {
            writer.error("ERR " + e.getMessage());
            if (RequestParser.TLS_ON_PLAIN_PORT.equals(e.getMessage())) {
                LOG.warn("Client {} started a TLS handshake on the plain port; TLS clients use tls-port",
                        session.address());
            } else {
                LOG.debug("Protocol error from client {}: {}", session.address(), e.getMessage());
            }
            session.closeAfterReply();
        }
        if (input != null) {
            if (!input.isReadable()) {
                releaseInput();
            } else if (input instanceof CompositeByteBuf composite) {
                composite.discardReadComponents();
            } else {
                input.discardSomeReadBytes();
            }
        }
    }

    /** Runs the requests parsed ahead, in order; false when one of them stopped this connection's input. */
    private boolean runAhead() {
        while (aheadNext < aheadCount) {
            byte[][] argv = ahead[aheadNext];
            ahead[aheadNext++] = null;
            if (!onRequest(argv)) {
                return false;
            }
        }
        aheadCount = 0;
        aheadNext = 0;
        return true;
    }

    /**
     * Parses up to a batch of complete requests without running them. A protocol error after some
     * complete requests waits until they have run, as Redis runs what came before the bad bytes.
     */
    private void parseAhead() throws RespProtocolException {
        try {
            parser.parse(input, collector);
        } catch (RespProtocolException e) {
            if (aheadCount == 0) {
                throw e;
            }
            aheadError = e;
        }
        lookAhead();
    }

    /**
     * When several requests are waiting, touches their keys' table slots (and a hash's or set's field
     * slot) before running any, so the cache misses of their lookups overlap instead of following
     * one another (see {@link Keyspace#prefetch}). A client hammering one list gains nothing, so
     * after such a batch the look-ahead pauses for a while.
     */
    private void lookAhead() {
        if (aheadCount < 2) {
            return;
        }
        if (lookAheadPause > 0) {
            lookAheadPause--;
            return;
        }
        int found = 0;
        for (int i = 0; i < aheadCount; i++) {
            byte[][] argv = ahead[i];
            if (argv.length < 2) {
                continue;
            }
            keyHashes[found] = Arrays.hashCode(argv[1]);
            // fields and members are short; a long third argument is a value nothing looks up
            memberHashes[found] = argv.length > 2 && argv[2].length <= MAX_MEMBER_BYTES ? Arrays.hashCode(argv[2]) : 1;
            found++;
        }
        if (found > 1 && !server.shard().db(session.dbIndex()).prefetch(keyHashes, memberHashes, found)) {
            lookAheadPause = LOOK_AHEAD_PAUSE;
        }
    }

    /** Called by the parser for each complete request; returns false to stop parsing. */
    @Override
    public boolean onRequest(byte[][] argv) {
        if (CrossProtocolGuard.looksLikeHttp(argv)) {
            abortCrossProtocol(argv);
            return false;
        }
        if (dispatcher.mustWait(session, argv)) {
            hold(argv);
            return false;
        }
        ByteBuf out = output;
        int mark = out.writerIndex();
        session.startCommandReply();
        dispatcher.dispatch(session, argv);
        if (session.replyDropped()) {
            out.writerIndex(mark); // CLIENT REPLY OFF|SKIP: the command ran, its reply is dropped
        }
        session.appendKeptPushes(out); // but push data is sent, as Redis sends it
        parser.authenticated(!server.acl().authRequired(session));
        return !session.closing() && !session.blocked();
    }

    /**
     * An HTTP request arrived as commands: as Redis does, the connection is dropped with nothing sent,
     * not even the replies of the requests before it in this read (Redis frees such a client with its
     * reply buffer unsent).
     */
    private void abortCrossProtocol(byte[][] argv) {
        if (output != null) {
            output.clear();
        }
        server.crossProtocolGuard().refuse(session, argv, server.audit(), server.clock().millis());
        releaseInput();
        session.kill();
    }

    /** Called when a blocked client has been answered: runs the requests that queued up meanwhile. */
    private void resumeAfterUnblock() {
        boolean pending = aheadNext < aheadCount || aheadError != null || (input != null && input.isReadable());
        if (!pending || session.closing() || session.killed() || held != null) {
            return;
        }
        process();
        flush();
    }

    // ---- CLIENT PAUSE -----------------------------------------------------------------------------

    private void hold(byte[][] argv) {
        held = argv;
        session.postponed(true);
        server.diagnostics().pause().await(this);
        ctx.channel().config().setAutoRead(false);
    }

    /** The pause ended: run the held command, then whatever input arrived behind it. */
    @Override
    public void resume() {
        byte[][] argv = held;
        held = null;
        session.postponed(false);
        if (argv == null || session.killed() || !ctx.channel().isActive()) {
            return;
        }
        if (output == null) {
            output = ctx.alloc().ioBuffer(256);
            writer.target(output);
        }
        if (onRequest(argv) && held == null) {
            process();
        }
        flush();
        if (held == null && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush();
        ctx.fireChannelReadComplete();
    }

    private void flush() {
        // the batch's writes reach the AOF (and the disk, with always) before its replies
        boolean durable = server.aof().flush();
        ByteBuf out = output;
        output = null;
        writer.target(null);
        if (!durable) { // a fatal write error: nothing that was not written may be acknowledged
            if (out != null) {
                out.release();
            }
            releaseInput();
            if (session != null) {
                session.kill();
            } else {
                ctx.close();
            }
            return;
        }
        if (out == null || !out.isReadable()) {
            if (out != null) {
                out.release();
            }
            if (session != null && session.closing() && !session.killed()) {
                // replies of earlier batches may still be queued: close behind them, not over them
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                releaseInput();
            }
            return;
        }
        server.stats().netOutputBytes += out.readableBytes();
        if (session != null && session.closing()) {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            releaseInput();
            return;
        }
        ctx.writeAndFlush(out, ctx.voidPromise());
        if (session != null && session.enforceOutputLimit()) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // TCP's end of stream, or TLS's close_notify (a TLS client may end its side with that alone)
        if (evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent) {
            inputShutDown();
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The client will send nothing more: it shut down its sending side ({@code shutdownOutput()},
     * {@code nc -N}) or closed the connection. Every request it sent has run by now (a read's requests
     * all run before the next event), so, as Redis does on reading the end of the stream, the
     * connection closes once their replies are out; a half-read request can never complete and is
     * dropped. A client still blocked (BLPOP) or held by CLIENT PAUSE is closed at once, as Redis frees
     * it. The endpoint allows half-closed channels ({@code ALLOW_HALF_CLOSURE}) only so that these
     * replies get out: without it Netty would close the socket as soon as it reads the end.
     */
    private void inputShutDown() {
        releaseInput();
        parser.reset();
        if (session == null || session.killed()) {
            ctx.close();
            return;
        }
        if (held != null || session.blocked()) {
            session.kill();
            return;
        }
        session.closeAfterReply();
        flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && held == null) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseInput();
        // nothing a closed client announced or half sent stays reachable, whoever still holds this handler
        parser.reset();
        Arrays.fill(ahead, null);
        aheadCount = 0;
        aheadNext = 0;
        held = null;
        if (output != null) {
            output.release();
            output = null;
            writer.target(null);
        }
        if (session != null) {
            session.resetTransaction();
            server.pubsub().forget(session);
            server.tracking().forget(session);
            server.blockedClients().forget(session);
            server.replication().closed(session);
            server.clients().remove(session);
            server.diagnostics().monitors().remove(session);
            server.diagnostics().pause().forget(this);
            server.audit().connectionClosed(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Connection {} closed: {}", session == null ? "?" : session.address(), cause.getMessage());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", session == null ? "?" : session.address(), cause);
        }
        ctx.close();
    }

    private void releaseInput() {
        if (input != null) {
            input.release();
            input = null;
        }
    }
}
