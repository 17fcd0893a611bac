package io.redoubt.security;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One immutable TLS server configuration: a Netty {@link SslContext}, on the JDK provider by default
 * (which enforces the configured protocol and cipher policy, including TLS 1.3 suites), built from checked
 * {@link TlsMaterial}, with what INFO shows of it. Replacing certificates means building a new one.
 */
public final class TlsServerContext {
    private final TlsSettings settings;
    private final SslContext sslContext;
    private final ClientCertificatePolicy policy;
    private final List<LoadedCertificate> certificates;
    private final Instant loadedAt;
    private final Set<String> suitesCheckedAfterHandshake; // empty: the engine enforces the whole policy

    private TlsServerContext(TlsSettings settings, SslContext sslContext, ClientCertificatePolicy policy,
                             List<LoadedCertificate> certificates, Instant loadedAt) {
        this.settings = settings;
        this.sslContext = sslContext;
        this.policy = policy;
        this.certificates = certificates;
        this.loadedAt = loadedAt;
        this.suitesCheckedAfterHandshake = settings.provider() == TlsProvider.OPENSSL
                ? Set.copyOf(settings.cipherSuites()) : Set.of();
    }

    /**
     * Loads the files and builds the context.
     *
     * @param userEnabled whether an enabled ACL user has the given name (used when certificates name users)
     */
    public static TlsServerContext build(TlsSettings s, Predicate<String> userEnabled, Instant now)
            throws TlsConfigException {
        TlsMaterial m = TlsMaterial.load(s, now);
        ClientCertificatePolicy policy = new ClientCertificatePolicy(s, userEnabled);
        List<String> suites = CipherPolicy.enabled(s);
        if (suites.isEmpty()) {
            throw new TlsConfigException("no cipher suite is left for tls-protocols " + String.join(" ", s.protocols()));
        }
        if (s.provider() == TlsProvider.OPENSSL) {
            if (!OpenSsl.isAvailable()) {
                throw new TlsConfigException("tls-provider openssl: netty-tcnative cannot be loaded: "
                        + OpenSsl.unavailabilityCause());
            }
            // BoringSSL negotiates its own TLS 1.3 suites (Netty turns TLS 1.3 off unless the list names
            // some); the TLS 1.2 list is passed when one is set, BoringSSL's defaults otherwise
            if (s.ciphers().isEmpty()) {
                suites = null;
            } else {
                suites = new ArrayList<>(s.ciphers());
                if (s.protocols().contains(TlsProtocols.TLS13)) {
                    suites.addAll(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                            "TLS_CHACHA20_POLY1305_SHA256"));
                }
            }
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(m.key(), m.chain().toArray(X509Certificate[]::new))
                    .sslProvider(s.provider() == TlsProvider.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols(s.protocols())
                    .ciphers(suites)
                    .sessionCacheSize(s.sessionCaching() ? s.sessionCacheSize() : 1)
                    .sessionTimeout(s.sessionCaching() ? s.sessionCacheTimeoutSecs() : 1)
                    .clientAuth(switch (s.authClients()) {
                        case YES -> ClientAuth.REQUIRE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case NO -> ClientAuth.NONE;
                    });
            if (s.authClients() != ClientAuthMode.NO) {
                b.trustManager(new PolicyTrustManager(pkix(m), policy));
            }
            List<LoadedCertificate> shown = new ArrayList<>();
            for (int i = 0; i < m.chain().size(); i++) {
                shown.add(LoadedCertificate.of(i == 0 ? "server" : "chain", m.chain().get(i)));
            }
            for (X509Certificate ca : m.trusted()) {
                shown.add(LoadedCertificate.of("ca", ca));
            }
            return new TlsServerContext(s, b.build(), policy, List.copyOf(shown), now);
        } catch (javax.net.ssl.SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsConfigException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** PKIX validation against the trusted CAs, with the CRL when one is configured. */
    private static X509ExtendedTrustManager pkix(TlsMaterial m) throws GeneralSecurityException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : m.trusted()) {
            anchors.add(new TrustAnchor(ca, null));
        }
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
        if (m.crls().isEmpty()) {
            params.setRevocationEnabled(false);
        } else {
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(m.crls())));
            PKIXRevocationChecker rc = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
            rc.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK,
                    PKIXRevocationChecker.Option.ONLY_END_ENTITY));
            params.addCertPathChecker(rc);
            params.setRevocationEnabled(true);
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(new CertPathTrustManagerParameters(params));
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
    }

    /** A handler for one new connection, with the handshake timeout and cipher order applied. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        SSLEngine engine = sslContext.newEngine(alloc);
        if (settings.preferServerCiphers()) {
            SSLParameters p = engine.getSSLParameters();
            p.setUseCipherSuitesOrder(true);
            engine.setSSLParameters(p);
        }
        SslHandler h = new SslHandler(engine);
        h.setHandshakeTimeoutMillis(settings.handshakeTimeoutMillis());
        return h;
    }

    /**
     * Why a connection whose handshake succeeded must still be refused, or null. BoringSSL (tls-provider
     * openssl) picks TLS 1.3 suites from a fixed list that cannot be narrowed, so there tls-ciphersuites
     * is enforced right after the handshake, before any request is read: a client that negotiated
     * another suite is closed. The JDK provider enforces the list inside the handshake, and null is
     * always the answer there.
     */
    public String refusal(javax.net.ssl.SSLSession session) {
        if (suitesCheckedAfterHandshake.isEmpty() || !TlsProtocols.TLS13.equals(session.getProtocol())
                || suitesCheckedAfterHandshake.contains(session.getCipherSuite())) {
            return null;
        }
        return "the negotiated cipher suite " + session.getCipherSuite() + " is not in tls-ciphersuites"
                + " (tls-provider openssl checks it after the handshake)";
    }

    public TlsSettings settings() {
        return settings;
    }

    public ClientCertificatePolicy policy() {
        return policy;
    }

    public SslContext sslContext() {
        return sslContext;
    }

    /** The server certificate (first), its chain, then the trusted CAs. */
    public List<LoadedCertificate> certificates() {
        return certificates;
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
