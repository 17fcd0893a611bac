package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Body of {@code PUT /v1/cluster/certificates} (RE 7.22.2+):
 * {@code {"certificates":[{"name":"api","certificate":"PEM","key":"PEM"}]}}. The shape is checked here;
 * whether the key matches, the chain is complete, the dates and the usage are right is checked by the
 * control plane before anything is replaced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificatesRequest(@JsonProperty("certificates") List<Entry> certificates) implements RequestBody {
    static final int MAX_PEM_CHARS = 64 * 1024;

    /** One certificate to install; the key is a secret and never leaves this request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("certificate") String certificate,
            @JsonProperty("key") String key) implements RequestBody {

        @Override
        public Optional<ApiError> validate() {
            Optional<CertificateName> known = name == null ? Optional.empty() : CertificateName.fromWireName(name);
            Validation v = new Validation()
                    .required("name", name, ErrorCode.MISSING_FIELD)
                    .check(name == null || known.isPresent(), ErrorCode.INVALID_PARAM,
                            "'name' must be one of api, cm, proxy, syslog, metrics_exporter, mtls_trusted_ca")
                    .required("certificate", certificate, ErrorCode.MISSING_FIELD)
                    .check(certificate == null || (certificate.length() <= MAX_PEM_CHARS
                            && certificate.contains("-----BEGIN CERTIFICATE-----")), ErrorCode.INVALID_CERTIFICATE,
                            "'certificate' must be a PEM certificate chain, leaf first");
            if (known.isPresent() && known.get().hasKey()) {
                v.required("key", key, ErrorCode.MISSING_FIELD)
                        .check(key == null || (key.length() <= MAX_PEM_CHARS && key.contains("PRIVATE KEY-----")),
                                ErrorCode.INVALID_PARAM, "'key' must be a PEM private key");
            } else if (known.isPresent()) {
                v.check(key == null, ErrorCode.INVALID_PARAM, "'" + name + "' takes no key");
            }
            return v.result();
        }

        @Override
        public String toString() {
            return "Entry[name=" + name + ", key=" + (key == null ? "null" : "(redacted)") + "]";
        }
    }

    @Override
    public Optional<ApiError> validate() {
        Validation v = new Validation()
                .required("certificates", certificates, ErrorCode.MISSING_FIELD)
                .check(certificates == null || !certificates.isEmpty(), ErrorCode.MISSING_FIELD,
                        "'certificates' is empty")
                .check(certificates == null || certificates.size() <= CertificateName.values().length,
                        ErrorCode.INVALID_PARAM, "'certificates' names more certificates than a node has");
        Set<String> seen = new HashSet<>();
        if (certificates != null && !v.failed()) {
            for (Entry e : certificates) {
                v.check(e != null, ErrorCode.INVALID_SCHEMA, "'certificates' holds null");
                if (e != null) {
                    v.nested(e.validate());
                    v.check(seen.add(e.name()), ErrorCode.INVALID_PARAM, "'" + e.name() + "' is given twice");
                }
            }
        }
        return v.result();
    }
}
