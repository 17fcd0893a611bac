/** The list type: {@link io.redoubt.engine.lists.ListValue} and the non-blocking list commands. */
package io.redoubt.engine.lists;
