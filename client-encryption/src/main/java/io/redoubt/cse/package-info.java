/**
 * Client-side encryption for applications that talk to Redoubt or Redis: values are sealed in the
 * application with AES-256-GCM (or, opt-in, deterministic AES-256-GCM-SIV) under data keys that a
 * {@link io.redoubt.cse.KeySource} wraps, so that the server, its persistence files, replicas and backups
 * only ever hold ciphertext. Depends on the JDK and Bouncy Castle only; the Jedis and Lettuce wrappers need
 * the application's own client on the class path.
 */
package io.redoubt.cse;
