package io.redoubt.admin.web;

import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.TlsVersion;
import io.redoubt.security.PemReader;
import io.redoubt.security.TlsConfigException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS for the API, configured here rather than by a plugin: the {@code api} certificate and key,
 * TLS 1.2 at least (1.3 only when {@code min_control_TLS_version} says so), and the cluster's control-plane
 * cipher suites. {@link #apply} rebuilds it in place; Jetty's {@code reload} makes new connections use the
 * new material while open ones keep theirs.
 */
final class TlsConnector {
    /** The JDK's TLS 1.3 suites, kept when only a TLS 1.2 list is configured (so 1.3 still works). */
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");

    private final SslContextFactory.Server factory = new SslContextFactory.Server();
    private volatile ApiTls material;
    private volatile Optional<ClusterSettings> settings;

    TlsConnector(ApiTls material, Optional<ClusterSettings> settings) throws GeneralSecurityException, TlsConfigException {
        this.material = material;
        this.settings = settings;
        configure(factory, material, settings);
    }

    SslContextFactory.Server factory() {
        return factory;
    }

    /** New certificate and key: used by the next connections. */
    synchronized void replace(ApiTls newMaterial) throws Exception {
        // parse first, so a bad key leaves the running one in place
        keyStore(newMaterial);
        material = newMaterial;
        reload();
    }

    /** New TLS minimum or ciphers from the cluster settings: used by the next connections. */
    synchronized void settings(Optional<ClusterSettings> newSettings) throws Exception {
        settings = newSettings;
        reload();
    }

    private void reload() throws Exception {
        ApiTls m = material;
        Optional<ClusterSettings> s = settings;
        factory.reload(f -> {
            try {
                configure((SslContextFactory.Server) f, m, s);
            } catch (GeneralSecurityException | TlsConfigException e) {
                throw new IllegalStateException("the API's TLS material cannot be loaded: " + e.getMessage(), e);
            }
        });
    }

    private static void configure(SslContextFactory.Server f, ApiTls m, Optional<ClusterSettings> s)
            throws GeneralSecurityException, TlsConfigException {
        KeyStoreAndPassword ks = keyStore(m);
        f.setKeyStore(ks.store());
        f.setKeyStorePassword(ks.password());
        f.setKeyManagerPassword(ks.password());
        boolean only13 = s.map(x -> x.minControlTlsVersion() == TlsVersion.TLS_1_3).orElse(false);
        f.setIncludeProtocols(only13 ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"});
        f.setExcludeProtocols("SSLv3", "TLSv1", "TLSv1.1");
        List<String> tls12 = s.map(x -> x.cipherSuites().controlCipherSuites()).orElse(List.of());
        List<String> tls13 = s.map(x -> x.cipherSuites().controlCipherSuitesTls13()).orElse(List.of());
        if (!tls12.isEmpty() || !tls13.isEmpty()) {
            List<String> suites = new ArrayList<>(tls13.isEmpty() ? TLS13_SUITES : tls13);
            suites.addAll(tls12);
            f.setIncludeCipherSuites(suites.toArray(String[]::new));
        } else {
            f.setIncludeCipherSuites();
        }
        f.setSniRequired(false);
    }

    private record KeyStoreAndPassword(KeyStore store, String password) {}

    private static KeyStoreAndPassword keyStore(ApiTls m) throws GeneralSecurityException, TlsConfigException {
        List<X509Certificate> chain = PemReader.certificates(m.certificateChainPem(), "api certificate");
        PrivateKey key = PemReader.privateKey(m.privateKeyPem(), "api key");
        // an in-memory store needs some password; a random one lives only as long as the store
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("api", key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        return new KeyStoreAndPassword(ks, password);
    }
}
