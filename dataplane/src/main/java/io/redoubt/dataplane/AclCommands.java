package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.acl.AclLog;
import io.redoubt.acl.AclRuleException;
import io.redoubt.acl.AclUser;
import io.redoubt.acl.Authorizer;
import io.redoubt.acl.Denial;
import io.redoubt.acl.RuleParser;
import io.redoubt.acl.Selector;
import io.redoubt.acl.UserDescription;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** ACL and its subcommands, as Redis 7.0: users, rules, the ACL LOG, DRYRUN, LOAD and SAVE. */
public final class AclCommands {
    static final String MANAGED = "ERR this database's users are managed by the control plane: change them with its "
            + "REST API (/v1/users, /v1/roles, /v1/redis_acls, and the database's roles_permissions)";

    private static final String[] HELP = {
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.",
    };
    static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may want "
            + "to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a "
            + "Redis configuration file set) in order to store users in the Redis configuration.";

    private final ServerContext server;
    private final SecureRandom random = new SecureRandom();

    public AclCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("acl", -2).group("server").since("6.0.0")
                .summary("A container for Access List Control commands ").complexity("Depends on subcommand.")
                .sub(sub("cat", -2, false).args("categoryname:string?").summary("List the ACL categories or the commands inside a category")
                        .complexity("O(1) since the categories and commands are a fixed set.").handler(this::cat))
                .sub(sub("deluser", -3, true).args("username:string*").summary("Remove the specified ACL users and the associated rules")
                        .complexity("O(1) amortized time considering the typical user.").handler(this::deluser))
                .sub(sub("dryrun", -4, true).since("7.0.0").args("username:string command:string arg:string?*").complexity("O(1).")
                        .summary("Returns whether the user can execute the given command without executing the command.")
                        .handler(this::dryrun))
                .sub(sub("genpass", -2, false).complexity("O(1)").args("bits:integer?")
                        .summary("Generate a pseudorandom secure password to use for ACL users").handler(this::genpass))
                .sub(sub("getuser", 3, true).complexity("O(N). Where N is the number of password, command and pattern rules that the user has.")
                        .summary("Get the rules for a specific ACL user").args("username:string")
                        .history("6.2.0", "Added Pub/Sub channel patterns.")
                        .history("7.0.0", "Added selectors and changed the format of key and channel patterns from a list to their rule representation.")
                        .handler(this::getuser))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("server").since("6.0.0")
                        .complexity("O(1)").summary("Show helpful text about the different subcommands")
                        .handler(ctx -> HelpReply.write(ctx.reply(), "acl", HELP)))
                .sub(sub("list", 2, true).complexity("O(N). Where N is the number of configured users.")
                        .summary("List the current ACL rules in ACL config file format").handler(this::list))
                .sub(sub("load", 2, true).complexity("O(N). Where N is the number of configured users.")
                        .summary("Reload the ACLs from the configured ACL file").handler(this::load))
                .sub(sub("log", -2, true).complexity("O(N) with N being the number of entries shown.")
                        .args("operation:oneof?(count:integer RESET)")
                        .summary("List latest events denied because of ACLs in place").handler(this::log))
                .sub(sub("save", 2, true).complexity("O(N). Where N is the number of configured users.")
                        .summary("Save the current ACL rules in the configured ACL file").handler(this::save))
                .sub(sub("setuser", -3, true).complexity("O(N). Where N is the number of rules provided.")
                        .summary("Modify or create the rules for a specific ACL user")
                        .args("username:string rule:string?*")
                        .history("6.2.0", "Added Pub/Sub channel patterns.")
                        .history("7.0.0", "Added selectors and key based permissions.")
                        .handler(this::setuser))
                .sub(sub("users", 2, true).complexity("O(N). Where N is the number of configured users.")
                        .summary("List the username of all the configured ACL rules").handler(this::users))
                .sub(sub("whoami", 2, false).complexity("O(1)")
                        .summary("Return the name of the user associated to the current connection")
                        .handler(ctx -> ctx.reply().bulk(((Session) ctx).user()))));
    }

    private static CommandSpec.Builder sub(String name, int arity, boolean admin) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).flags(NOSCRIPT, LOADING, STALE)
                .group("server").since("6.0.0");
        if (admin) {
            b.flags(ADMIN);
        }
        return b;
    }

    private UserDirectory users() {
        return server.acl().users();
    }

    private static CommandException syntax(CommandContext ctx) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                + Args.text(ctx.argv()[1]) + "'. Try ACL HELP.");
    }

    private void cat(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        ReplySink r = ctx.reply();
        if (argv.length == 2) {
            AclCategory[] all = AclCategory.values();
            r.array(all.length);
            for (AclCategory c : all) {
                r.bulk(c.wireName());
            }
            return;
        }
        if (argv.length != 3) {
            throw syntax(ctx);
        }
        AclCategory c = AclCategory.byName(Args.text(argv[2]));
        if (c == null) {
            throw new CommandException("ERR Unknown category '" + Args.text(argv[2]) + "'");
        }
        List<String> names = new ArrayList<>();
        collect(server.commands().commands(), c, names);
        r.array(names.size());
        for (String n : names) {
            r.bulk(n);
        }
    }

    private static void collect(Iterable<CommandSpec> specs, AclCategory c, List<String> out) {
        for (CommandSpec s : specs) {
            if (s.categories().contains(c)) {
                out.add(s.fullName());
            }
            if (s.isContainer()) {
                collect(s.subcommands().values(), c, out);
            }
        }
    }

    /** On a database of a node, users change only through the control plane, as on RE. */
    private void refuseWhenManaged() {
        if (server.acl().database().managedByControlPlane()) {
            throw new CommandException(MANAGED);
        }
    }

    private void deluser(CommandContext ctx) {
        refuseWhenManaged();
        byte[][] argv = ctx.argv();
        int deleted = 0;
        for (int i = 2; i < argv.length; i++) {
            String name = Args.text(argv[i]);
            if (name.equals(UserDirectory.DEFAULT_USER)) {
                throw new CommandException("ERR The 'default' user cannot be removed");
            }
            if (users().delete(name)) {
                deleted++;
                server.audit().aclChanged(ctx instanceof Session s ? s : null, name, "ACL DELUSER");
            }
        }
        ctx.reply().integer(deleted);
    }

    private void dryrun(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        String name = Args.text(argv[2]);
        AclUser user = users().get(name);
        if (user == null) {
            throw new CommandException("ERR User '" + name + "' not found");
        }
        byte[][] cmdArgv = Arrays.copyOfRange(argv, 3, argv.length);
        // as Redis's lookupCommand: a container named alone is itself (COMMAND runs; CONFIG fails arity)
        CommandSpec spec = server.commands().find(cmdArgv);
        if (spec == null) {
            throw new CommandException("ERR Command '" + Args.text(cmdArgv[0]) + "' not found");
        }
        if (!spec.arityAccepts(cmdArgv.length)) {
            throw new CommandException(io.redoubt.resp.Errors.wrongArity(spec.fullName()));
        }
        Denial d = Authorizer.check(user.state(), spec, cmdArgv);
        if (d == null) {
            ctx.reply().ok();
            return;
        }
        String text = switch (d.reason()) {
            case COMMAND -> "This user has no permissions to run the '" + spec.fullName() + "' command";
            case KEY -> "This user has no permissions to access the '" + Args.text(cmdArgv[d.argIndex()]) + "' key";
            case CHANNEL -> "This user has no permissions to access the '" + Args.text(cmdArgv[d.argIndex()])
                    + "' channel";
            case AUTH -> "This user has no permissions";
        };
        ctx.reply().bulk(text);
    }

    private void genpass(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long bits = 256;
        if (argv.length == 3) {
            bits = Args.parseLong(argv[2], "ERR value is not an integer or out of range");
            if (bits <= 0 || bits > 4096) {
                throw new CommandException("ERR ACL GENPASS argument must be the number of bits for the output "
                        + "password, a positive number up to 4096");
            }
        } else if (argv.length > 3) {
            throw syntax(ctx);
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] raw = new byte[(chars + 1) / 2];
        random.nextBytes(raw);
        ctx.reply().bulk(HexFormat.of().formatHex(raw).substring(0, chars));
    }

    private void getuser(CommandContext ctx) {
        AclUser user = users().get(Args.text(ctx.argv()[2]));
        ReplySink r = ctx.reply();
        if (user == null) {
            r.nullBulk();
            return;
        }
        UserState s = user.state();
        UserDescription d = users().description();
        r.map(6);
        r.bulk("flags");
        List<String> flags = UserDescription.flags(s);
        r.set(flags.size());
        flags.forEach(r::bulk);
        r.bulk("passwords");
        r.array(s.passwords().size());
        s.passwords().forEach(h -> r.bulk(h.hex()));
        selectorFields(r, d, s.root());
        r.bulk("selectors");
        r.array(s.selectors().size());
        for (Selector sel : s.selectors()) {
            r.map(3);
            selectorFields(r, d, sel);
        }
    }

    private static void selectorFields(ReplySink r, UserDescription d, Selector s) {
        r.bulk("commands");
        r.bulk(d.commands(s));
        r.bulk("keys");
        r.bulk(UserDescription.keys(s));
        r.bulk("channels");
        r.bulk(UserDescription.channels(s));
    }

    private void list(CommandContext ctx) {
        List<String> lines = new ArrayList<>();
        UserDescription d = users().description();
        for (AclUser u : users().all()) {
            lines.add(d.line(u));
        }
        ctx.reply().array(lines.size());
        lines.forEach(ctx.reply()::bulk);
    }

    private void users(CommandContext ctx) {
        List<String> names = users().names();
        ctx.reply().array(names.size());
        names.forEach(ctx.reply()::bulk);
    }

    private void log(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        AclLog log = server.acl().log();
        long count = 10;
        if (argv.length == 3) {
            if (Args.is(argv[2], "RESET")) {
                log.reset();
                ctx.reply().ok();
                return;
            }
            count = Args.parseLong(argv[2], "ERR value is not an integer or out of range");
            if (count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        } else if (argv.length > 3) {
            throw syntax(ctx);
        }
        long now = log.clock().millis();
        List<AclLog.Entry> entries = log.newest(count);
        ReplySink r = ctx.reply();
        r.array(entries.size());
        for (AclLog.Entry e : entries) {
            r.map(7);
            r.bulk("count");
            r.integer(e.count());
            r.bulk("reason");
            r.bulk(e.reason());
            r.bulk("context");
            r.bulk(e.context());
            r.bulk("object");
            r.bulk(e.object());
            r.bulk("username");
            r.bulk(e.username());
            r.bulk("age-seconds");
            r.doubleValue((now - e.lastMillis()) / 1000.0);
            r.bulk("client-info");
            r.bulk(e.clientInfo());
            // no entry-id or timestamps: Redis 7.2 added them, and Redoubt reports itself as 7.0.15
        }
    }

    private void setuser(CommandContext ctx) {
        refuseWhenManaged();
        byte[][] argv = ctx.argv();
        String name = Args.text(argv[2]);
        if (RuleParser.hasSpaceOrNul(name)) {
            throw new CommandException("ERR Usernames can't contain spaces or null characters");
        }
        List<String> words = new ArrayList<>();
        for (int i = 3; i < argv.length; i++) {
            words.add(new String(argv[i], StandardCharsets.UTF_8));
        }
        List<String> rules;
        try {
            rules = RuleParser.mergeSelectorArgs(words);
        } catch (AclRuleException e) {
            throw new CommandException("ERR " + e.getMessage());
        }
        try {
            users().setUser(name, rules);
        } catch (UserDirectory.RuleError e) {
            // Redis prints the modifier as a C string: it ends at a NUL byte
            String rule = e.rule().indexOf('\0') >= 0 ? e.rule().substring(0, e.rule().indexOf('\0')) : e.rule();
            throw new CommandException("ERR Error in ACL SETUSER modifier '" + rule + "': " + e.getMessage());
        }
        server.audit().aclChanged(ctx instanceof Session s ? s : null, name, "ACL SETUSER " + withoutSecrets(rules));
        ctx.reply().ok();
    }

    /** The rules as an event may show them: passwords and their hashes replaced by their rule's sign. */
    static String withoutSecrets(List<String> rules) {
        StringBuilder out = new StringBuilder();
        for (String r : rules) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            char first = r.isEmpty() ? ' ' : r.charAt(0);
            out.append(first == '>' || first == '<' || first == '#' || first == '!' ? first + "(redacted)" : r);
        }
        return out.toString();
    }

    private void load(CommandContext ctx) {
        refuseWhenManaged();
        java.nio.file.Path file = server.acl().aclFile();
        if (file == null) {
            throw new CommandException(NO_ACL_FILE);
        }
        try {
            server.acl().users().replaceAll(AclFile.read(file, users()));
        } catch (AclFile.Invalid e) {
            throw new CommandException("ERR " + e.getMessage());
        }
        server.audit().aclChanged(ctx instanceof Session s ? s : null, String.valueOf(file), "ACL LOAD");
        ctx.reply().ok();
    }

    private void save(CommandContext ctx) {
        refuseWhenManaged();
        java.nio.file.Path file = server.acl().aclFile();
        if (file == null) {
            throw new CommandException(NO_ACL_FILE);
        }
        try {
            AclFile.write(file, users());
        } catch (java.io.IOException e) {
            throw new CommandException("ERR There was an error trying to save the ACLs. Please check the server "
                    + "logs for more information");
        }
        ctx.reply().ok();
    }
}
