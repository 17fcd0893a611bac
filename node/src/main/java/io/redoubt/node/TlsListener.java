package io.redoubt.node;

import io.redoubt.dataplane.TlsEndpoint;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.security.FirstStartCertificates;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listener of a node: makes first-start certificates when none is configured (and says where
 * the CA is), builds the reloadable context, listens on tls-port on every bind address, and watches
 * the files. CONFIG SET tls-port moves it: the new port is bound before the old one is closed, so a
 * port that cannot be bound leaves TLS where it was; connections already open stay.
 */
final class TlsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

    private final ServerConfig config;
    private final java.nio.file.Path certificateDir;
    private final ServerContext context;
    private final TlsEndpoint endpoint;
    private final InstantSource clock;
    private ReloadableTlsContext tls;
    private int port;

    /**
     * @param config         the parameters CONFIG GET and SET see (a database of several shards: its
     *                       first shard's, which the router sends them to)
     * @param certificateDir the database's data folder, where first-start certificates are kept
     */
    TlsListener(ServerConfig config, java.nio.file.Path certificateDir, ServerContext context, TlsEndpoint endpoint,
                InstantSource clock) {
        this.config = config;
        this.certificateDir = certificateDir;
        this.context = context;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The port TLS listens on, 0 when it does not. */
    synchronized int port() {
        return port;
    }

    /**
     * Listens on {@code newPort} (0 picks a free one at start) and stops listening on the old port;
     * {@code off} closes the listener.
     */
    synchronized void listen(int newPort, boolean off) throws TlsConfigException, ConfigException {
        int old = port;
        if (off) {
            if (old != 0) {
                endpoint.stopListening(old);
                port = 0;
                LOG.info("TLS listener on port {} closed", old);
            }
            return;
        }
        if (newPort != 0 && newPort == old) {
            return;
        }
        if (tls == null) {
            TlsParameters params = config.tls();
            if (!params.hasCertificate()) {
                firstStart();
            }
            tls = ReloadableTlsContext.start(params.settings(), name -> context.userEnabled().test(name), clock);
            tls.onOutcome(outcome -> context.audit().certificateReloaded("tls " + outcome.trigger(),
                    outcome.applied(), outcome.applied()
                            ? "serial " + outcome.context().certificates().get(0).serial() : outcome.reason()));
            params.bind(tls);
            context.tls(tls);
            tls.watch(params.watchInterval());
        }
        int bound = bindAll(newPort);
        if (old != 0) {
            endpoint.stopListening(old);
        }
        port = bound;
    }

    private int bindAll(int wanted) {
        int p = wanted;
        List<Integer> done = new ArrayList<>();
        try {
            for (String host : config.bindAddresses()) {
                boolean optional = host.startsWith("-");
                String h = optional ? host.substring(1) : host;
                try {
                    InetSocketAddress bound = endpoint.listenTls(h, p, tls);
                    p = bound.getPort();
                    done.add(p);
                    LOG.info("TLS on {}:{} ({}, client certificates: {})", bound.getAddress().getHostAddress(),
                            bound.getPort(), String.join(" ", tls.current().settings().protocols()),
                            tls.current().settings().authClients().word());
                } catch (Exception e) {
                    if (!optional) {
                        throw new IllegalStateException("Could not listen for TLS on " + h + ":" + p + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!done.isEmpty()) {
                endpoint.stopListening(done.get(0));
            }
            throw e;
        }
        return p;
    }

    /** Makes (or reuses) the node's own CA and server certificate and points the tls-* parameters at them. */
    private void firstStart() throws TlsConfigException, ConfigException {
        FirstStartCertificates made = FirstStartCertificates.ensure(certificateDir, hostName(), clock.instant());
        ConfigRegistry r = config.registry();
        r.set("tls-cert-file", List.of(made.serverCert().toString()));
        r.set("tls-key-file", List.of(made.serverKey().toString()));
        if (r.get("tls-ca-cert-file").isEmpty() && r.get("tls-ca-cert-dir").isEmpty()) {
            r.set("tls-ca-cert-file", List.of(made.caCert().toString()));
        }
        String line = (made.created() ? "Generated" : "Using") + " this node's TLS certificates in "
                + made.caCert().getParent() + "; clients trust the CA with: redis-cli --tls --cacert "
                + made.caCert() + (made.created() && Files.exists(made.caKey())
                        ? " (the CA's private key is kept apart in " + made.caKey() + ")" : "");
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

    @Override
    public synchronized void close() {
        if (tls != null) {
            tls.close();
        }
    }
}
