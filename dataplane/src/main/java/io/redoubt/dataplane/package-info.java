/**
 * The database endpoint: the Netty server, one {@link io.redoubt.dataplane.Connection} per client
 * with its {@link io.redoubt.dataplane.Session}, the {@link io.redoubt.dataplane.Dispatcher} that runs
 * Redis's ordered checks before each command, and the connection- and server-level commands (HELLO,
 * AUTH, CLIENT, CONFIG, INFO, COMMAND, ...).
 */
package io.redoubt.dataplane;
