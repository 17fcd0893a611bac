/**
 * A database spread over several shards: the front endpoint that parses each request, finds the
 * shard that owns its keys (CRC16 hash slots, {@code {hashtag}} aware) and forwards it over an
 * internal RESP link to that shard's own server, which runs the unchanged command code. Keyless and
 * multi-key commands are fanned out and their replies merged as the command table's request and
 * response policy tips say; what cannot be split gets Redis Cluster's CROSSSLOT error.
 */
package io.redoubt.dataplane.router;
