/**
 * The geo commands: a geo set is a sorted set whose scores are 52-bit interleaved geohashes, encoded,
 * searched and measured exactly as Redis 7.0 does (same bit layout, same neighbour-box search, same
 * haversine distance and earth radius), so replies match Redis byte for byte.
 */
package io.redoubt.engine.geo;
