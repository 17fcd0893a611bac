package io.redoubt.dataplane;

import io.redoubt.security.LoadedCertificate;
import io.redoubt.security.ReloadableTlsContext;
import io.redoubt.security.TlsServerContext;
import java.util.List;

/**
 * INFO's {@code # TLS} section (Redoubt's own; Redis has none): the settings in force and, for each
 * loaded certificate, its subject, serial and expiry, plus the outcome of the last reload. Shown for
 * {@code INFO tls}, {@code all} and {@code everything}, and only when TLS is on, so INFO without TLS
 * reads as Redis's.
 */
final class TlsInfoSection {
    private TlsInfoSection() {
    }

    static void write(ReloadableTlsContext tls, InfoText out) {
        if (tls == null) {
            return;
        }
        TlsServerContext c = tls.current();
        out.section("TLS")
                .field("tls_provider", c.settings().provider().word())
                .field("tls_protocols", String.join(",", c.settings().protocols()))
                .field("tls_auth_clients", c.settings().authClients().word())
                .field("tls_loaded_at", c.loadedAt().toString())
                .field("tls_reloads", tls.reloads());
        ReloadableTlsContext.ReloadOutcome last = tls.lastOutcome();
        out.field("tls_last_reload_status", last == null ? "none" : last.applied() ? "ok" : "rejected");
        if (last != null && !last.applied()) {
            out.field("tls_last_reload_error", last.reason().replace("\r", " ").replace("\n", " "));
        }
        List<LoadedCertificate> certs = c.certificates();
        out.field("tls_certificates", certs.size());
        for (int i = 0; i < certs.size(); i++) {
            LoadedCertificate cert = certs.get(i);
            String p = "tls_cert" + i + "_";
            out.field(p + "role", cert.role())
                    .field(p + "subject", cert.subject())
                    .field(p + "serial", cert.serial())
                    .field(p + "not_after", cert.notAfter().toString());
        }
    }
}
