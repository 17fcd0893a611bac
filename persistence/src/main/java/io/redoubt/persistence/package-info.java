/**
 * Durability of a shard in Redis's own file formats: the RDB snapshot (version 10, as Redis 7.0
 * writes it), the DUMP/RESTORE serialized value, and the codecs they share (CRC64 Jones, LZF,
 * listpack, intset). Files written here are read by Redis's tools and the other way round.
 */
package io.redoubt.persistence;
