/**
 * TLS for every Redoubt listener: PEM certificates and keys, generated certificates for a first start,
 * validated TLS settings, and server contexts that can be replaced while running. Nothing here depends
 * on other Redoubt modules, so the data plane and the control plane share it.
 */
package io.redoubt.security;
