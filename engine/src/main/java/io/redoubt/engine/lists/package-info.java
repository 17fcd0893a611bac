/**
 * The list type: {@link io.redoubt.engine.lists.ListValue}, the list commands and their blocking
 * twins ({@link io.redoubt.engine.lists.BlockingListCommands}).
 */
package io.redoubt.engine.lists;
