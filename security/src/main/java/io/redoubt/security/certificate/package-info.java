/**
 * The control plane's certificates: one per plane ({@code api}, {@code cm}, {@code proxy},
 * {@code syslog}, {@code metrics_exporter}) generated at bootstrap under one cluster CA
 * ({@link io.redoubt.security.certificate.PlaneCertificates}), and the checks a replacement must pass
 * before it is used ({@link io.redoubt.security.certificate.CertificateCheck}).
 */
package io.redoubt.security.certificate;
