package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code PUT /v1/cluster}: the cluster settings Redoubt has, under RE's names. A field left out
 * keeps its value. Password policy and TLS settings apply to the next sign-in or connection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterRequest(
        @JsonProperty("name") String name,
        @JsonProperty("password_complexity") Boolean passwordComplexity,
        @JsonProperty("password_min_length") Integer passwordMinLength,
        @JsonProperty("password_expiration_duration") Integer passwordExpirationDuration,
        @JsonProperty("control_plane_basic_authentication") Boolean controlPlaneBasicAuthentication,
        @JsonProperty("min_control_TLS_version") String minControlTlsVersion,
        @JsonProperty("min_data_TLS_version") String minDataTlsVersion,
        @JsonProperty("control_cipher_suites") String controlCipherSuites,
        @JsonProperty("data_cipher_list") String dataCipherList,
        @JsonProperty("data_cipher_suites_tls_1_3") String dataCipherSuitesTls13,
        @JsonProperty("mtls_certificate_authentication") Boolean mtlsCertificateAuthentication,
        @JsonProperty("mtls_client_cert_subject_validation_type") String mtlsClientCertSubjectValidationType,
        @JsonProperty("cm_session_timeout_minutes") Integer cmSessionTimeoutMinutes,
        @JsonProperty("disconnect_clients_on_password_removal") String disconnectClientsOnPasswordRemoval)
        implements RequestBody {

    static final List<String> TLS_VERSIONS = List.of("1.2", "1.3");
    static final List<String> SUBJECT_VALIDATION = List.of("disabled", "san_cn", "full_subject");
    static final List<String> DISCONNECT_MODES = List.of("enabled", "disabled", "auto");
    /** RE documents no upper bound; a year of days keeps the arithmetic of expiry far from overflow. */
    static final int MAX_EXPIRATION_DAYS = 3650;
    static final int MAX_SESSION_MINUTES = 7 * 24 * 60;

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .check(name == null || name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?"),
                        ErrorCode.INVALID_PARAM, "'name' must be a DNS name (letters, digits, '.', '-')")
                .range("password_min_length", passwordMinLength, 8, 256, ErrorCode.INVALID_PARAM)
                .range("password_expiration_duration", passwordExpirationDuration, 0, MAX_EXPIRATION_DAYS,
                        ErrorCode.INVALID_PARAM)
                .oneOf("min_control_TLS_version", minControlTlsVersion, TLS_VERSIONS, ErrorCode.INVALID_PARAM)
                .oneOf("min_data_TLS_version", minDataTlsVersion, TLS_VERSIONS, ErrorCode.INVALID_PARAM)
                .check(controlCipherSuites == null || !controlCipherSuites.isBlank(), ErrorCode.INVALID_PARAM,
                        "'control_cipher_suites' is empty")
                .check(dataCipherList == null || !dataCipherList.isBlank(), ErrorCode.INVALID_PARAM,
                        "'data_cipher_list' is empty")
                .check(dataCipherSuitesTls13 == null || !dataCipherSuitesTls13.isBlank(), ErrorCode.INVALID_PARAM,
                        "'data_cipher_suites_tls_1_3' is empty")
                .oneOf("mtls_client_cert_subject_validation_type", mtlsClientCertSubjectValidationType,
                        SUBJECT_VALIDATION, ErrorCode.INVALID_PARAM)
                .range("cm_session_timeout_minutes", cmSessionTimeoutMinutes, 1, MAX_SESSION_MINUTES,
                        ErrorCode.INVALID_PARAM)
                .oneOf("disconnect_clients_on_password_removal", disconnectClientsOnPasswordRemoval,
                        DISCONNECT_MODES, ErrorCode.INVALID_PARAM)
                .result();
    }
}
