package io.redoubt.dataplane;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsServerContext;

/**
 * The pipeline of a TLS connection: TLS, then the guard that checks the handshake's outcome, then the
 * same {@link Connection} the plain port uses. The context is read per connection from the reloadable
 * reference, which is what lets certificates change while the listener runs.
 */
final class TlsChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ReloadableTlsContext tls;
    private final ServerContext server;
    private final Dispatcher dispatcher;

    TlsChannelInitializer(ReloadableTlsContext tls, ServerContext server, Dispatcher dispatcher) {
        this.tls = tls;
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        TlsServerContext context = tls.current();
        ch.pipeline().addLast("tls", context.newHandler(ch.alloc()));
        ch.pipeline().addLast("tls-guard", new TlsHandshakeGuard(context, server.audit()));
        ch.pipeline().addLast("redis", new Connection(server, dispatcher));
    }
}
