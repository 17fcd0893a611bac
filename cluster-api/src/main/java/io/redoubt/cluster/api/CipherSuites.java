package io.redoubt.cluster.api;

import java.util.List;

/**
 * The cluster's cipher settings per plane, in the order of preference; an empty list means the TLS
 * provider's default for that protocol version. Setting a list replaces the previous one (RE rule).
 *
 * @param controlCipherSuites TLS 1.2 suites of the API and console (RE {@code control_cipher_suites})
 * @param controlCipherSuitesTls13 TLS 1.3 suites of the API and console (RE {@code control_cipher_suites_tls_1_3})
 * @param dataCipherSuites TLS 1.2 suites of database endpoints (RE {@code data_cipher_suites})
 * @param dataCipherSuitesTls13 TLS 1.3 suites of database endpoints (RE {@code data_cipher_suites_tls_1_3})
 */
public record CipherSuites(List<String> controlCipherSuites, List<String> controlCipherSuitesTls13,
        List<String> dataCipherSuites, List<String> dataCipherSuitesTls13) {
    /** Every list empty: each provider's defaults. */
    public static final CipherSuites PROVIDER_DEFAULTS = new CipherSuites(List.of(), List.of(), List.of(), List.of());

    public CipherSuites {
        controlCipherSuites = FieldRules.distinct("control_cipher_suites", controlCipherSuites);
        controlCipherSuitesTls13 = FieldRules.distinct("control_cipher_suites_tls_1_3", controlCipherSuitesTls13);
        dataCipherSuites = FieldRules.distinct("data_cipher_suites", dataCipherSuites);
        dataCipherSuitesTls13 = FieldRules.distinct("data_cipher_suites_tls_1_3", dataCipherSuitesTls13);
    }
}
