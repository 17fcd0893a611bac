package io.redoubt.dataplane.router;

/** How the replies of the shards a request went to become the one reply the client sees. */
enum Merge {
    /** One shard: its reply as it is. */
    ONLY,
    /** Every shard must succeed: the first error, else the first shard's reply (request_policy all_*). */
    ALL_SUCCEEDED,
    /** Integer replies added up (response_policy agg_sum: DBSIZE, DEL, EXISTS, ...). */
    SUM,
    /** Array replies joined in shard order (KEYS). */
    CONCAT,
    /** MGET split by shard: the values put back in the order the keys were asked. */
    MGET,
    /** SCAN on one shard: the cursor rewritten to name the shard, or the next one when it is done. */
    SCAN,
    /** RANDOMKEY: the first shard's key that is not nil. */
    ANY_NON_NULL,
    /** The reply of the shard named by {@link Plan#pick()}; the others' replies are dropped (EXEC). */
    PICK,
    /** INFO: the database's figures added up over the shards ({@link InfoMerge}). */
    INFO,
    /** SLOWLOG GET: every shard's entries, newest first, as many as {@link Plan#pick()} asks (-1: all). */
    SLOWLOG
}
