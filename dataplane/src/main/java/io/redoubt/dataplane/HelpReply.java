package io.redoubt.dataplane;

import io.redoubt.resp.ReplySink;
import java.util.Locale;

/**
 * The reply of every {@code <CONTAINER> HELP}: Redis's {@code addReplyHelp}, an array of status
 * lines framed by the same header and the same closing HELP entry.
 */
final class HelpReply {
    private HelpReply() {
    }

    static void write(ReplySink r, String command, String... lines) {
        r.array(lines.length + 3);
        r.simple(command.toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            r.simple(line);
        }
        r.simple("HELP");
        r.simple("    Prints this help.");
    }
}
