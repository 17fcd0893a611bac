package io.redoubt.security;

import io.netty.handler.ssl.CipherSuiteConverter;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * tls-ciphers (TLS 1.2) and tls-ciphersuites (TLS 1.3) turned into the exact list of suites the JDK
 * engine may negotiate. Names are given colon-separated, in IANA form ({@code TLS_ECDHE_...}) or
 * OpenSSL form ({@code ECDHE-RSA-AES128-GCM-SHA256}); each must be one the provider supports and of the
 * right version, or the whole setting is refused. OpenSSL's cipher-string expressions ({@code DEFAULT},
 * {@code !MEDIUM}) are refused: the policy must be an explicit list to be enforced.
 */
public final class CipherPolicy {
    private static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

    private CipherPolicy() {
    }

    /** tls-ciphers as a list of Java names; empty text gives an empty list (provider defaults). */
    public static List<String> tls12(String text) throws TlsConfigException {
        return parse("tls-ciphers", text, false);
    }

    /** tls-ciphersuites as a list of Java names. */
    public static List<String> tls13(String text) throws TlsConfigException {
        return parse("tls-ciphersuites", text, true);
    }

    /** The suites to enable: the configured ones, or the provider's defaults for a version left empty. */
    public static List<String> enabled(TlsSettings s) {
        List<String> defaults = Arrays.asList(defaultParameters().getCipherSuites());
        List<String> out = new ArrayList<>();
        if (s.protocols().contains(TlsProtocols.TLS13)) {
            out.addAll(s.cipherSuites().isEmpty()
                    ? defaults.stream().filter(TLS13_SUITES::contains).toList() : s.cipherSuites());
        }
        if (s.protocols().contains(TlsProtocols.TLS12)) {
            out.addAll(s.ciphers().isEmpty()
                    ? defaults.stream().filter(c -> !TLS13_SUITES.contains(c)
                            && !c.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).toList()
                    : s.ciphers());
        }
        return out;
    }

    private static List<String> parse(String setting, String text, boolean tls13) throws TlsConfigException {
        List<String> supported = Arrays.asList(supportedParameters().getCipherSuites());
        List<String> out = new ArrayList<>();
        for (String name : text.trim().split("[:,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("!") || name.startsWith("+") || name.startsWith("-") || name.startsWith("@")
                    || name.equals(name.toUpperCase()) && !name.contains("-") && !name.contains("_")) {
                throw new TlsConfigException(setting + ": '" + name + "' is a cipher-string expression; list the"
                        + " suites explicitly, e.g. ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            }
            String java = name.startsWith("TLS_") ? name : CipherSuiteConverter.toJava(name, "TLS");
            if (java == null || !supported.contains(java)) {
                throw new TlsConfigException(setting + ": unknown or unsupported cipher suite '" + name + "'");
            }
            if (TLS13_SUITES.contains(java) != tls13) {
                throw new TlsConfigException(setting + ": '" + name + "' is a TLS " + (tls13 ? "1.2" : "1.3")
                        + " suite; put it in " + (tls13 ? "tls-ciphers" : "tls-ciphersuites"));
            }
            if (!out.contains(java)) {
                out.add(java);
            }
        }
        return List.copyOf(out);
    }

    private static SSLParameters defaultParameters() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    private static SSLParameters supportedParameters() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
