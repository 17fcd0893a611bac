package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;

/**
 * MODULE on a server that loads no modules: LIST is empty and HELP is Redis's, so tools that list
 * modules work; LOAD, LOADEX and UNLOAD are refused. With {@code enable-module-command no} (the
 * default, as in Redis) they get Redis's own refusal; when an operator has allowed the command, the
 * refusal says that Redoubt does not load modules at all, rather than pointing at a log.
 */
public final class ModuleCommands {
    private final ServerContext server;

    public ModuleCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(spec("module", -2, "4.0.0", "A container for module commands",
                "Depends on subcommand.")
                .sub(spec("help", 2, "5.0.0", "Show helpful text about the different subcommands",
                        "O(1)")
                        .flags(LOADING, STALE)
                        .handler(this::help))
                .sub(spec("list", 2, "4.0.0", "List all modules loaded by the server",
                        "O(N) where N is the number of loaded modules.")
                        .flags(ADMIN, NOSCRIPT)
                        .tips("nondeterministic_output_order")
                        .handler(this::list))
                .sub(spec("load", -3, "4.0.0", "Load a module",
                        "O(1)")
                        .args("path:string arg:string?*")
                        .flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING)
                        .handler(this::load))
                .sub(spec("loadex", -3, "7.0.0", "Load a module with extended parameters",
                        "O(1)")
                        .args("path:string configs:block=CONFIG?*+(name:string value:string) args:block=ARGS?*(arg:string)")
                        .flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING)
                        .handler(this::load))
                .sub(spec("unload", 3, "4.0.0", "Unload a module",
                        "O(1)")
                        .args("name:string")
                        .flags(ADMIN, NOSCRIPT, NO_ASYNC_LOADING)
                        .handler(this::unload)));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, String complexity) {
        return CommandSpec.builder(name, arity).group("server").since(since).summary(summary).complexity(complexity);
    }

    private void help(CommandContext ctx) {
        HelpReply.write(ctx.reply(), "module",
                "LIST",
                "    Return a list of loaded modules.",
                "LOAD <path> [<arg> ...]",
                "    Load a module library from <path>, passing to it any optional arguments.",
                "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
                "    Load a module library from <path>, while passing it module configurations and optional arguments.",
                "UNLOAD <name>",
                "    Unload a module.");
    }

    private void list(CommandContext ctx) {
        ctx.reply().array(0);
    }

    private void load(CommandContext ctx) {
        refuseUnlessEnabled(ctx);
        throw new CommandException("ERR Error loading the extension. Redoubt does not support modules.");
    }

    private void unload(CommandContext ctx) {
        refuseUnlessEnabled(ctx);
        // true of Redis with nothing loaded, and of Redoubt always
        throw new CommandException("ERR Error unloading module: no such module with that name");
    }

    /** Redis refuses LOAD, LOADEX and UNLOAD unless enable-module-command allows this client. */
    private void refuseUnlessEnabled(CommandContext ctx) {
        if (!server.settings().moduleCommand().permits(((Session) ctx).isLocal())) {
            throw new CommandException("ERR MODULE command not allowed. If the enable-module-command option is set to "
                    + "\"local\", you can run it from a local connection, otherwise you need to set this option in "
                    + "the configuration file, and then restart the server.");
        }
    }
}
