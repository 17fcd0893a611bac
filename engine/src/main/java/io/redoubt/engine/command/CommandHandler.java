package io.redoubt.engine.command;

/** Runs one command. Implementations are method references on a command family class. */
@FunctionalInterface
public interface CommandHandler {
    void execute(CommandContext ctx);
}
