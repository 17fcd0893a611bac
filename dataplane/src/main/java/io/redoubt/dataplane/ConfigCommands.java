package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.Glob;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.config.ConfigRewrite;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONFIG GET, SET, RESETSTAT, REWRITE and HELP over the server's {@link ConfigRegistry}, with Redis
 * 7.0's replies and error texts. Runs on the shard thread, so a change applied to the shard takes
 * effect before the next command.
 */
public final class ConfigCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigCommands.class);
    private static final String[] HELP = {
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
        "HELP",
        "    Prints this help.",
    };

    private final ServerContext server;

    public ConfigCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("config", -2).acl(AclCategory.SLOW).group("server").since("2.0.0")
                .summary("A container for server configuration commands").complexity("Depends on subcommand.")
                .sub(admin("get", -3, "2.0.0", "Get the values of configuration parameters",
                        "O(N) when N is the number of configuration parameters provided").handler(this::get)
                        .args("parameter:block*(parameter:string)")
                        .history("7.0.0", "Added the ability to pass multiple pattern parameters in one call"))
                .sub(admin("set", -4, "2.0.0", "Set configuration parameters to the given values",
                        "O(N) when N is the number of configuration parameters provided")
                        .args("parameter_value:block*(parameter:string value:string)")
                        .history("7.0.0", "Added the ability to set multiple parameters in one call.")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(this::set))
                .sub(admin("resetstat", 2, "2.0.0", "Reset the stats returned by INFO", "O(1)").handler(this::resetStat)
)
                .sub(admin("rewrite", 2, "2.8.0", "Rewrite the configuration file with the in memory configuration",
                        "O(1)").handler(this::rewrite)
)
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.SLOW).group("server")
                        .since("5.0.0").summary("Show helpful text about the different subcommands")
                        .complexity("O(1)").handler(this::help)));
    }

    private static CommandSpec.Builder admin(String name, int arity, String since, String summary,
                                             String complexity) {
        return CommandSpec.builder(name, arity).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .acl(AclCategory.ADMIN, AclCategory.SLOW, AclCategory.DANGEROUS).group("server")
                .since(since)
                .summary(summary).complexity(complexity);
    }

    /**
     * CONFIG GET pattern [pattern ...]: a name without glob characters answers under the name as given;
     * a pattern matches parameter names and aliases case-insensitively, an alias answering under its
     * own name as in Redis 7.0; each name appears once.
     */
    private void get(CommandContext ctx) {
        ConfigRegistry config = server.config();
        byte[][] argv = ctx.argv();
        Map<String, String[]> matches = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            String pattern = new String(argv[i], StandardCharsets.UTF_8);
            if (pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
                ConfigParameter p = config.parameter(pattern);
                String key = pattern.toLowerCase(Locale.ROOT);
                if (p != null && !matches.containsKey(key)) {
                    matches.put(key, new String[] {pattern, config.get(p.name())});
                }
                continue;
            }
            for (String name : config.names()) {
                if (!matches.containsKey(name) && Glob.matches(pattern, name, true)) {
                    matches.put(name, new String[] {name, config.get(name)});
                }
            }
        }
        ReplySink reply = ctx.reply();
        reply.map(matches.size());
        for (String[] m : matches.values()) {
            reply.bulk(m[0]);
            reply.bulk(m[1]);
        }
    }

    /** CONFIG SET name value [name value ...]: all or nothing. */
    private void set(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if ((argv.length & 1) != 0) {
            throw new CommandException(Errors.SYNTAX);
        }
        List<String> pairs = new ArrayList<>(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            pairs.add(new String(argv[i], StandardCharsets.UTF_8));
        }
        try {
            server.config().setAll(pairs, true);
            List<String> names = parameterNames(pairs);
            server.audit().configChanged(ctx instanceof Session s ? s : null, names, describe(names));
        } catch (ConfigRegistry.SetFailure f) {
            if (f.getMessage().equals("unknown")) {
                throw new CommandException("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + f.parameter() + "'");
            }
            throw new CommandException("ERR CONFIG SET failed (possibly related to argument '" + f.parameter()
                    + "') - " + f.getMessage());
        }
        ctx.reply().ok();
    }

    /** Each parameter with its value now, except sensitive ones, whose values are never shown. */
    private String describe(List<String> names) {
        StringBuilder detail = new StringBuilder();
        for (String name : names) {
            io.redoubt.engine.config.ConfigParameter p = server.config().parameter(name);
            if (detail.length() > 0) {
                detail.append(' ');
            }
            detail.append(name).append('=');
            if (p == null || p.sensitive()) {
                detail.append("(redacted)");
            } else {
                detail.append('"').append(server.config().get(name)).append('"');
            }
        }
        return detail.toString();
    }

    /** The names of CONFIG SET's name/value pairs: never their values, which may be secrets. */
    private static List<String> parameterNames(List<String> pairs) {
        List<String> names = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            names.add(pairs.get(i).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private void resetStat(CommandContext ctx) {
        server.stats().reset();
        server.shard().stats().reset();
        ctx.reply().ok();
    }

    private void rewrite(CommandContext ctx) {
        ConfigRewrite action = server.configRewrite();
        if (action == null) {
            throw new CommandException(Errors.NO_CONFIG_FILE);
        }
        try {
            action.rewrite();
        } catch (IOException e) {
            LOG.warn("CONFIG REWRITE failed: {}", e.toString());
            throw new CommandException("ERR Rewriting config file: " + e.getMessage());
        }
        LOG.info("CONFIG REWRITE executed with success.");
        ctx.reply().ok();
    }

    private void help(CommandContext ctx) {
        ReplySink reply = ctx.reply();
        reply.array(HELP.length);
        for (String line : HELP) {
            reply.simple(line);
        }
    }
}
