package io.redoubt.dataplane.router;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;

/**
 * A shard on the router's own node: the in-process address its endpoint listens on and its thread,
 * on which the router's links to it live (so a request reaches the shard's commands with one hand-off
 * between threads and no socket).
 */
public record LocalShard(LocalAddress address, EventLoopGroup thread) {
}
