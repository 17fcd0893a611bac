package io.redoubt.node;

import io.redoubt.dataplane.Endpoint;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.security.FirstStartCertificates;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the TLS listener of a node: makes first-start certificates when none is configured (and says
 * where the CA is), builds the reloadable context, listens on tls-port on every bind address, and
 * starts watching the files.
 */
final class TlsListener {
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

    private TlsListener() {
    }

    /** The started context and the port it listens on. */
    record Started(ReloadableTlsContext context, int port) {
    }

    /** @param port the TLS port to listen on (0 picks a free one) */
    static Started start(ServerConfig config, ServerContext context, Endpoint endpoint, int port, InstantSource clock)
            throws TlsConfigException, ConfigException, InterruptedException {
        TlsParameters params = config.tls();
        if (!params.hasCertificate()) {
            firstStart(config, clock);
        }
        ReloadableTlsContext tls = ReloadableTlsContext.start(params.settings(),
                name -> context.userEnabled().test(name), clock);
        try {
            for (String host : config.bindAddresses()) {
                boolean optional = host.startsWith("-");
                String h = optional ? host.substring(1) : host;
                try {
                    InetSocketAddress bound = endpoint.listenTls(h, port, tls);
                    if (port == 0) {
                        port = bound.getPort();
                    }
                    LOG.info("TLS on {}:{} ({}, client certificates: {})", bound.getAddress().getHostAddress(),
                            bound.getPort(), String.join(" ", tls.current().settings().protocols()),
                            tls.current().settings().authClients().word());
                } catch (Exception e) {
                    if (!optional) {
                        throw new IllegalStateException("Could not listen for TLS on " + h + ":" + port + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        } catch (RuntimeException e) {
            tls.close();
            throw e;
        }
        params.bind(tls);
        context.tls(tls);
        tls.watch(params.watchInterval());
        return new Started(tls, port);
    }

    /** Makes (or reuses) the node's own CA and server certificate and points the tls-* parameters at them. */
    private static void firstStart(ServerConfig config, InstantSource clock) throws TlsConfigException, ConfigException {
        FirstStartCertificates made = FirstStartCertificates.ensure(config.dataDir(), hostName(), clock.instant());
        ConfigRegistry r = config.registry();
        r.set("tls-cert-file", List.of(made.serverCert().toString()));
        r.set("tls-key-file", List.of(made.serverKey().toString()));
        if (r.get("tls-ca-cert-file").isEmpty() && r.get("tls-ca-cert-dir").isEmpty()) {
            r.set("tls-ca-cert-file", List.of(made.caCert().toString()));
        }
        String line = (made.created() ? "Generated" : "Using") + " this node's TLS certificates in "
                + made.caCert().getParent() + "; clients trust the CA with: redis-cli --tls --cacert "
                + made.caCert();
        LOG.info(line);
        System.out.println(line);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
