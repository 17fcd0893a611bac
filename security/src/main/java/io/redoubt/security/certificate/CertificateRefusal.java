package io.redoubt.security.certificate;

/**
 * Why {@link CertificateCheck} refused a certificate, with the {@code error_code} the REST API
 * answers. {@code key_values_mismatch} is Redis Enterprise's own code; RE documents no code for the
 * other cases, so these are Redoubt's.
 */
public enum CertificateRefusal {
    UNREADABLE("invalid_certificate"),
    KEY_MISMATCH("key_values_mismatch"),
    CHAIN_INCOMPLETE("certificate_chain_incomplete"),
    EXPIRED("certificate_expired"),
    NOT_YET_VALID("certificate_not_yet_valid"),
    NOT_FOR_SERVER_AUTH("certificate_not_for_server_auth"),
    WEAK_KEY("certificate_key_too_weak");

    private final String code;

    CertificateRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
