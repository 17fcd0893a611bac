/**
 * The list type: {@link io.redoubt.engine.lists.ListValue}, a quicklist of packed nodes laid out by
 * {@link io.redoubt.engine.lists.ListNode}, the list commands and their blocking twins
 * ({@link io.redoubt.engine.lists.BlockingListCommands}).
 */
package io.redoubt.engine.lists;
