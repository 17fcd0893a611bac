package io.redoubt.dataplane;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.redoubt.security.TlsServerContext;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits behind the TLS handler until the handshake ends. On success it refuses a connection whose
 * negotiated suite the provider could not keep out ({@link TlsServerContext#refusal}), then hands the
 * ACL user the client certificate names (when the policy maps one) to the connection behind it
 * ({@link CertificateUser}) and leaves the pipeline, so established connections pay nothing for it.
 * Behind a router, it also holds the connection's start until the handshake is done, so the router
 * opens its shard links knowing the certificate's user. On failure (bad certificate, old protocol, cipher
 * outside the policy, a plain client, a stalled handshake) it logs one line naming the peer and closes
 * only that connection. Nothing the client sends reaches the dispatcher before the handshake is done.
 */
public final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeGuard.class);

    /** Takes the user a client certificate names; false refuses the connection (the user is not enabled). */
    @FunctionalInterface
    public interface CertificateUser {
        boolean accept(ChannelHandlerContext ctx, String user);
    }

    private final TlsServerContext context;
    private final AuditEvents audit;
    private final CertificateUser certificateUser;
    private final boolean holdsStart;
    private boolean failed;

    /** For a one-shard endpoint: the session behind authenticates as the certificate's user. */
    TlsHandshakeGuard(TlsServerContext context, AuditEvents audit) {
        this(context, audit, TlsHandshakeGuard::authenticateSession, false);
    }

    /**
     * @param holdsStart whether the connection behind hears that the channel is active only once the
     *                   handshake has succeeded (a router: it opens its links then)
     */
    public TlsHandshakeGuard(TlsServerContext context, AuditEvents audit, CertificateUser certificateUser,
                             boolean holdsStart) {
        this.context = context;
        this.audit = audit;
        this.certificateUser = certificateUser;
        this.holdsStart = holdsStart;
    }

    private static boolean authenticateSession(ChannelHandlerContext ctx, String user) {
        Connection connection = ctx.pipeline().get(Connection.class);
        return connection == null || connection.session() == null || connection.session().authenticate(user);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!holdsStart) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                succeeded(ctx);
            } else {
                fail(ctx, done.cause());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void succeeded(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        String refused = context.refusal(ssl.engine().getSession());
        if (refused != null) {
            fail(ctx, new SSLException(refused));
            return;
        }
        String user = null;
        try {
            Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate leaf) {
                user = context.policy().user(leaf);
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate (tls-auth-clients optional or no): AUTH decides
        }
        if (user != null && !certificateUser.accept(ctx, user)) {
            // the user was deleted or disabled since the handshake checked it
            fail(ctx, new SSLException("client certificate names user '" + user + "', who is not enabled"));
            return;
        }
        ctx.pipeline().remove(this);
        if (holdsStart) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the handshake failure event reports TLS errors; other errors before it are reported here
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            handshakeFailed(audit, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /**
     * The one place a failed handshake is reported: a log line naming the peer and the reason, and a
     * security event.
     */
    public static void handshakeFailed(AuditEvents audit, SocketAddress peer, Throwable cause) {
        String reason = reason(cause);
        LOG.warn("TLS handshake with {} failed: {}", peer, reason);
        audit.tlsHandshakeFailed(String.valueOf(peer), reason);
    }

    static String reason(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof NotSslRecordException) {
            return "the client did not speak TLS (a plain client on the TLS port?)";
        }
        if (c instanceof SslHandshakeTimeoutException) {
            return "the handshake did not finish in time (tls-handshake-timeout-ms)";
        }
        StringBuilder why = new StringBuilder(String.valueOf(c.getMessage()));
        for (Throwable t = c.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !why.toString().contains(t.getMessage())) {
                why.append(": ").append(t.getMessage());
            }
        }
        return c instanceof SSLException ? why.toString() : c.getClass().getSimpleName() + ": " + why;
    }
}
