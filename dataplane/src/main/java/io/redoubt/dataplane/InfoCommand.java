package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO [section ...]: chooses sections as Redis 7.0 does (none → {@code default}; {@code all},
 * {@code everything}, {@code default} expand; unknown names add nothing) and always emits them in
 * Redis's fixed order. Values come from the live server ({@link ServerInfoSections}) and the
 * per-command counters ({@link CommandStatsSections}). RESP3 clients get a verbatim {@code txt} string.
 */
public final class InfoCommand {
    /** Every section, in the order Redis prints them. */
    static final List<String> ORDER = List.of("server", "clients", "memory", "persistence", "stats", "replication",
            "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace", "tls");
    private static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private final ServerInfoSections serverSections;
    private final CommandStatsSections commandSections;
    private final ServerContext server;
    private final ExtraInfoSections extraSections;

    public InfoCommand(ServerContext server) {
        this.server = server;
        this.serverSections = new ServerInfoSections(server);
        this.commandSections = new CommandStatsSections(server);
        this.extraSections = server.extraInfo();
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("info", -1).flags(LOADING, STALE).acl(AclCategory.DANGEROUS)
                .args("section:string?*")
                .group("server").since("1.0.0").summary("Get information and statistics about the server")
                .complexity("O(1)")
                .history("7.0.0", "Added support for taking multiple section arguments.")
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .handler(this::info));
    }

    private void info(CommandContext ctx) {
        Set<String> wanted = new HashSet<>();
        byte[][] argv = ctx.argv();
        if (argv.length == 1) {
            wanted.addAll(DEFAULT);
        }
        for (int i = 1; i < argv.length; i++) {
            String name = Args.text(argv[i]).toLowerCase(Locale.ROOT);
            switch (name) {
                case "all", "everything" -> wanted.addAll(ORDER);
                case "default" -> wanted.addAll(DEFAULT);
                default -> wanted.add(name);
            }
        }
        ctx.reply().verbatim("txt", render(wanted, (Session) ctx));
    }

    /** The INFO text of the {@code wanted} sections. */
    String render(Set<String> wanted, Session session) {
        InfoText out = new InfoText();
        for (String section : ORDER) {
            if (!wanted.contains(section)) {
                continue;
            }
            switch (section) {
                case "commandstats" -> commandSections.commandStats(out);
                case "errorstats" -> commandSections.errorStats(out);
                case "latencystats" -> commandSections.latencyStats(out);
                case "tls" -> TlsInfoSection.write(server.tls(), out);
                default -> serverSections.write(section, out, session);
            }
        }
        if (wanted.contains("security")) {
            session.server().acl().writeInfo(out); // Redoubt's own section: asked for by name only
        }
        extraSections.write(wanted, out);
        return out.toString();
    }
}
