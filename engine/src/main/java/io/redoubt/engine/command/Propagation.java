package io.redoubt.engine.command;

/**
 * How a write is recorded for whoever replays it (the AOF today, replicas next): replaying the record
 * on the state before the command must give the state after it, whatever the clock and the random
 * source say at replay time. A command states its propagation in its spec; nothing else lists
 * command names for it.
 */
public enum Propagation {
    /** The request as sent: the command is deterministic given the state it ran on. */
    AS_SENT,
    /**
     * As sent, then {@code PEXPIREAT} for each touched key that has an expiry: relative times
     * (EX, PX, EXPIRE) would otherwise restart at replay.
     */
    AS_SENT_WITH_ABSOLUTE_EXPIRY,
    /**
     * XADD and XTRIM resolved as Redis rewrites them: the ID the entry got in place of {@code *} or
     * {@code ms-*}, and an approximate trim ({@code ~}) made exact ({@code =}, the threshold it
     * reached), since how far {@code ~} trims depends on the stream's node layout, which a replay
     * need not share.
     */
    AS_RESOLVED_STREAM_WRITE,
    /**
     * The resulting state of each touched key (RESTORE or DEL): the command's effect depends on
     * chance (SPOP) or on when it was served (blocking pops, consumer-group claims).
     */
    RESULTING_STATE
}
