package io.redoubt.dataplane;

import io.redoubt.security.ReloadableTlsContext;
import java.net.InetSocketAddress;

/**
 * A database endpoint that can listen for TLS clients: a one-shard database's {@link Endpoint} or a
 * routed database's router. The node's TLS listener moves it between ports.
 */
public interface TlsEndpoint {
    /**
     * Listens for TLS connections on {@code host:port} (0: a free port); each new connection takes the
     * context current at that moment, so a reload applies to new connections only.
     */
    InetSocketAddress listenTls(String host, int port, ReloadableTlsContext tls) throws InterruptedException;

    /** Stops listening on {@code port}; connections already open stay. */
    void stopListening(int port);
}
