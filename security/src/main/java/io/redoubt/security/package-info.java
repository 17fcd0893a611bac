/**
 * TLS for every Redoubt listener: PEM certificates and keys, generated certificates for a first start,
 * validated TLS settings, and server contexts that can be replaced while running. The subpackages hold
 * the control plane's security primitives, free of Netty: {@code password} (hashing, policy, lockout),
 * {@code certificate} (certificates per plane and their checks), {@code sealing} (secrets encrypted at
 * rest under the node master key) and {@code token} (API tokens). Nothing here depends on other
 * Redoubt modules, so the data plane and the control plane share it.
 */
package io.redoubt.security;
