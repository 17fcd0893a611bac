package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandException;

/** Rules shared by CLIENT SETNAME and HELLO SETNAME. */
final class ClientCommandsSupport {
    private ClientCommandsSupport() {
    }

    /** Redis refuses names with spaces, newlines or other special characters. */
    static void validateName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                throw new CommandException("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }
}
