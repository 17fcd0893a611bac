package io.redoubt.dataplane;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of a shard reached in-process by its database's router (a Netty local channel on the
 * shard's own thread). The first message must be the router's hello object for this database's link
 * ({@link RouterLink#localHello}); the connection then starts as the client the hello names (its
 * address, not the router's, for the AUTH throttle, CLIENT LIST, protected mode, ACL LOG and audit).
 * Afterwards request bytes pass straight on, and
 * the router's {@link RouterLink#INPUT_ENDED} marker becomes the end of input a half-closed socket
 * would give, so the connection answers what came before it and closes (a blocked client at once).
 */
final class LocalLinkGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLinkGate.class);

    private final RouterLink link;
    private boolean started;

    LocalLinkGate(RouterLink link) {
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // the connection starts only once the hello is in: see channelRead
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (started) {
            if (msg == RouterLink.INPUT_ENDED) {
                ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        if (!(msg instanceof RouterLink.LocalHello hello) || hello.link() != link) {
            ReferenceCountUtil.release(msg);
            LOG.warn("Closing an in-process link to a shard that did not open with its router's hello");
            ctx.close();
            return;
        }
        started = true;
        ctx.channel().attr(RouterLink.CLIENT).set(hello.client());
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (started) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (started) {
            ctx.fireChannelInactive(); // the connection never heard of a link that did not start
        }
    }
}
