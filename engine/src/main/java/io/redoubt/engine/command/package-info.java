/**
 * The command table: one {@link io.redoubt.engine.command.CommandSpec} per command (arity, flags,
 * ACL categories, key specs, documentation, handler). Everything that needs to know about commands
 * ({@code COMMAND}, the dispatcher, the ACL) reads this table; there is no second list of names.
 */
package io.redoubt.engine.command;
