package io.redoubt.security;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate to issue says: its subject, names, validity, whether it is a CA, what it may be
 * used for and its key type. Immutable; the {@code with...} methods return changed copies.
 *
 * @param subject    the distinguished name, e.g. {@code CN=redoubt server}
 * @param dnsNames   subject alternative DNS names
 * @param ipAddresses subject alternative IP addresses (IPv4 or IPv6 text)
 * @param emails     subject alternative e-mail names
 * @param uris       subject alternative URIs
 * @param usages     extended key usages; empty leaves the extension out (a CA gets none)
 */
public record CertificateRequest(String subject, List<String> dnsNames, List<String> ipAddresses,
                                 List<String> emails, List<String> uris, Instant notBefore, Instant notAfter,
                                 boolean ca, List<Usage> usages, KeyType keyType) {
    /** Extended key usage. */
    public enum Usage { SERVER_AUTH, CLIENT_AUTH }

    /** Key algorithm of the new key pair. */
    public enum KeyType { EC_P256, RSA_2048 }

    public CertificateRequest {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        emails = List.copyOf(emails);
        uris = List.copyOf(uris);
        usages = List.copyOf(usages);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }

    /** A leaf certificate valid from an hour ago (clock skew) for {@code days} days. */
    public static CertificateRequest leaf(String subject, Instant now, int days, Usage... usages) {
        return new CertificateRequest(subject, List.of(), List.of(), List.of(), List.of(),
                now.minusSeconds(3600), now.plusSeconds(days * 86400L), false, List.of(usages), KeyType.EC_P256);
    }

    /** A certificate authority valid from an hour ago for {@code days} days. */
    public static CertificateRequest authority(String subject, Instant now, int days) {
        return new CertificateRequest(subject, List.of(), List.of(), List.of(), List.of(),
                now.minusSeconds(3600), now.plusSeconds(days * 86400L), true, List.of(), KeyType.EC_P256);
    }

    public CertificateRequest withDnsNames(String... names) {
        return new CertificateRequest(subject, List.of(names), ipAddresses, emails, uris, notBefore, notAfter, ca,
                usages, keyType);
    }

    public CertificateRequest withIpAddresses(String... ips) {
        return new CertificateRequest(subject, dnsNames, List.of(ips), emails, uris, notBefore, notAfter, ca,
                usages, keyType);
    }

    public CertificateRequest withEmails(String... names) {
        return new CertificateRequest(subject, dnsNames, ipAddresses, List.of(names), uris, notBefore, notAfter, ca,
                usages, keyType);
    }

    public CertificateRequest withUris(String... names) {
        return new CertificateRequest(subject, dnsNames, ipAddresses, emails, List.of(names), notBefore, notAfter, ca,
                usages, keyType);
    }

    public CertificateRequest withValidity(Instant from, Instant until) {
        return new CertificateRequest(subject, dnsNames, ipAddresses, emails, uris, from, until, ca, usages, keyType);
    }

    public CertificateRequest withKeyType(KeyType type) {
        return new CertificateRequest(subject, dnsNames, ipAddresses, emails, uris, notBefore, notAfter, ca, usages,
                type);
    }
}
