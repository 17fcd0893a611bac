/**
 * The sorted-set type: {@link io.redoubt.engine.zsets.SortedSetValue} with Redis's two encodings
 * (a compact sorted array reported as {@code listpack}, a counted B+tree with a member index reported
 * under Redis's name {@code skiplist}), the sorted-set commands and the blocking pops
 * ({@link io.redoubt.engine.zsets.BlockingZSetCommands}).
 */
package io.redoubt.engine.zsets;
