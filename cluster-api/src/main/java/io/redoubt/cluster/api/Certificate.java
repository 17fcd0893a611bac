package io.redoubt.cluster.api;

import java.util.Objects;

/**
 * A certificate the cluster serves with (RE {@code /v1/cluster/certificates} entry).
 *
 * @param name RE {@code name}
 * @param chainPem RE {@code certificate}: the chain in PEM, leaf first
 * @param sealedPrivateKey RE {@code key}, but only ever encrypted: the store, its log and its snapshots never
 *        see the clear key
 */
public record Certificate(CertificateName name, String chainPem, SealedBytes sealedPrivateKey) {
    public Certificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chainPem, "certificate");
        if (!chainPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("certificate must be a PEM certificate chain");
        }
        Objects.requireNonNull(sealedPrivateKey, "key");
    }
}
