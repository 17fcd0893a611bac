package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The cluster object of {@code GET /v1/cluster}, RE's names for the settings Redoubt has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cluster(
        @JsonProperty("name") String name,
        // ISO-8601 UTC, as RE writes times
        @JsonProperty("created_time") String createdTime,
        @JsonProperty("password_complexity") boolean passwordComplexity,
        @JsonProperty("password_min_length") int passwordMinLength,
        @JsonProperty("password_expiration_duration") int passwordExpirationDuration,
        @JsonProperty("control_plane_basic_authentication") boolean controlPlaneBasicAuthentication,
        @JsonProperty("min_control_TLS_version") String minControlTlsVersion,
        @JsonProperty("min_data_TLS_version") String minDataTlsVersion,
        @JsonProperty("control_cipher_suites") String controlCipherSuites,
        @JsonProperty("data_cipher_list") String dataCipherList,
        @JsonProperty("data_cipher_suites_tls_1_3") String dataCipherSuitesTls13,
        @JsonProperty("mtls_certificate_authentication") boolean mtlsCertificateAuthentication,
        @JsonProperty("mtls_client_cert_subject_validation_type") String mtlsClientCertSubjectValidationType,
        @JsonProperty("cm_session_timeout_minutes") int cmSessionTimeoutMinutes,
        @JsonProperty("disconnect_clients_on_password_removal") String disconnectClientsOnPasswordRemoval) {}
