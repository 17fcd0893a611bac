/**
 * The hash type (HSET, HGET, HSCAN, ...) with Redis 7.0's encodings: a compact listpack while small,
 * a hash table once it grows past {@code hash-max-listpack-entries} or holds a string longer than
 * {@code hash-max-listpack-value}. Also the byte-keyed hash table shared with sets.
 */
package io.redoubt.engine.hashes;
