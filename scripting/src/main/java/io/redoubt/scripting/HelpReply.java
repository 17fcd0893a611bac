package io.redoubt.scripting;

import io.redoubt.resp.ReplySink;

/**
 * The reply of SCRIPT HELP and FUNCTION HELP: Redis's {@code addReplyHelp}, the container's header,
 * its lines as status replies, and the closing HELP entry.
 */
final class HelpReply {
    private HelpReply() {
    }

    static void write(ReplySink r, String container, String... lines) {
        r.array(lines.length + 3);
        r.simple(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            r.simple(line);
        }
        r.simple("HELP");
        r.simple("    Prints this help.");
    }
}
