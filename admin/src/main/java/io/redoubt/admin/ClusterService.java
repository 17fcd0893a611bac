package io.redoubt.admin;

import io.redoubt.admin.api.CertificatesRequest;
import io.redoubt.admin.api.ClusterCertificates;
import io.redoubt.admin.api.ClusterPolicy;
import io.redoubt.admin.api.ClusterRequest;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.CipherSuites;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.PasswordRemovalDisconnect;
import io.redoubt.cluster.api.SealedBytes;
import io.redoubt.cluster.api.TlsVersion;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.certificate.CertificateCheck;
import io.redoubt.security.certificate.CertificateVerdict;
import io.redoubt.security.sealing.SecretSealer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/cluster}, {@code /v1/cluster/policy}, {@code /v1/cluster/certificates} and {@code /v1/nodes}:
 * the cluster object's settings (password policy, lockout, TLS minimums and ciphers, Basic on or off,
 * session timeout) and the certificates it serves with. A new certificate is checked before it is
 * stored, and its key is stored only sealed under the node's master key.
 */
final class ClusterService {
    private final StoreWriter store;
    private final EventJournal journal;
    private final InstantSource clock;
    private final Optional<SecretSealer> sealer;

    ClusterService(StoreWriter store, EventJournal journal, InstantSource clock, Optional<SecretSealer> sealer) {
        this.store = store;
        this.journal = journal;
        this.clock = clock;
        this.sealer = sealer;
    }

    Answer get() {
        return Answer.ok(Views.cluster(settings(store.current())));
    }

