package io.redoubt.dataplane.router;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.concurrent.EventExecutor;
import io.redoubt.dataplane.RouterLink;
import io.redoubt.resp.RequestParser;
import io.redoubt.resp.RespLimits;
import io.redoubt.resp.RespProtocolException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of a multi-shard database. Requests are parsed here, planned by {@link RoutePlanner} and
 * forwarded over one in-process link per shard (opened with the connection: a local channel on the
 * shard's thread whose handler here runs on this connection's thread, so a request batch crosses
 * between threads once each way and no socket is involved); replies go back in request order. A pipeline keeps
 * streaming while its requests go to the one shard already working; a request for another shard
 * waits until every earlier reply is in, so a client's commands take effect in the order it sent
 * them, on every shard, as on one Redis.
 *
 * <p>Each link opens with the router's hello ({@link RouterLink#localHello}), which tells the shard the
 * client's real address. Requests are parsed with the limits a one-shard endpoint would apply to
 * this client: Redis's stricter ones while authentication is required. The router learns where the
 * client stands from the shards ({@link RouterLink#authStateQuery}), asked when a request arrives
 * and every earlier reply is in: before each request while the client has not authenticated (one
 * request at a time then, as a one-shard endpoint parses such a client's requests, since another
 * client may change the default user meanwhile), and once authenticated, again only after RESET
 * (which takes authentication away). Until every link has answered, and whenever one says
 * authentication is required, the stricter limits apply.
 */
final class RoutedConnection extends ChannelInboundHandlerAdapter implements RequestParser.Sink, ShardLink.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedConnection.class);
    private static final byte[] CRLF = {'\r', '\n'};
    /** Unparsed input kept while requests wait (for replies, or the shards' answer) before reading stops. */
    private static final int MAX_WAITING_INPUT = 64 * 1024;

    /** A request sent to shards whose replies are not all in yet. */
    private static final class Pending {
        final Plan plan;
        final List<List<ByteBuf>> replies = new ArrayList<>();
        int missing;
        ByteBuf ready;        // a reply the router made itself
        boolean closeAfter;   // QUIT

        Pending(Plan plan) {
            this.plan = plan;
            for (int i = 0; i < plan.shards().length; i++) {
                replies.add(new ArrayList<>());
            }
            this.missing = plan.shards().length * plan.framesPerShard();
        }
    }

    private final List<LocalShard> shards;
    private final RouterLink link;
    private final Function<SocketAddress, String> admission;
    private final RoutePlanner planner;
    private final RequestParser parser;
    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    private final List<ArrayDeque<Pending>> awaiting = new ArrayList<>();
    private Channel[] links;
    private ByteBuf[] unsent;       // each link's requests of this batch, written to it in one hand-off
    private int linksUp;
    private ChannelHandlerContext ctx;
    private ByteBuf input;
    private byte[][] held;     // a request waiting for earlier replies from other shards
    private boolean closed;
    private boolean inputEnded;     // the client shut its sending side: reply to what it sent, then close
    private boolean linksShut;      // ... and the links' sending sides are shut behind its last request
    private int linksClosed;
    private boolean stoppedEarly;   // the last parse stopped before the end of the complete requests
    private boolean[] askedState;   // the link owes the answer to the router's question
    private int statesMissing;
    private long worstState = RouterLink.AUTHENTICATED;
    private boolean stateFresh;     // the answers came after the request about to be parsed
    private boolean authenticated;  // on every link, until the client sends RESET
    private String certificateUser; // the ACL user the TLS client certificate names, told to each shard

    /**
     * @param admission the refusal to send a client at this address before anything else (protected
     *                  mode), or null to admit it
     */
    RoutedConnection(List<LocalShard> shards, RouterLink link, Function<SocketAddress, String> admission,
                     RoutePlanner planner, RespLimits limits) {
        this.shards = shards;
        this.link = link;
        this.admission = admission;
        this.planner = planner;
        this.parser = new RequestParser(limits);
        parser.authenticated(false); // until the shards say otherwise
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        String refusal = admission.apply(ctx.channel().remoteAddress());
        if (refusal != null) {
            closed = true;
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(refusal.getBytes(StandardCharsets.US_ASCII)))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress)
                || !(ctx.channel().localAddress() instanceof InetSocketAddress)) {
            closed = true; // no address to tell the shards: not served
            ctx.close();
            return;
        }
        links = new Channel[shards.size()];
        unsent = new ByteBuf[shards.size()];
        askedState = new boolean[shards.size()];
        EventExecutor clientThread = ctx.executor();
        for (int i = 0; i < shards.size(); i++) {
            awaiting.add(new ArrayDeque<>());
            int shard = i;
            links[i] = new Bootstrap().group(shards.get(i).thread()).channel(LocalChannel.class)
                    .handler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            // the link lives on the shard's thread; what it receives is handled on ours
                            ch.pipeline().addLast(clientThread, "shard-link", new ShardLink(shard, RoutedConnection.this));
                        }
                    })
                    .connect(shards.get(i).address())
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            LOG.warn("Closing client {}: shard {} is unreachable: {}", ctx.channel().remoteAddress(),
                                    shard, f.cause().getMessage());
                            ctx.close();
                        }
                    }).channel();
        }
        ctx.fireChannelActive();
    }

    /** The TLS handshake (before the links open) mapped the client's certificate to {@code user}. */
    void certificateUser(String user) {
        this.certificateUser = user;
    }

    @Override
    public void onLinkActive(int shard) {
        Channel l = links[shard];
        l.writeAndFlush(link.localHello((InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(), certificateUser), l.voidPromise());
        if (++linksUp == links.length && ready()) {
            process();
        }
    }

    /** Sends the router's question on a link that owes no reply; processing waits for the answers. */
    private void askState(int shard) {
        Channel l = links[shard];
        askedState[shard] = true;
        statesMissing++;
        l.writeAndFlush(Unpooled.wrappedBuffer(link.authStateQuery()), l.voidPromise());
    }

    private void askEveryLink() {
        worstState = RouterLink.AUTHENTICATED;
        for (int s = 0; s < links.length; s++) {
            askState(s);
        }
    }

    /** A link answered the router's question: once all have, the next request is parsed accordingly. */
    private void onState(int shard, ByteBuf frame) {
        askedState[shard] = false;
        long state = RouterLink.AUTH_REQUIRED; // anything but a number in range: fail closed
        if (frame.getByte(frame.readerIndex()) == ':') {
            int end = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) '\r');
            long n = end < 0 ? -1 : ReplyFramer.parseLong(frame, frame.readerIndex() + 1, end);
            if (n >= RouterLink.AUTH_REQUIRED && n <= RouterLink.AUTHENTICATED) {
                state = n;
            }
        }
        frame.release();
        worstState = Math.min(worstState, state);
        if (--statesMissing == 0) {
            parser.authenticated(worstState != RouterLink.AUTH_REQUIRED);
            authenticated = worstState == RouterLink.AUTHENTICATED;
            stateFresh = true;
            if (ready()) {
                process();
            }
        }
    }

    /**
     * Whether requests may be parsed now: every link is up and owes no answer, no request is held,
     * and a client that has not authenticated has every earlier reply.
     */
    private boolean ready() {
        return links != null && linksUp == links.length && statesMissing == 0 && held == null && (authenticated || inOrder.isEmpty());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (closed) {
            in.release();
            return;
        }
        if (input == null) {
            input = in;
        } else {
            ByteBuf joined = ctx.alloc().buffer(input.readableBytes() + in.readableBytes());
            joined.writeBytes(input).writeBytes(in);
            input.release();
            in.release();
            input = joined;
        }
        if (ready()) {
            process();
        } else if (input.readableBytes() > MAX_WAITING_INPUT) {
            ctx.channel().config().setAutoRead(false); // resumed by process(): input waits in the socket
        }
    }

    private void process() {
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (!authenticated && !stateFresh) {
            if (input != null && input.isReadable()) {
                askEveryLink(); // process() again once every link has answered
            } else {
                endInputIfForwarded();
            }
            return;
        }
        boolean forwarded = true;
        if (input != null) {
            stoppedEarly = false;
            try {
                parser.parse(input, this);
            } catch (RespProtocolException e) {
                Pending p = new Pending(Plan.error(e.getMessage()));
                p.ready = ReplyMerger.error(ctx.alloc(), "ERR " + e.getMessage());
                p.closeAfter = true;
                inOrder.add(p);
                releaseInput();
            }
            forwarded = !stoppedEarly;
            if (input != null && !input.isReadable()) {
                releaseInput();
            }
        }
        flushLinks();
        drain();
        if (forwarded) {
            endInputIfForwarded();
        }
    }

    @Override
    public boolean onRequest(byte[][] argv) {
        if (argv.length == 1 && isQuit(argv[0])) {
            Pending p = new Pending(Plan.error("quit"));
            p.ready = ctx.alloc().buffer().writeBytes("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
            p.closeAfter = true;
            inOrder.add(p);
            stoppedEarly = true;
            return false;
        }
        boolean more = send(argv);
        stoppedEarly = !more;
        return more;
    }

    /** Whether {@code word} is QUIT in any case, without making a string of every request's name. */
    private static boolean isQuit(byte[] word) {
        return word.length == 4 && (word[0] | 0x20) == 'q' && (word[1] | 0x20) == 'u' && (word[2] | 0x20) == 'i'
                && (word[3] | 0x20) == 't';
    }

    /** Sends one request, or holds it when it must wait for other shards' replies; false stops parsing. */
    private boolean send(byte[][] argv) {
        Plan plan = mustWait(argv) ? null : planner.plan(argv);
        if (plan == null) {
            held = argv;
            return false;
        }
        Pending p = new Pending(plan);
        if (plan.error() != null) {
            p.ready = ReplyMerger.error(ctx.alloc(), plan.error());
        }
        inOrder.add(p);
        for (int i = 0; i < plan.shards().length; i++) {
            int shard = plan.shards()[i];
            write(shard, plan.argvs()[i]);
            for (int f = 0; f < plan.framesPerShard(); f++) {
                awaiting.get(shard).add(p);
            }
        }
        if (planner.resets(argv)) { // RESET makes the client the default user again (at once, even inside MULTI)
            authenticated = false;
        }
        if (!authenticated) {
            stateFresh = false; // the next request's limits depend on what this one did, and on others
            return false;
        }
        return true;
    }

    /**
     * Whether earlier replies must come in first: anything is outstanding, and this request is not
     * a plain one for the single shard already working. Planning is side-effect free for the check,
     * since only the shard set of a keyed single-shard request matters here.
     */
    private boolean mustWait(byte[][] argv) {
        int busy = -1;
        for (int s = 0; s < awaiting.size(); s++) {
            if (!awaiting.get(s).isEmpty()) {
                if (busy >= 0) {
                    return true;
                }
                busy = s;
            }
        }
        if (busy < 0) {
            return false;
        }
        int target = planner.singleShardOf(argv);
        return target != busy;
    }

    private void write(int shard, byte[][] argv) {
        ByteBuf out = unsent[shard];
        if (out == null) {
            out = unsent[shard] = ctx.alloc().buffer();
        }
        out.writeByte('*').writeBytes(Integer.toString(argv.length).getBytes(StandardCharsets.US_ASCII)).writeBytes(CRLF);
        for (byte[] a : argv) {
            out.writeByte('$').writeBytes(Integer.toString(a.length).getBytes(StandardCharsets.US_ASCII)).writeBytes(CRLF);
            out.writeBytes(a).writeBytes(CRLF);
        }
    }

    private void flushLinks() {
        for (int s = 0; s < links.length; s++) {
            ByteBuf out = unsent[s];
            if (out != null) {
                unsent[s] = null;
                links[s].writeAndFlush(out, links[s].voidPromise());
            }
        }
    }

    @Override
    public void onFrame(int shard, ByteBuf frame) {
        if (closed) {
            frame.release();
            return;
        }
        if (askedState[shard] && !PubSubFrames.unsolicited(frame, true)) {
            onState(shard, frame); // the link owed nothing else when it was asked
            return;
        }
        ArrayDeque<Pending> queue = awaiting.get(shard);
        if (PubSubFrames.unsolicited(frame, planner.subscribed() || queue.isEmpty())) {
            ctx.write(frame, ctx.voidPromise()); // a message for a subscriber: passed on as it comes
            ctx.flush();
            return;
        }
        Pending p = queue.poll();
        if (p == null) {
            frame.release(); // nothing asked for this (cannot happen with a well-behaved shard)
            return;
        }
        int[] planShards = p.plan.shards();
        for (int i = 0; i < planShards.length; i++) {
            if (planShards[i] == shard) {
                p.replies.get(i).add(frame);
                break;
            }
        }
        p.missing--;
        if (p == inOrder.peek() && p.missing == 0) {
            drain();
        }
    }

    /** Writes every reply that is complete at the head of the queue, then resumes a held request. */
    private void drain() {
        boolean wrote = false;
        Pending head;
        while ((head = inOrder.peek()) != null && (head.ready != null || head.missing == 0)) {
            inOrder.poll();
            ByteBuf reply = head.ready != null ? head.ready : ReplyMerger.merge(ctx.alloc(), head.plan, head.replies);
            ctx.write(reply, ctx.voidPromise());
            wrote = true;
            if (head.closeAfter) {
                closeBehindReplies();
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (held != null && inOrder.isEmpty()) {
            byte[][] request = held;
            held = null;
            if (send(request)) {
                process();
            } else {
                flushLinks();
            }
        }
        if (!authenticated && ready() && input != null && input.isReadable()) {
            process(); // the next request of a client that has not authenticated
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        for (Channel link : links) {
            link.config().setAutoRead(writable); // a client that stops reading stops its shards' replies
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // TCP's end of stream, or TLS's close_notify (a TLS client may end its side with that alone)
        if ((evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent) && !closed) {
            inputEnded = true;
            if (links != null && ready()) {
                process();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * Once the client's input has ended and every complete request it sent has gone to the shards,
     * each link gets the end-of-input marker behind them. Each shard then treats its link as a
     * half-closed client of its own: it answers everything it got and closes (a client blocked in
     * BLPOP at once, as Redis frees it), and this connection closes when every link has, after the
     * last reply.
     */
    private void endInputIfForwarded() {
        if (!inputEnded || linksShut || closed || links == null || linksUp < links.length || held != null) {
            return;
        }
        linksShut = true;
        releaseInput(); // a request cut short by the end of input can never complete
        flushLinks();
        for (Channel l : links) {
            l.writeAndFlush(RouterLink.INPUT_ENDED, l.voidPromise());
        }
    }

    @Override
    public void onLinkClosed(int shard) {
        if (linksShut && !closed) {
            if (++linksClosed == links.length) {
                drain(); // every reply a shard sent came before its close
                if (!closed) {
                    closeBehindReplies();
                }
            }
            return;
        }
        if (!closed) {
            LOG.warn("Closing client {}: the link to shard {} closed", ctx.channel().remoteAddress(), shard);
            ctx.close();
        }
    }

    /**
     * Closes the client once the replies written so far are out: a write may still be in flight
     * (io_uring writes asynchronously), and closing the channel under it would drop it.
     */
    private void closeBehindReplies() {
        closed = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        releaseInput();
        if (links != null) {
            for (int s = 0; s < links.length; s++) {
                if (unsent[s] != null) {
                    unsent[s].release();
                    unsent[s] = null;
                }
                links[s].close();
            }
        }
        for (Pending p : inOrder) {
            p.replies.forEach(frames -> frames.forEach(ByteBuf::release));
            if (p.ready != null) {
                p.ready.release();
            }
        }
        inOrder.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Client {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void releaseInput() {
        if (input != null) {
            input.release();
            input = null;
        }
    }
}
