/**
 * Running commands, whoever asks: resolving a request to its spec with Redis's errors, for the network
 * dispatcher and for callers that are not network clients (AOF replay today; replica apply and Lua's
 * {@code redis.call} next).
 */
package io.redoubt.engine.exec;
