package io.redoubt.security;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What a client certificate must say beyond chaining to a trusted CA: an allow-list of CN/SAN values,
 * an exact subject, and, when certificates name ACL users, an enabled user of that name. Applied during
 * the handshake (by the trust manager), so a refused client never gets a session.
 */
public final class ClientCertificatePolicy {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final Set<String> allowedNames;
    private final X500Principal requiredSubject;
    private final CertificateUserSource userSource;
    private final Predicate<String> userEnabled;

    /** @param userEnabled whether an enabled ACL user of that name exists (the data plane's hook) */
    public ClientCertificatePolicy(TlsSettings settings, Predicate<String> userEnabled) throws TlsConfigException {
        this.allowedNames = settings.allowedNames();
        try {
            this.requiredSubject = settings.requiredSubject().isEmpty() ? null
                    : new X500Principal(settings.requiredSubject());
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException("tls-auth-clients-subject: not a distinguished name: " + e.getMessage());
        }
        this.userSource = settings.userSource();
        this.userEnabled = userEnabled;
    }

    /** Throws, with the reason, when {@code leaf} is not acceptable. */
    public void check(X509Certificate leaf) throws CertificateException {
        if (requiredSubject != null && !requiredSubject.equals(leaf.getSubjectX500Principal())) {
            throw new CertificateException("client certificate subject '" + leaf.getSubjectX500Principal().getName()
                    + "' is not the required subject");
        }
        if (!allowedNames.isEmpty()) {
            List<String> names = new ArrayList<>(sanValues(leaf, SAN_DNS));
            names.addAll(sanValues(leaf, SAN_EMAIL));
            names.addAll(sanValues(leaf, SAN_URI));
            String cn = commonName(leaf);
            if (cn != null) {
                names.add(cn);
            }
            if (names.stream().noneMatch(allowedNames::contains)) {
                throw new CertificateException("client certificate names " + names
                        + " are not in tls-auth-clients-names");
            }
        }
        if (userSource != CertificateUserSource.OFF) {
            String user = user(leaf);
            if (user == null) {
                throw new CertificateException("client certificate has no " + userSource.word()
                        + " to name an ACL user");
            }
            if (!userEnabled.test(user)) {
                throw new CertificateException("client certificate names ACL user '" + user
                        + "', which does not exist or is disabled");
            }
        }
    }

    /** The ACL user {@code leaf} names, or null when the policy maps none (or the certificate has none). */
    public String user(X509Certificate leaf) {
        try {
            return switch (userSource) {
                case OFF -> null;
                case CN -> commonName(leaf);
                case SAN_DNS -> first(sanValues(leaf, SAN_DNS));
                case SAN_EMAIL -> first(sanValues(leaf, SAN_EMAIL));
                case SAN_URI -> first(sanValues(leaf, SAN_URI));
            };
        } catch (CertificateException e) {
            return null;
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    static String commonName(X509Certificate c) {
        try {
            LdapName dn = new LdapName(c.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (int i = dn.size() - 1; i >= 0; i--) {
                Rdn rdn = dn.getRdns().get(i);
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static List<String> sanValues(X509Certificate c, int type) throws CertificateParsingException {
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        List<String> out = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
