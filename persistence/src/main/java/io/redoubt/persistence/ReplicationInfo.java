package io.redoubt.persistence;

/**
 * The replication history an RDB file carries in its {@code repl-stream-db}, {@code repl-id} and
 * {@code repl-offset} AUX fields, as Redis writes them: a master restarted from the file offers that
 * history to its replicas for a partial resynchronisation.
 *
 * @param replid   the replication ID the data set belongs to
 * @param offset   the replication offset the data set is at (the last byte it includes)
 * @param streamDb the database the stream last selected
 */
public record ReplicationInfo(String replid, long offset, int streamDb) {
}
