package io.redoubt.engine.command;

/**
 * A command refused with a Redis error; the message is the full error text (for example
 * {@link io.redoubt.resp.Errors#WRONGTYPE}). Handlers throw it to abandon a command before changing
 * anything; the dispatcher replies with it. It carries no stack trace: it is a reply, not a fault.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandException(String errorText) {
        super(errorText, null, false, false);
    }
}