    Answer update(Caller caller, ClusterRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        if (Boolean.TRUE.equals(r.mtlsCertificateAuthentication()) || (r.mtlsClientCertSubjectValidationType() != null
                && !r.mtlsClientCertSubjectValidationType().equals("disabled"))) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "client certificates on the API are not available yet");
        }
        store.commit(s -> {
            ClusterSettings o = settings(s);
            CipherSuites c = o.cipherSuites();
            CipherSuites ciphers = new CipherSuites(
                    r.controlCipherSuites() == null ? c.controlCipherSuites() : Views.split(r.controlCipherSuites()),
                    c.controlCipherSuitesTls13(),
                    r.dataCipherList() == null ? c.dataCipherSuites() : Views.split(r.dataCipherList()),
                    r.dataCipherSuitesTls13() == null ? c.dataCipherSuitesTls13() : Views.split(r.dataCipherSuitesTls13()));
            ClusterSettings n = new ClusterSettings(r.name() == null ? o.name() : r.name(),
                    r.passwordComplexity() == null ? o.passwordComplexity() : r.passwordComplexity(),
                    r.passwordMinLength() == null ? o.passwordMinLength() : r.passwordMinLength(),
                    r.passwordExpirationDuration() == null ? o.passwordExpiration()
                            : Duration.ofDays(r.passwordExpirationDuration()),
                    o.loginLockoutThreshold(), o.loginLockoutCounterResetAfter(), o.loginLockoutDuration(),
                    r.cmSessionTimeoutMinutes() == null ? o.cmSessionTimeout()
                            : Duration.ofMinutes(r.cmSessionTimeoutMinutes()),
                    r.minControlTlsVersion() == null ? o.minControlTlsVersion() : TlsVersion.of(r.minControlTlsVersion()),
                    r.minDataTlsVersion() == null ? o.minDataTlsVersion() : TlsVersion.of(r.minDataTlsVersion()), ciphers,
                    r.controlPlaneBasicAuthentication() == null ? o.controlPlaneBasicAuthentication()
                            : r.controlPlaneBasicAuthentication(),
                    r.disconnectClientsOnPasswordRemoval() == null ? o.disconnectClientsOnPasswordRemoval()
                            : PasswordRemovalDisconnect.of(r.disconnectClientsOnPasswordRemoval()));
            return Transaction.atRevision(s.revision(), new Change.PutClusterSettings(n));
        }, false);
        journal.record("cluster_updated", true, caller, null, caller.sourceAddress(), "cluster", null, fields(r), null);
        return get();
    }

    Answer policy() {
        return Answer.ok(Views.policy(settings(store.current())));
    }

    Answer updatePolicy(Caller caller, ClusterPolicy r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        if ((r.aclPubsubDefault() != null && !r.aclPubsubDefault().equals(Views.ACL_PUBSUB_DEFAULT))
                || (r.maxSavedEventsPerType() != null && r.maxSavedEventsPerType() != Views.MAX_SAVED_EVENTS)
                || Boolean.TRUE.equals(r.hideUserDataFromLog())) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "acl_pubsub_default, max_saved_events_per_type and "
                    + "hide_user_data_from_log are fixed on this node (" + Views.ACL_PUBSUB_DEFAULT + ", "
                    + Views.MAX_SAVED_EVENTS + ", false)");
        }
        store.commit(s -> {
            ClusterSettings o = settings(s);
            ClusterSettings n = new ClusterSettings(o.name(), o.passwordComplexity(), o.passwordMinLength(),
                    o.passwordExpiration(),
                    r.loginLockoutThreshold() == null ? o.loginLockoutThreshold() : r.loginLockoutThreshold(),
                    r.loginLockoutCounterResetAfter() == null ? o.loginLockoutCounterResetAfter()
                            : Duration.ofSeconds(r.loginLockoutCounterResetAfter()),
                    r.loginLockoutDuration() == null ? o.loginLockoutDuration()
                            : Duration.ofSeconds(r.loginLockoutDuration()),
                    o.cmSessionTimeout(), o.minControlTlsVersion(), o.minDataTlsVersion(), o.cipherSuites(),
                    o.controlPlaneBasicAuthentication(), o.disconnectClientsOnPasswordRemoval());
            return Transaction.atRevision(s.revision(), new Change.PutClusterSettings(n));
        }, false);
        List<String> f = new ArrayList<>();
        if (r.loginLockoutThreshold() != null) f.add("login_lockout_threshold");
        if (r.loginLockoutCounterResetAfter() != null) f.add("login_lockout_counter_reset_after");
        if (r.loginLockoutDuration() != null) f.add("login_lockout_duration");
        journal.record("cluster_policy_updated", true, caller, null, caller.sourceAddress(), "cluster", null, f, null);
        return policy();
    }

    Answer certificates() {
        ClusterState s = store.current();
        return Answer.ok(new ClusterCertificates(pem(s, CertificateName.API), pem(s, CertificateName.CM),
                pem(s, CertificateName.PROXY), pem(s, CertificateName.SYSLOG), pem(s, CertificateName.METRICS_EXPORTER),
                null));
    }

    Answer updateCertificates(Caller caller, CertificatesRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        if (r.certificates() == null || r.certificates().isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "'certificates' lists no certificate");
        }
        SecretSealer seal = sealer.orElseThrow(() -> new ApiException(ErrorCode.INVALID_PARAM,
                "this node has no master key to seal certificate keys with"));
        List<Change> changes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (CertificatesRequest.Entry e : r.certificates()) {
            CertificateName name;
            try {
                name = CertificateName.of(e.name());
            } catch (IllegalArgumentException x) {
                throw new ApiException(ErrorCode.INVALID_PARAM, "'" + e.name() + "' cannot be replaced on this node");
            }
            CertificateVerdict verdict = CertificateCheck.check(e.certificate(), e.key(), List.of(), clock.instant());
            if (verdict instanceof CertificateVerdict.Refused refused) {
                ErrorCode code = ErrorCode.fromCode(refused.reason().code()).orElse(ErrorCode.INVALID_CERTIFICATE);
                throw new ApiException(code, refused.message());
            }
            CertificateVerdict.Accepted ok = (CertificateVerdict.Accepted) verdict;
            changes.add(new Change.PutCertificate(new Certificate(name, e.certificate(),
                    SealedBytes.of(seal.sealPrivateKey(ok.key(), "certificate:" + name.reName())))));
            names.add(name.reName());
        }
        store.commit(s -> new Transaction(changes, java.util.OptionalLong.of(s.revision())), false);
        journal.record("cluster_certificates_updated", true, caller, null, caller.sourceAddress(), "cluster", null,
                names, null);
        return Answer.noContent();
    }

    private static String pem(ClusterState s, CertificateName name) {
        return s.certificate(name).map(Certificate::chainPem).orElse(null);
    }

    static ClusterSettings settings(ClusterState s) {
        return s.settings().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no cluster yet"));
    }

    private static List<String> fields(ClusterRequest r) {
        List<String> f = new ArrayList<>();
        if (r.name() != null) f.add("name");
        if (r.passwordComplexity() != null) f.add("password_complexity");
        if (r.passwordMinLength() != null) f.add("password_min_length");
        if (r.passwordExpirationDuration() != null) f.add("password_expiration_duration");
        if (r.controlPlaneBasicAuthentication() != null) f.add("control_plane_basic_authentication");
        if (r.minControlTlsVersion() != null) f.add("min_control_TLS_version");
        if (r.minDataTlsVersion() != null) f.add("min_data_TLS_version");
        if (r.controlCipherSuites() != null) f.add("control_cipher_suites");
        if (r.dataCipherList() != null) f.add("data_cipher_list");
        if (r.dataCipherSuitesTls13() != null) f.add("data_cipher_suites_tls_1_3");
        if (r.cmSessionTimeoutMinutes() != null) f.add("cm_session_timeout_minutes");
        if (r.disconnectClientsOnPasswordRemoval() != null) f.add("disconnect_clients_on_password_removal");
        return f;
    }
}
