package io.redoubt.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of a shard of a multi-shard database: before the connection exists for the server (no
 * session, no protected-mode check, no audit event), its first bytes must be the router's hello
 * ({@link RouterLink#hello}) with the database's secret. Then the channel is marked with the client
 * the router serves on it, and the connection starts as that client's. Anything else (a wrong or
 * missing secret, a malformed or oversized hello, silence) closes the connection: the shard trusts
 * no address it has not had from its router.
 */
final class RoutedLinkGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedLinkGate.class);
    /** A hello is under 200 bytes; more without one is not the router. */
    private static final int MAX_HELLO_BYTES = 512;
    private static final int MAX_ARGUMENT_BYTES = 64;
    private static final long HELLO_TIMEOUT_SECONDS = 10;

    /** Not the router's hello. */
    private static final class NotAHello extends Exception {
        NotAHello(String reason) {
            super(reason, null, false, false);
        }
    }

    private final RouterLink link;
    private ByteBuf input;
    private ScheduledFuture<?> timeout;
    private boolean done;

    RoutedLinkGate(RouterLink link) {
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // the connection starts only once the hello is in: see channelRead
        timeout = ctx.executor().schedule(() -> refuse(ctx, "no hello within " + HELLO_TIMEOUT_SECONDS + " s"),
                HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (done) {
            in.release();
            return;
        }
        if (input == null) {
            input = ctx.alloc().buffer(Math.min(in.readableBytes(), MAX_HELLO_BYTES));
        }
        int take = Math.min(in.readableBytes(), MAX_HELLO_BYTES - input.readableBytes());
        input.writeBytes(in, take);
        byte[][] hello;
        try {
            hello = read(input);
            if (hello == null && input.readableBytes() >= MAX_HELLO_BYTES) {
                throw new NotAHello("too long");
            }
        } catch (NotAHello e) {
            in.release();
            refuse(ctx, e.getMessage());
            return;
        }
        if (hello == null) {
            in.release();
            return; // the rest of the hello is on its way
        }
        RouterLink.RoutedClient client;
        try {
            client = accept(hello);
        } catch (NotAHello e) {
            in.release();
            refuse(ctx, e.getMessage());
            return;
        }
        done = true;
        timeout.cancel(false);
        ctx.channel().attr(RouterLink.CLIENT).set(client);
        // what followed the hello in the same read belongs to the connection
        ByteBuf rest = ctx.alloc().buffer(input.readableBytes() + in.readableBytes());
        rest.writeBytes(input).writeBytes(in);
        in.release();
        input.release();
        input = null;
        ctx.fireChannelActive();
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        } else {
            rest.release();
        }
        ctx.pipeline().remove(this); // from here on the link's bytes go straight to the connection
    }

    private RouterLink.RoutedClient accept(byte[][] hello) throws NotAHello {
        if (!java.security.MessageDigest.isEqual(hello[0], RouterLink.NAME) || !link.matches(hello[1])) {
            throw new NotAHello("not the router's hello");
        }
        return new RouterLink.RoutedClient(address(hello[2], hello[3]), address(hello[4], hello[5]));
    }

    private static InetSocketAddress address(byte[] ip, byte[] port) throws NotAHello {
        if (ip.length != 4 && ip.length != 16) {
            throw new NotAHello("bad address");
        }
        int p;
        try {
            p = Integer.parseInt(new String(port, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new NotAHello("bad port");
        }
        if (p < 0 || p > 65535) {
            throw new NotAHello("bad port");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), p); // raw bytes: no name lookup
        } catch (UnknownHostException e) {
            throw new NotAHello("bad address");
        }
    }

    /** The hello's six arguments, or null when more bytes are needed. */
    private static byte[][] read(ByteBuf in) throws NotAHello {
        int[] pos = {in.readerIndex()};
        long count = header(in, pos, '*');
        if (count < 0) {
            return null;
        }
        if (count != 6) {
            throw new NotAHello("not the router's hello");
        }
        byte[][] argv = new byte[6][];
        for (int i = 0; i < 6; i++) {
            long length = header(in, pos, '$');
            if (length < 0) {
                return null;
            }
            if (length > MAX_ARGUMENT_BYTES) {
                throw new NotAHello("argument too long");
            }
            if (in.writerIndex() - pos[0] < length + 2) {
                return null;
            }
            argv[i] = new byte[(int) length];
            in.getBytes(pos[0], argv[i]);
            pos[0] += (int) length;
            if (in.getByte(pos[0]) != '\r' || in.getByte(pos[0] + 1) != '\n') {
                throw new NotAHello("malformed");
            }
            pos[0] += 2;
        }
        in.readerIndex(pos[0]);
        return argv;
    }

    /** A {@code <type><digits>\r\n} line at {@code pos[0]}: its number, or -1 when incomplete. */
    private static long header(ByteBuf in, int[] pos, char type) throws NotAHello {
        int p = pos[0];
        if (p >= in.writerIndex()) {
            return -1;
        }
        if (in.getByte(p) != type) {
            throw new NotAHello("not the router's hello");
        }
        long value = 0;
        for (p++; p < in.writerIndex(); p++) {
            byte b = in.getByte(p);
            if (b == '\r') {
                if (p + 1 >= in.writerIndex()) {
                    return -1;
                }
                if (in.getByte(p + 1) != '\n' || p == pos[0] + 1) {
                    throw new NotAHello("malformed");
                }
                pos[0] = p + 2;
                return value;
            }
            if (b < '0' || b > '9' || value > MAX_HELLO_BYTES) {
                throw new NotAHello("malformed");
            }
            value = value * 10 + (b - '0');
        }
        return -1;
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (done) {
            return;
        }
        done = true;
        LOG.warn("Closing connection from {} on a shard's port: {} (only the database's router may connect here)",
                ctx.channel().remoteAddress(), reason);
        release();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        release(); // the connection never started: nothing after this handler hears of it
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refuse(ctx, cause.toString());
    }

    private void release() {
        if (input != null) {
            input.release();
            input = null;
        }
    }
}
