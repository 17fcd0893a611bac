package io.redoubt.engine.exec;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a request names, resolved once with Redis's first three checks (lookup, container subcommand,
 * arity) and their exact error texts. Every caller that runs commands starts here, so a request is
 * refused the same way whether it came from a client, the AOF or (next) a replica or a script.
 * A {@link Resolver} answers a runnable request with a resolution made once per spec, so the
 * dispatcher's hot path allocates nothing.
 *
 * @param spec  the command or subcommand; null only for an unknown command or subcommand
 * @param error Redis's error text when the request cannot run, else null
 */
public record CommandResolution(CommandSpec spec, String error) {

    /** Resolves requests against one table, answering runnable ones with a resolution made in advance. */
    public static final class Resolver {
        private final CommandTable table;
        private final CommandResolution[] runnable;

        public Resolver(CommandTable table) {
            this.table = table;
            this.runnable = new CommandResolution[table.allSpecs().size()];
            for (CommandSpec spec : table.allSpecs()) {
                runnable[spec.id()] = new CommandResolution(spec, null);
            }
        }

        /** Resolves {@code argv} (at least one word). */
        public CommandResolution resolve(byte[][] argv) {
            return CommandResolution.resolve(table, argv, runnable);
        }
    }

    /** Resolves {@code argv} (at least one word) against {@code table}. */
    public static CommandResolution of(CommandTable table, byte[][] argv) {
        return resolve(table, argv, null);
    }

    private static CommandResolution resolve(CommandTable table, byte[][] argv, CommandResolution[] runnable) {
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            return new CommandResolution(null, unknownCommand(argv));
        }
        if (spec.isContainer() && argv.length >= 2) {
            CommandSpec sub = spec.subcommand(new String(argv[1], StandardCharsets.UTF_8));
            if (sub == null) {
                return new CommandResolution(null, sanitize("ERR unknown subcommand '" + truncate(argv[1]) + "'. Try "
                        + new String(argv[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT) + " HELP."));
            }
            spec = sub;
        }
        // A container runs itself only when it has its own handler (COMMAND with no subcommand).
        if (!spec.arityAccepts(argv.length) || (spec.isContainer() && argv.length < 2 && spec.handler() == null)) {
            return new CommandResolution(spec, Errors.wrongArity(spec.fullName()));
        }
        return runnable != null ? runnable[spec.id()] : new CommandResolution(spec, null);
    }

    /** Whether the request names a runnable command with an acceptable number of arguments. */
    public boolean runnable() {
        return error == null;
    }

    /** Redis's text: unknown command 'x', with args beginning with: 'a' 'b' (at most ~128 bytes). */
    static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String a = new String(argv[i], StandardCharsets.UTF_8);
            int room = 128 - args.length();
            args.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
        }
        return sanitize("ERR unknown command '" + truncate(argv[0]) + "', with args beginning with: " + args);
    }

    private static String truncate(byte[] arg) {
        String s = new String(arg, StandardCharsets.UTF_8);
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    /** An error reply is one line: a client's CR or LF inside it would forge a second reply. */
    private static String sanitize(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
