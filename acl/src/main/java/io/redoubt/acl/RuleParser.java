package io.redoubt.acl;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies Redis 7 ACL rules ({@code on}, {@code >pw}, {@code ~pattern}, {@code +@read},
 * {@code (selector)} ...) to a user's state, with Redis's reasons for the rules it rejects. Command
 * names and categories come from the command table; a rule may also name a Redis 7.0 command the
 * table lacks ({@link RedisCommandNames}), which is kept but allows nothing that could run.
 */
public final class RuleParser {
    static final String SYNTAX = "Syntax error";
    static final String UNKNOWN = "Unknown command or category name in ACL";
    static final String KEYS_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid "
            + "and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
    static final String CHANNELS_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allchannels' flag) is not "
            + "valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels";
    static final String NO_SUCH_PASSWORD = "The password you are trying to remove from the user does not exist";
    static final String BAD_HASH = "The password hash must be exactly 64 characters and contain only lowercase "
            + "hexadecimal characters";
    static final String SUBCOMMAND_FIRST_ARG = "Allowing first-arg of a subcommand is not supported";

    /** Redis's own command names: rules may name any of them, as in Redis. */
    private static final RedisCommandNames REDIS = RedisCommandNames.REDIS_7_0;

    private final CommandTable table;

    public RuleParser(CommandTable table) {
        this.table = table;
    }

    public CommandTable table() {
        return table;
    }

    /** A fresh selector with every bit off; channels follow {@code acl-pubsub-default}. */
    Selector newSelector(boolean allChannelsByDefault) {
        return new Selector(allChannelsByDefault);
    }

