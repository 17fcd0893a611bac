package io.redoubt.node;

import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.config.ConfigTypes;
import io.redoubt.security.CertificateUserSource;
import io.redoubt.security.CipherPolicy;
import io.redoubt.security.ClientAuthMode;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.Secret;
import io.redoubt.security.TlsConfigException;
import io.redoubt.security.TlsProtocols;
import io.redoubt.security.TlsProvider;
import io.redoubt.security.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tls-* parameters, with Redis's names and defaults, plus Redoubt's client-certificate and reload
 * parameters. Each value is checked when set (TLS 1.0/1.1 and unknown ciphers are refused there); once
 * the TLS listener runs, a CONFIG SET of any of them builds a complete new context, which replaces the
 * current one only if it loads, so a bad value leaves the old certificates in use.
 */
final class TlsParameters {
    private final ConfigRegistry registry;
    private final Path home;
    private volatile ReloadableTlsContext running;
    private volatile TlsListener listener;
    private final ConfigParameter.GroupApplier reload = this::reload;

    TlsParameters(ConfigRegistry registry, Path home) {
        this.registry = registry;
        this.home = home;
        define();
    }

    private void define() {
        reg(ConfigParameter.builder("tls-port").defaultValue("0").type(ConfigTypes.integer(0, 65535))
                .onChange(v -> {
                    TlsListener l = listener;
                    if (l != null) {
                        int p = Integer.parseInt(v);
                        try {
                            l.listen(p, p == 0);
                        } catch (TlsConfigException | RuntimeException e) {
                            throw new ConfigException(e.getMessage());
                        }
                    }
                }));
        tls(ConfigParameter.builder("tls-cert-file").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-key-file").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-key-file-pass").defaultValue("").type(ConfigTypes.string()).sensitive());
        tls(ConfigParameter.builder("tls-ca-cert-file").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-ca-cert-dir").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-crl-file").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-auth-clients").defaultValue("yes").type(ConfigTypes.oneOf("yes", "no", "optional")));
        tls(ConfigParameter.builder("tls-protocols").defaultValue("").type(checked(TlsProtocols::parse)));
        tls(ConfigParameter.builder("tls-ciphers").defaultValue("").type(checked(CipherPolicy::tls12)));
        tls(ConfigParameter.builder("tls-ciphersuites").defaultValue("").type(checked(CipherPolicy::tls13)));
        tls(ConfigParameter.builder("tls-prefer-server-ciphers").defaultValue("no").type(ConfigTypes.bool()));
        tls(ConfigParameter.builder("tls-session-caching").defaultValue("yes").type(ConfigTypes.bool()));
        tls(ConfigParameter.builder("tls-session-cache-size").defaultValue("20480")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        tls(ConfigParameter.builder("tls-session-cache-timeout").defaultValue("300")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        tls(ConfigParameter.builder("tls-auth-clients-names").defaultValue("").type(ConfigTypes.string()));
        tls(ConfigParameter.builder("tls-auth-clients-subject").defaultValue("").type(checked(TlsParameters::subject)));
        tls(ConfigParameter.builder("tls-auth-clients-user").defaultValue("off")
                .type(ConfigTypes.oneOf("off", "cn", "san-dns", "san-email", "san-uri")));
        tls(ConfigParameter.builder("tls-provider").defaultValue("jdk").type(ConfigTypes.oneOf("jdk", "openssl")));
        tls(ConfigParameter.builder("tls-handshake-timeout-ms").defaultValue("10000")
                .type(ConfigTypes.integer(1, Integer.MAX_VALUE)));
        reg(ConfigParameter.builder("tls-watch-interval-ms").defaultValue("5000")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> {
                    ReloadableTlsContext r = running;
                    if (r != null) {
                        r.watch(Duration.ofMillis(Long.parseLong(v)));
                    }
                }));
        // a replica's link to its master over TLS (replication reads it, with the CA and client files, at each connect)
        reg(ConfigParameter.builder("tls-replication").defaultValue("no").type(ConfigTypes.bool()));
        // Redis's parameters for links this build does not have yet (cluster bus).
        reg(ConfigParameter.builder("tls-cluster").defaultValue("no").type(noUntil("tls-cluster yes", "cluster links")));
        reg(ConfigParameter.builder("tls-client-cert-file").defaultValue("").type(ConfigTypes.string()));
        reg(ConfigParameter.builder("tls-client-key-file").defaultValue("").type(ConfigTypes.string()));
        reg(ConfigParameter.builder("tls-client-key-file-pass").defaultValue("").type(ConfigTypes.string()).sensitive());
        reg(ConfigParameter.builder("tls-dh-params-file").defaultValue("").type(v -> {
            String f = ConfigTypes.string().normalize(v);
            if (!f.isEmpty()) {
                throw new ConfigException("tls-dh-params-file is not supported: the JDK provider uses the "
                        + "RFC 7919 groups and ECDHE; leave it empty");
            }
            return f;
        }));
    }

