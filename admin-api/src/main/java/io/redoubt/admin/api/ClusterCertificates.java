package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code GET /v1/cluster/certificates}: each installed certificate as PEM under
 * {@code <name>_cert}, RE's names. Public certificates only: RE also answers each {@code <name>_key};
 * Redoubt never answers a private key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterCertificates(
        @JsonProperty("api_cert") String apiCert,
        @JsonProperty("cm_cert") String cmCert,
        @JsonProperty("proxy_cert") String proxyCert,
        @JsonProperty("syslog_cert") String syslogCert,
        @JsonProperty("metrics_exporter_cert") String metricsExporterCert,
        @JsonProperty("mtls_trusted_ca_cert") String mtlsTrustedCaCert) {}
