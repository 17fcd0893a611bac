package io.redoubt.dataplane;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsServerContext;

/**
 * The pipeline of a TLS connection: TLS, then the guard that checks the handshake's outcome, then the
 * same {@link Connection} the plain port uses. The context is read per connection from the reloadable
 * reference, which is what lets certificates change while the listener runs.
 *
 * <p>The channel lives on one of the endpoint's TLS I/O loops, which run the TLS handler (the
 * handshake, decryption and encryption: most of a TLS connection's CPU), while the guard and the
 * connection are bound to the shard's executor, so commands still run only on the shard's thread.
 * Netty then hands each decrypted read (and its read-complete event) to the shard's thread and each
 * flushed reply batch back to the I/O loop.
 */
final class TlsChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ReloadableTlsContext tls;
    private final ServerContext server;
    private final Dispatcher dispatcher;
    private final EventExecutor shardThread;

    TlsChannelInitializer(ReloadableTlsContext tls, ServerContext server, Dispatcher dispatcher,
                          EventExecutor shardThread) {
        this.tls = tls;
        this.server = server;
        this.dispatcher = dispatcher;
        this.shardThread = shardThread;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        TlsServerContext context = tls.current();
        ch.pipeline().addLast("tls", context.newHandler(ch.alloc()));
        ch.pipeline().addLast(shardThread, "tls-guard", new TlsHandshakeGuard(context, server.audit()));
        ch.pipeline().addLast(shardThread, "redis", new Connection(server, dispatcher));
    }
}