    /** The port TLS listens on; 0 means no TLS listener. */
    int port() {
        return Integer.parseInt(registry.get("tls-port"));
    }

    Duration watchInterval() {
        return Duration.ofMillis(Long.parseLong(registry.get("tls-watch-interval-ms")));
    }

    /** Whether a certificate is configured (otherwise the node makes its own at first start). */
    boolean hasCertificate() {
        return !registry.get("tls-cert-file").isEmpty();
    }

    /** The current values as settings; relative file names are under the install folder. */
    TlsSettings settings() throws TlsConfigException {
        Set<String> names = new LinkedHashSet<>();
        for (String n : registry.get("tls-auth-clients-names").trim().split("[\\s,]+")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new TlsSettings(path("tls-cert-file"), path("tls-key-file"), Secret.of(registry.get("tls-key-file-pass")),
                path("tls-ca-cert-file"), path("tls-ca-cert-dir"), path("tls-crl-file"),
                ClientAuthMode.parse(registry.get("tls-auth-clients")),
                TlsProtocols.parse(registry.get("tls-protocols")), CipherPolicy.tls12(registry.get("tls-ciphers")),
                CipherPolicy.tls13(registry.get("tls-ciphersuites")), bool("tls-prefer-server-ciphers"),
                bool("tls-session-caching"), Long.parseLong(registry.get("tls-session-cache-size")),
                Long.parseLong(registry.get("tls-session-cache-timeout")), names,
                registry.get("tls-auth-clients-subject"), CertificateUserSource.parse(registry.get("tls-auth-clients-user")),
                Long.parseLong(registry.get("tls-handshake-timeout-ms")), TlsProvider.parse(registry.get("tls-provider")));
    }

    /**
     * With tls-replication yes, the TLS of a link to a master, made from the current values (so that
     * replaced certificate files apply to the next link): the CA to trust, and the client certificate
     * (tls-client-cert-file, else the server's own, as Redis); null for a plain link.
     */
    javax.net.ssl.SSLSocketFactory replicationSocketFactory() throws java.io.IOException {
        if (!registry.get("tls-replication").equals("yes")) {
            return null;
        }
        boolean ownClientCert = !registry.get("tls-client-cert-file").isEmpty();
        String cert = ownClientCert ? "tls-client-cert-file" : "tls-cert-file";
        String key = ownClientCert ? "tls-client-key-file" : "tls-key-file";
        String pass = ownClientCert ? "tls-client-key-file-pass" : "tls-key-file-pass";
        try {
            return io.redoubt.security.TlsClientContext.socketFactory(path("tls-ca-cert-file"), path("tls-ca-cert-dir"),
                    path(cert), path(key), Secret.of(registry.get(pass)));
        } catch (TlsConfigException e) {
            throw new java.io.IOException("tls-replication: " + e.getMessage(), e);
        }
    }

    /** From now on, CONFIG SET tls-port moves {@code l}. */
    void onPortChange(TlsListener l) {
        this.listener = l;
    }

    /** From now on, CONFIG SET of a tls-* parameter reloads {@code context}. */
    void bind(ReloadableTlsContext context) {
        this.running = context;
    }

    private void reload() throws ConfigException {
        ReloadableTlsContext r = running;
        if (r == null) {
            return;
        }
        try {
            r.reload(settings(), "CONFIG SET");
        } catch (TlsConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private Path path(String name) {
        String v = registry.get(name);
        return v.isEmpty() ? null : home.resolve(v).normalize();
    }

    private boolean bool(String name) {
        return registry.get(name).equals("yes");
    }

    private void tls(ConfigParameter.Builder b) {
        reg(b.onChangeTogether(reload));
    }

    private void reg(ConfigParameter.Builder b) {
        registry.register(b.build());
    }

    private interface Check {
        Object check(String value) throws TlsConfigException;
    }

    /** A string parameter whose value {@code check} must accept; its message becomes the error. */
    private static ConfigParameter.Normalizer checked(Check check) {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                String value = string.normalize(v);
                try {
                    check.check(value);
                } catch (TlsConfigException e) {
                    throw new ConfigException(e.getMessage());
                }
                return value;
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        };
    }

    private static Object subject(String dn) throws TlsConfigException {
        if (dn.isEmpty()) {
            return dn;
        }
        try {
            return new javax.security.auth.x500.X500Principal(dn);
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException("tls-auth-clients-subject: not a distinguished name: " + e.getMessage());
        }
    }

    private static ConfigParameter.Normalizer noUntil(String what, String feature) {
        ConfigParameter.Normalizer bool = ConfigTypes.bool();
        return v -> {
            String value = bool.normalize(v);
            if (value.equals("yes")) {
                throw new ConfigException(what + " is not supported yet: this build has no " + feature);
            }
            return value;
        };
    }
}
