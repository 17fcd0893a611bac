package io.redoubt.cluster;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The mutual TLS of the store's Raft port: this peer's certificate and key, and the certificates a peer
 * (or a client of the store) must chain to. Without it the port speaks plain gRPC to anyone who reaches
 * it; with it, a connection without a certificate the store trusts cannot propose, vote or read.
 */
public record PeerTls(PrivateKey key, X509Certificate certificate, List<X509Certificate> trusted) {
    public PeerTls {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        trusted = List.copyOf(trusted);
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("a peer's TLS needs at least one trusted certificate");
        }
    }

    @Override
    public String toString() {
        return "PeerTls[" + certificate.getSubjectX500Principal() + "]"; // never the key
    }
}
