/**
 * The set type (SADD, SINTER, SSCAN, ...) with Redis 7.0's encodings: a sorted "intset" while every
 * member is an integer and there are at most {@code set-max-intset-entries} of them, a "hashtable"
 * otherwise. Redis 7.0 has no listpack encoding for sets, and neither do we.
 */
package io.redoubt.engine.sets;
