/**
 * The composition root: reads the configuration (redis.conf syntax plus {@code --name value}
 * overrides), builds the shard, the command table and the endpoint, and runs a node.
 */
package io.redoubt.node;
