package io.redoubt.acl;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes users back as rules, the way ACL LIST, ACL GETUSER and ACL SAVE show them. Commands are
 * described as Redis does: start from {@code +@all} or {@code -@all}, greedily add the categories
 * that best fit the allowed commands, then fix the remaining differences command by command, so the
 * text is short and applying it again gives the same permissions.
 */
public final class UserDescription {
    private final CommandTable table;
    private final RuleParser parser;

    public UserDescription(RuleParser parser) {
        this.parser = parser;
        this.table = parser.table();
    }

    /** One {@code user ...} line of ACL LIST and the ACL file. */
    public String line(AclUser user) {
        UserState s = user.state();
        StringBuilder b = new StringBuilder("user ").append(user.name());
        for (String f : flags(s)) {
            b.append(' ').append(f);
        }
        for (PasswordHash h : s.passwords()) {
            b.append(" #").append(h.hex());
        }
        b.append(' ').append(selector(s.root()));
        for (Selector sel : s.selectors()) {
            b.append(" (").append(selector(sel)).append(')');
        }
        return b.toString();
    }

    /** ACL GETUSER's flags: on/off, nopass, and the payload flag when set. */
    public static List<String> flags(UserState s) {
        List<String> flags = new ArrayList<>();
        flags.add(s.enabled() ? "on" : "off");
        if (s.nopass()) {
            flags.add("nopass");
        }
        if (s.payload() == UserState.Payload.SKIP) {
            flags.add("skip-sanitize-payload");
        } else if (s.payload() == UserState.Payload.SANITIZE) {
            flags.add("sanitize-payload");
        }
        return flags;
    }

    /** A selector as rules: keys, channels (with resetchannels unless all), commands. */
    public String selector(Selector s) {
        StringBuilder b = new StringBuilder();
        if (s.allKeys()) {
            b.append("~* ");
        } else {
            for (KeyPattern k : s.keys()) {
                b.append(k.describe()).append(' ');
            }
        }
        if (s.allChannels()) {
            b.append("&* ");
        } else {
            b.append("resetchannels ");
            for (byte[] c : s.channels()) {
                b.append('&').append(new String(c, StandardCharsets.UTF_8)).append(' ');
            }
        }
        b.append(commands(s));
        return b.toString();
    }

    /** GETUSER's "keys" field: the patterns separated by spaces. */
    public static String keys(Selector s) {
        if (s.allKeys()) {
            return "~*";
        }
        List<String> parts = new ArrayList<>();
        for (KeyPattern k : s.keys()) {
            parts.add(k.describe());
        }
        return String.join(" ", parts);
    }

    /** GETUSER's "channels" field. */
    public static String channels(Selector s) {
        if (s.allChannels()) {
            return "&*";
        }
        List<String> parts = new ArrayList<>();
        for (byte[] c : s.channels()) {
            parts.add("&" + new String(c, StandardCharsets.UTF_8));
        }
        return String.join(" ", parts);
    }

    /** The command rules of a selector, e.g. {@code -@all +@read -get}. */
    public String commands(Selector s) {
        StringBuilder rules = new StringBuilder();
        Selector fake = parser.newSelector(false);
        boolean additive = !s.futureCommands;
        apply(fake, additive ? "-@all" : "+@all");
        rules.append(additive ? "-@all " : "+@all ");

        Selector temp = parser.newSelector(false);
        temp.allowed.or(s.allowed);
        EnumSet<AclCategory> applied = EnumSet.noneOf(AclCategory.class);
        while (true) {
            AclCategory best = null;
            long minDiff = Long.MAX_VALUE;
            long maxSame = 0;
            for (AclCategory c : AclCategory.values()) {
                if (applied.contains(c)) {
                    continue;
                }
                long[] onOff = new long[2];
                count(temp, table.commands(), c, onOff);
                long diff = additive ? onOff[1] : onOff[0];
                long same = additive ? onOff[0] : onOff[1];
                if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                    best = c;
                    minDiff = diff;
                    maxSame = same;
                }
            }
            if (best == null) {
                break;
            }
            String op = (additive ? "+@" : "-@") + best.wireName();
            apply(fake, op);
            apply(temp, (additive ? "-@" : "+@") + best.wireName());
            rules.append(op).append(' ');
            applied.add(best);
        }
        singleCommands(s, fake, table.commands(), rules);
        absentCommands(s, applied, additive, rules);
        int end = rules.length();
        while (end > 0 && rules.charAt(end - 1) == ' ') {
            end--;
        }
        return rules.substring(0, end);
    }

    /**
     * Rules on Redis commands the table lacks, where the starting point and the categories written
     * before them (all {@code +@} when additive, all {@code -@} otherwise) do not already say it.
     */
    private static void absentCommands(Selector s, EnumSet<AclCategory> applied, boolean additive,
                                       StringBuilder rules) {
        RedisCommandNames redis = RedisCommandNames.REDIS_7_0;
        s.absentCommands.forEach((name, allow) -> {
            boolean firstArg = name.indexOf('|') >= 0 && !redis.contains(name);
            boolean inApplied = !firstArg && redis.categories(name).stream().anyMatch(applied::contains);
            boolean described = inApplied ? additive : s.futureCommands;
            if (firstArg || allow != described) {
                rules.append(allow ? '+' : '-').append(name).append(' ');
            }
        });
    }

    private void singleCommands(Selector s, Selector fake, Collection<CommandSpec> commands, StringBuilder rules) {
        for (CommandSpec cmd : commands) {
            boolean userBit = s.allowed.get(cmd.id());
            boolean fakeBit = fake.allowed.get(cmd.id());
            if (userBit != fakeBit) {
                String op = (userBit ? "+" : "-") + cmd.fullName();
                rules.append(op).append(' ');
                apply(fake, op);
            }
            if (cmd.isContainer()) {
                singleCommands(s, fake, cmd.subcommands().values(), rules);
            }
            List<String> first = s.firstArgs.get(cmd.id());
            if (!userBit && first != null) {
                for (String a : first) {
                    rules.append('+').append(cmd.fullName()).append('|').append(a).append(' ');
                }
            }
        }
    }

    private static void count(Selector s, Collection<CommandSpec> commands, AclCategory c, long[] onOff) {
        for (CommandSpec cmd : commands) {
            if (cmd.categories().contains(c)) {
                onOff[s.allowed.get(cmd.id()) ? 0 : 1]++;
            }
            if (cmd.isContainer()) {
                count(s, cmd.subcommands().values(), c, onOff);
            }
        }
    }

    private void apply(Selector s, String rule) {
        try {
            parser.applySelectorRule(s, rule);
        } catch (AclRuleException e) {
            throw new IllegalStateException("a rule the describer built was refused: " + rule, e);
        }
    }
}
