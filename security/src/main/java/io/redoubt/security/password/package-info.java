/**
 * Passwords of people on the control plane: slow salted hashes in one self-describing text
 * ({@link io.redoubt.security.password.PasswordHasher}), Redis's SHA-256 form for the data plane
 * ({@link io.redoubt.security.password.RedisPasswordDigest}), the password policy with Redis
 * Enterprise's rules and error codes ({@link io.redoubt.security.password.PasswordPolicy}) and the
 * login lockout as a pure state machine ({@link io.redoubt.security.password.LoginLockout}). Nothing
 * here stores anything: the admin services keep hashes and lockout states in the cluster store.
 */
package io.redoubt.security.password;
