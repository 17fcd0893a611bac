/**
 * Secrets at rest: a node master key in an owner-only file
 * ({@link io.redoubt.security.sealing.NodeMasterKey}) and AES-256-GCM envelopes sealed under it
 * ({@link io.redoubt.security.sealing.SecretSealer}) for private keys, backup credentials and any
 * other secret the cluster store keeps.
 */
package io.redoubt.security.sealing;
