/**
 * A shard's data: its logical databases, each a hash table of entries with expiry, access tracking
 * for eviction, and memory accounting. Everything here is owned by the shard's single thread and takes
 * no locks.
 */
package io.redoubt.engine.keyspace;
