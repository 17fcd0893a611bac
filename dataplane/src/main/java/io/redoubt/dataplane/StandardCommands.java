package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.keys.KeyCommands;
import io.redoubt.engine.strings.StringCommands;

/** Assembles the command table from every command family. The one place that lists the families. */
public final class StandardCommands {
    private StandardCommands() {
    }

    public static CommandTable build(ServerContext server) {
        CommandTable.Builder t = CommandTable.builder();
        new ConnectionCommands(server).register(t);
        new StringCommands().register(t);
        new KeyCommands().register(t);
        new ClientCommands(server).register(t);
        new ServerControlCommands(server).register(t);
        new DiagnosticsCommands(server).register(t);
        new DebugCommands(server).register(t);
        return t.build();
    }
}