    /** Applies one user-level rule (which may be a whole {@code (selector)}) to {@code user}. */
    void applyUserRule(UserState user, String rule, boolean allChannelsByDefault) throws AclRuleException {
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> user.enabled = true;
            case "off" -> user.enabled = false;
            case "skip-sanitize-payload" -> user.payload = UserState.Payload.SKIP;
            case "sanitize-payload" -> user.payload = UserState.Payload.SANITIZE;
            case "nopass" -> {
                user.nopass = true;
                user.passwords.clear();
            }
            case "resetpass" -> {
                user.nopass = false;
                user.passwords.clear();
            }
            case "clearselectors" -> user.selectors.clear();
            case "reset" -> {
                applyUserRule(user, "resetpass", allChannelsByDefault);
                applySelectorRule(user.root, "resetkeys");
                applySelectorRule(user.root, "resetchannels");
                if (allChannelsByDefault) {
                    applySelectorRule(user.root, "allchannels");
                }
                user.enabled = false;
                user.payload = UserState.Payload.SANITIZE;
                user.selectors.clear();
                applySelectorRule(user.root, "-@all");
            }
            default -> applyOther(user, rule, allChannelsByDefault);
        }
    }

    private void applyOther(UserState user, String rule, boolean allChannelsByDefault) throws AclRuleException {
        if (rule.startsWith(">")) {
            addPassword(user, Secret.of(rule.substring(1)).hash());
        } else if (rule.startsWith("#")) {
            addPassword(user, hash(rule.substring(1)));
        } else if (rule.startsWith("<")) {
            removePassword(user, Secret.of(rule.substring(1)).hash());
        } else if (rule.startsWith("!")) {
            removePassword(user, hash(rule.substring(1)));
        } else if (rule.startsWith("(") && rule.endsWith(")")) {
            Selector s = newSelector(allChannelsByDefault);
            for (String part : rule.substring(1, rule.length() - 1).split(" ")) {
                if (!part.isEmpty()) {
                    applySelectorRule(s, part);
                }
            }
            user.selectors.add(s);
        } else {
            applySelectorRule(user.root, rule);
        }
    }

    private static PasswordHash hash(String hex) throws AclRuleException {
        if (!PasswordHash.isValid(hex)) {
            throw new AclRuleException(BAD_HASH);
        }
        return new PasswordHash(hex);
    }

    private static void addPassword(UserState user, PasswordHash h) {
        if (!user.passwords.contains(h)) {
            user.passwords.add(h);
        }
        user.nopass = false;
    }

    private static void removePassword(UserState user, PasswordHash h) throws AclRuleException {
        if (!user.passwords.remove(h)) {
            throw new AclRuleException(NO_SUCH_PASSWORD);
        }
    }

    /** Applies one rule about keys, channels or commands to a selector. */
    void applySelectorRule(Selector s, String rule) throws AclRuleException {
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "allkeys" -> {
                s.allKeys = true;
                s.keys.clear();
                return;
            }
            case "resetkeys" -> {
                s.allKeys = false;
                s.keys.clear();
                return;
            }
            case "allchannels" -> {
                s.allChannels = true;
                s.channels.clear();
                return;
            }
            case "resetchannels" -> {
                s.allChannels = false;
                s.channels.clear();
                return;
            }
            case "allcommands", "+@all" -> {
                s.allowed.clear();
                s.allowed.set(0, table.allSpecs().size());
                s.futureCommands = true;
                s.allCommands = true;
                s.firstArgs.clear();
                s.absentCommands.clear();
                return;
            }
            case "nocommands", "-@all" -> {
                s.allowed.clear();
                s.futureCommands = false;
                s.allCommands = false;
                s.firstArgs.clear();
                s.absentCommands.clear();
                return;
            }
            default -> { }
        }
        char first = rule.isEmpty() ? 0 : rule.charAt(0);
        switch (first) {
            case '~', '%' -> addKeyPattern(s, rule);
            case '&' -> addChannel(s, rule.substring(1));
            case '+', '-' -> commandRule(s, rule, first == '+');
            default -> throw new AclRuleException(SYNTAX);
        }
    }

    private static void addKeyPattern(Selector s, String rule) throws AclRuleException {
        boolean read;
        boolean write;
        int offset;
        if (rule.charAt(0) == '~') {
            read = true;
            write = true;
            offset = 1;
        } else {
            read = false;
            write = false;
            int i = 1;
            for (; i < rule.length() && rule.charAt(i) != '~'; i++) {
                char c = Character.toUpperCase(rule.charAt(i));
                if (c == 'R' && !read) {
                    read = true;
                } else if (c == 'W' && !write) {
                    write = true;
                } else {
                    throw new AclRuleException(SYNTAX);
                }
            }
            if (i >= rule.length() || (!read && !write)) {
                throw new AclRuleException(SYNTAX);
            }
            offset = i + 1;
        }
        if (s.allKeys) {
            throw new AclRuleException(KEYS_AFTER_ALL);
        }
        String pattern = rule.substring(offset);
        if (hasSpaceOrNul(pattern)) {
            throw new AclRuleException(SYNTAX);
        }
        if (pattern.equals("*") && read && write) {
            s.allKeys = true;
            s.keys.clear();
            return;
        }
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < s.keys.size(); i++) {
            KeyPattern k = s.keys.get(i);
            if (java.util.Arrays.equals(k.pattern(), p)) {
                s.keys.set(i, new KeyPattern(p, k.read() || read, k.write() || write));
                return;
            }
        }
        s.keys.add(new KeyPattern(p, read, write));
    }

    private static void addChannel(Selector s, String pattern) throws AclRuleException {
        if (hasSpaceOrNul(pattern)) {
            throw new AclRuleException(SYNTAX);
        }
        if (pattern.equals("*")) {
            s.allChannels = true;
            s.channels.clear();
            return;
        }
        if (s.allChannels) {
            throw new AclRuleException(CHANNELS_AFTER_ALL);
        }
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        if (!s.hasChannel(p)) {
            s.channels.add(p);
        }
    }

    private void commandRule(Selector s, String rule, boolean allow) throws AclRuleException {
        String body = rule.substring(1);
        if (body.startsWith("@")) {
            AclCategory category = AclCategory.byName(body.substring(1));
            if (category == null) {
                throw new AclRuleException(UNKNOWN);
            }
            setCategory(s, table.commands(), category, allow);
            setAbsentCategory(s, category, allow);
            if (!allow) {
                s.allCommands = false;
            }
            return;
        }
        int bar = body.indexOf('|');
        if (bar < 0) {
            CommandSpec spec = table.lookup(body);
            if (spec == null) {
                absentCommand(s, body, allow);
                return;
            }
            change(s, spec, allow);
            return;
        }
        CommandSpec parent = table.lookup(body.substring(0, bar));
        String rest = body.substring(bar + 1);
        if (rest.isEmpty()) {
            throw new AclRuleException(parent == null && !REDIS.contains(body.substring(0, bar)) ? UNKNOWN : SYNTAX);
        }
        if (parent == null) {
            absentCommand(s, body, allow);
            return;
        }
        int bar2 = rest.indexOf('|');
        if (parent.isContainer()) {
            CommandSpec sub = parent.subcommand(bar2 < 0 ? rest : rest.substring(0, bar2));
            if (sub == null && REDIS.contains(body.substring(0, bar2 < 0 ? body.length() : bar + 1 + bar2))) {
                if (bar2 >= 0) {
                    throw new AclRuleException(allow ? SUBCOMMAND_FIRST_ARG : UNKNOWN);
                }
                absentCommand(s, body, allow); // a subcommand Redis has and Redoubt does not run
                return;
            }
            if (sub == null) {
                throw new AclRuleException(UNKNOWN);
            }
            if (bar2 >= 0) {
                throw new AclRuleException(allow ? SUBCOMMAND_FIRST_ARG : UNKNOWN);
            }
            change(s, sub, allow);
            return;
        }
        if (bar2 >= 0 || !allow) {
            throw new AclRuleException(UNKNOWN);
        }
        // First-arg rule (+select|0): allowed first arguments of a command that stays denied otherwise.
        // Redis 7.0 accepts blanks here and then writes them raw into ACL LIST and the aclfile, where a
        // newline starts a new user line; Redoubt refuses them as it refuses them in key patterns.
        if (hasSpaceOrNul(rest)) {
            throw new AclRuleException(SYNTAX);
        }
        if (!s.allowed.get(parent.id())) {
            List<String> args = s.firstArgs.computeIfAbsent(parent.id(), k -> new ArrayList<>());
            if (args.stream().noneMatch(rest::equalsIgnoreCase)) {
                args.add(rest);
            }
        }
    }

    /**
     * A rule naming a command or subcommand that Redis 7.0 has and the command table lacks, or a
     * first-arg rule on such a command: accepted as Redis accepts it and kept for the description
     * (the command cannot run here whatever the rule says). Anything else is Redis's unknown-name error.
     */
    private static void absentCommand(Selector s, String body, boolean allow) throws AclRuleException {
        String name = body.toLowerCase(Locale.ROOT);
        if (REDIS.contains(name)) {
            // as ACLChangeSelectorPerm: the rule replaces earlier ones on the command, its
            // subcommands and its first arguments
            s.absentCommands.keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "|"));
            s.absentCommands.put(name, allow);
            if (!allow) {
                s.allCommands = false;
            }
            return;
        }
        int bar = name.indexOf('|');
        String command = bar < 0 ? name : name.substring(0, bar);
        if (bar < 0 || !REDIS.contains(command)) {
            throw new AclRuleException(UNKNOWN);
        }
        String arg = body.substring(bar + 1);
        if (REDIS.isContainer(command)) {
            throw new AclRuleException(arg.indexOf('|') >= 0 && allow ? SUBCOMMAND_FIRST_ARG : UNKNOWN);
        }
        if (!allow || arg.indexOf('|') >= 0) {
            throw new AclRuleException(UNKNOWN);
        }
        if (hasSpaceOrNul(arg)) {
            throw new AclRuleException(SYNTAX); // as for the commands Redoubt has, see commandRule
        }
        if (!Boolean.TRUE.equals(s.absentCommands.get(command))) {
            String key = command + "|" + arg; // the argument as written, compared without case as Redis does
            if (s.absentCommands.keySet().stream().noneMatch(key::equalsIgnoreCase)) {
                s.absentCommands.put(key, true);
            }
        }
    }

    /** A category rule also decides the Redis commands of that category that rules named. */
    private static void setAbsentCategory(Selector s, AclCategory c, boolean allow) {
        var it = s.absentCommands.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            boolean firstArg = !REDIS.contains(e.getKey());
            String command = firstArg ? e.getKey().substring(0, e.getKey().indexOf('|')) : e.getKey();
            if (REDIS.categories(command).contains(c)) {
                if (firstArg) {
                    it.remove();
                } else {
                    e.setValue(allow);
                }
            }
        }
    }

    /** Redis's ACLChangeSelectorPerm: the command and all its subcommands; first-arg rules forgotten. */
    private static void change(Selector s, CommandSpec spec, boolean allow) {
        s.allowed.set(spec.id(), allow);
        s.firstArgs.remove(spec.id());
        for (CommandSpec sub : spec.subcommands().values()) {
            s.allowed.set(sub.id(), allow);
            s.firstArgs.remove(sub.id());
        }
        if (!allow) {
            s.allCommands = false;
        }
    }

    private static void setCategory(Selector s, Iterable<CommandSpec> commands, AclCategory c, boolean allow) {
        for (CommandSpec spec : commands) {
            if (spec.categories().contains(c)) {
                change(s, spec, allow);
            }
            if (spec.isContainer()) {
                setCategory(s, spec.subcommands().values(), c, allow);
            }
        }
    }

    /**
     * Whether {@code s} holds a blank ({@code isspace}: space, tab, newline, vertical tab, form feed,
     * carriage return) or a NUL, as Redis's ACLStringHasSpaces: such a word would split or end a line
     * of the aclfile or of ACL LIST, so user names, key and channel patterns may not hold one.
     */
    public static boolean hasSpaceOrNul(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a list of rules as ACL SETUSER and config lines give them, joining the words of a
     * {@code (selector)} that spans several arguments; an unclosed one is Redis's error.
     */
    public static List<String> mergeSelectorArgs(List<String> words) throws AclRuleException {
        List<String> out = new ArrayList<>();
        StringBuilder open = null;
        String openedAt = null;
        for (String w : words) {
            if (open == null && w.startsWith("(") && !w.endsWith(")")) {
                open = new StringBuilder(w);
                openedAt = w;
            } else if (open != null) {
                open.append(' ').append(w);
                if (w.endsWith(")")) {
                    out.add(open.toString());
                    open = null;
                }
            } else {
                out.add(w);
            }
        }
        if (open != null) {
            throw new AclRuleException("Unmatched parenthesis in acl selector starting at '" + openedAt + "'.");
        }
        return out;
    }
}
