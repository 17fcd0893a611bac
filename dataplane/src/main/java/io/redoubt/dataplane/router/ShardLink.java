package io.redoubt.dataplane.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The client side of one internal link from a client's routed connection to one shard. It cuts the
 * shard's byte stream into whole replies and hands each, in order, to its connection. It runs on the
 * connection's thread, while the link itself lives on the shard's.
 */
final class ShardLink extends ChannelInboundHandlerAdapter {
    /** Receives the link's replies and its end. */
    interface Owner {
        void onFrame(int shard, ByteBuf frame);

        void onLinkActive(int shard);

        void onLinkClosed(int shard);
    }

    private final int shard;
    private final Owner owner;
    private ByteBuf input;

    ShardLink(int shard, Owner owner) {
        this.shard = shard;
        this.owner = owner;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        owner.onLinkActive(shard);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (input == null) {
            input = in;
        } else {
            if (input.writableBytes() < in.readableBytes()) {
                ByteBuf bigger = ctx.alloc().buffer(input.readableBytes() + in.readableBytes());
                bigger.writeBytes(input);
                input.release();
                input = bigger;
            }
            input.writeBytes(in);
            in.release();
        }
        while (input != null && input.isReadable()) {
            int length = ReplyFramer.frameLength(input, input.readerIndex());
            if (length < 0) {
                break;
            }
            ByteBuf frame = input.retainedSlice(input.readerIndex(), length); // no copy: shares the batch's buffer
            input.skipBytes(length);
            owner.onFrame(shard, frame);
        }
        if (input != null && !input.isReadable()) {
            input.release();
            input = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (input != null) {
            input.release();
            input = null;
        }
        owner.onLinkClosed(shard);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
