package io.redoubt.security.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlaneCertificatesTest {
    private final Instant now = Instant.now();

    @Test
    void oneCertificatePerPlaneUnderOneAuthorityEachPassingTheCheck() throws Exception {
        PlaneCertificates set = PlaneCertificates.generate("prod,cluster", List.of("node1.example.com", "localhost"),
                List.of("127.0.0.1", "::1"), now);
        assertThat(set.planes().keySet()).containsExactlyInAnyOrder(CertificatePlane.values());
        assertThat(set.planes().values().stream().map(c -> c.certificate().getSerialNumber()).distinct()).hasSize(5);
        X509Certificate ca = set.authority().certificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Redoubt cluster CA prod\\,cluster,O=Redoubt");
        for (CertificatePlane plane : CertificatePlane.values()) {
            IssuedCertificate issued = set.planes().get(plane);
            X509Certificate c = issued.certificate();
            assertThat(c.getSubjectX500Principal().getName()).contains("OU=" + plane.certificateName());
            assertThat(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofDays(365).plusHours(1));
            assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThat(c.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder("node1.example.com", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(CertificateCheck.check(set.chain(plane), issued.privateKey(), List.of(ca), now).accepted())
                    .as(plane.certificateName()).isTrue();
            assertThat(CertificateCheck.check(set.chain(plane), issued.privateKey(), List.of(), now.plus(Duration.ofDays(366))))
                    .isInstanceOfSatisfying(CertificateVerdict.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(CertificateRefusal.EXPIRED));
        }
        assertThat(CertificatePlane.byName("metrics_exporter")).contains(CertificatePlane.METRICS_EXPORTER);
        assertThat(CertificatePlane.byName("syncer")).isEmpty();
    }

    @Test
    void needsAName() {
        assertThatThrownBy(() -> PlaneCertificates.generate("c", List.of(), List.of(), now))
                .hasMessageContaining("at least one DNS name or IP address");
    }
}
