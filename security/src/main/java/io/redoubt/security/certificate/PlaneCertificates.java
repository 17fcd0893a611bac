package io.redoubt.security.certificate;

import io.redoubt.security.CertificateIssuer;
import io.redoubt.security.CertificateRequest;
import io.redoubt.security.IssuedCertificate;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The certificates a node generates when a cluster is created: one private cluster CA and, signed by
 * it, one certificate per {@link CertificatePlane}.
 *
 * <p>Why one CA rather than five self-signed certificates (Redis Enterprise's way): an operator and
 * every client trust one certificate ({@code curl --cacert}, {@code redis-cli --tls --cacert}) for
 * all planes; renewing a plane's certificate (365 days) does not change what clients trust, since the
 * CA lives longer ({@value #AUTHORITY_VALIDITY_DAYS} days); and the cluster issue can issue node and
 * peer certificates from the same CA. The CA's private key is returned so the caller can seal it in
 * the store (see {@code io.redoubt.security.sealing}); it never signs anything but these certificates.
 *
 * @param authority the cluster CA with its key
 * @param planes    each plane's certificate and key
 */
public record PlaneCertificates(IssuedCertificate authority, Map<CertificatePlane, IssuedCertificate> planes) {
    public static final int VALIDITY_DAYS = 365;
    public static final int AUTHORITY_VALIDITY_DAYS = 3650;

    public PlaneCertificates {
        planes = Map.copyOf(planes);
        if (!planes.keySet().containsAll(List.of(CertificatePlane.values()))) {
            throw new IllegalArgumentException("every plane needs a certificate");
        }
    }

    /**
     * A new CA and a certificate per plane for {@code clusterName}, naming the node's {@code dnsNames}
     * and {@code ipAddresses} (text; at least one name in all), valid from an hour before {@code now}
     * (clock skew) for {@value #VALIDITY_DAYS} days, with serverAuth and clientAuth (a plane's
     * certificate also identifies the node to the other side, e.g. a syslog server).
     */
    public static PlaneCertificates generate(String clusterName, List<String> dnsNames, List<String> ipAddresses,
                                             Instant now) throws GeneralSecurityException {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a node certificate needs at least one DNS name or IP address");
        }
        String cluster = rdnValue(clusterName);
        IssuedCertificate authority = CertificateIssuer.selfSigned(CertificateRequest.authority(
                "CN=Redoubt cluster CA " + cluster + ",O=Redoubt", now, AUTHORITY_VALIDITY_DAYS));
        Map<CertificatePlane, IssuedCertificate> planes = new EnumMap<>(CertificatePlane.class);
        String commonName = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
        for (CertificatePlane plane : CertificatePlane.values()) {
            CertificateRequest request = CertificateRequest.leaf("CN=" + rdnValue(commonName) + ",OU="
                            + plane.certificateName() + ",O=Redoubt " + cluster, now, VALIDITY_DAYS,
                            CertificateRequest.Usage.SERVER_AUTH, CertificateRequest.Usage.CLIENT_AUTH)
                    .withDnsNames(dnsNames.toArray(String[]::new))
                    .withIpAddresses(ipAddresses.toArray(String[]::new));
            planes.put(plane, CertificateIssuer.issue(request, authority));
        }
        return new PlaneCertificates(authority, planes);
    }

    /** The chain a server of {@code plane} presents: its certificate, then the CA. */
    public List<X509Certificate> chain(CertificatePlane plane) {
        return List.of(planes.get(plane).certificate(), authority.certificate());
    }

    /** Escapes the characters RFC 2253 gives a meaning to, so a cluster name cannot add name parts. */
    private static String rdnValue(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString().strip();
    }
}
