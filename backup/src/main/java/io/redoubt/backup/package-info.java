/**
 * Database backups: where they go ({@link io.redoubt.backup.BackupLocation} and one
 * {@link io.redoubt.backup.Destination} per kind), what one is (a gzip RDB per shard and a
 * {@link io.redoubt.backup.BackupManifest} uploaded last), how it is made
 * ({@link io.redoubt.backup.BackupWriter} over the node's {@link io.redoubt.backup.ShardSnapshots}), checked by
 * a trial restore ({@link io.redoubt.backup.BackupVerifier}), read back for import
 * ({@link io.redoubt.backup.BackupReader}), kept ({@link io.redoubt.backup.BackupRetention}) and scheduled
 * ({@link io.redoubt.backup.BackupSchedule}, {@link io.redoubt.backup.BackupPermits}). No Netty, no keyspace:
 * RDBs are produced and loaded through the persistence module and the node's ports.
 */
package io.redoubt.backup;
