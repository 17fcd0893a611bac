/**
 * The sorted-set type: {@link io.redoubt.engine.zsets.SortedSetValue} with Redis's two encodings
 * (a compact sorted array reported as {@code listpack}, a skip list with a member index reported as
 * {@code skiplist}), the sorted-set commands and the blocking pops
 * ({@link io.redoubt.engine.zsets.BlockingZSetCommands}).
 */
package io.redoubt.engine.zsets;
