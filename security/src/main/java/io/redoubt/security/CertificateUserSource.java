package io.redoubt.security;

import java.util.Locale;

/**
 * tls-auth-clients-user: which name of a client certificate is the ACL user the connection is
 * authenticated as, or {@code off} to leave authentication to AUTH.
 */
public enum CertificateUserSource {
    OFF("off"), CN("cn"), SAN_DNS("san-dns"), SAN_EMAIL("san-email"), SAN_URI("san-uri");

    private final String word;

    CertificateUserSource(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static CertificateUserSource parse(String text) throws TlsConfigException {
        String t = text.toLowerCase(Locale.ROOT);
        for (CertificateUserSource s : values()) {
            if (s.word.equals(t)) {
                return s;
            }
        }
        throw new TlsConfigException("tls-auth-clients-user must be off, cn, san-dns, san-email or san-uri");
    }
}
