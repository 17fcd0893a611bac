package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One entry of a bdb's {@code authentication_ssl_client_certs}: a trusted PEM certificate (public). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientCertificate(@JsonProperty("client_cert") String clientCert) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("client_cert", clientCert, ErrorCode.INVALID_CERTIFICATE)
                .check(clientCert == null || clientCert.contains("-----BEGIN CERTIFICATE-----"),
                        ErrorCode.INVALID_CERTIFICATE, "'client_cert' must be a PEM certificate")
                .result();
    }
}
