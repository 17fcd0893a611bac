/**
 * The stream type: {@link io.redoubt.engine.streams.StreamValue} (entries in nodes, consumer groups
 * with their pending entries lists) and the X* commands.
 */
package io.redoubt.engine.streams;
