package io.redoubt.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key, as {@link CertificateIssuer} makes them. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {
}
