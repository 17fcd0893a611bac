package io.redoubt.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expiry warning: within 30 days of expiry, at most once a day, on an injected clock. */
class ExpiryWarningTest {
    @TempDir
    Path dir;

    @Test
    void warnsWithinThirtyDaysOncePerDay() throws Exception {
        Instant start = Instant.now();
        AtomicReference<Instant> now = new AtomicReference<>(start);
        InstantSource clock = now::get;
        IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateRequest.authority("CN=ca", start, 400));
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateRequest.leaf("CN=soon", start, 40), ca);
        Path cert = dir.resolve("c.pem");
        Path key = dir.resolve("k.pem");
        PemWriter.write(cert, PemWriter.certificates(List.of(leaf.certificate())));
        PemWriter.write(key, PemWriter.privateKey(leaf.privateKey(), PemWriter.KeyFormat.PKCS8, Secret.none()));
        TlsSettings settings = TlsSettings.of(cert, key, null).withAuthClients(ClientAuthMode.NO);
        ReloadableTlsContext tls = ReloadableTlsContext.start(settings, n -> false, clock);
        assertThat(tls.warnIfExpiring()).as("40 days left").isEmpty();
        now.set(start.plus(Duration.ofDays(15)));
        assertThat(tls.warnIfExpiring()).extracting(LoadedCertificate::subject).containsExactly("CN=soon");
        now.set(start.plus(Duration.ofDays(15)).plus(Duration.ofHours(23)));
        assertThat(tls.warnIfExpiring()).as("not again the same day").isEmpty();
        now.set(start.plus(Duration.ofDays(16)));
        assertThat(tls.warnIfExpiring()).as("again the next day").hasSize(1);
    }
}
