package io.redoubt.acl;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.Glob;
import io.redoubt.engine.command.KeySpec;
import java.util.Arrays;

/**
 * The one place that decides whether a user may run a command with its arguments, as Redis 7's
 * ACLCheckAllUserCommandPerm: a command runs when any selector allows the command, every key in the
 * access its key spec asks for (read for ACCESS; write for INSERT, DELETE, UPDATE), and every
 * channel. Keys come from the command table's key specs, never from per-command code.
 */
public final class Authorizer {
    private Authorizer() {
    }

    /** Null when {@code user} may run {@code spec} with {@code argv}; otherwise the most relevant denial. */
    public static Denial check(UserState user, CommandSpec spec, byte[][] argv) {
        Selector root = user.root;
        if (root.allCommands && root.allKeys && root.allChannels) {
            return null; // the fast path for unrestricted users (the default user)
        }
        Denial best = check(root, spec, argv);
        if (best == null) {
            return null;
        }
        for (Selector s : user.selectors) {
            Denial d = check(s, spec, argv);
            if (d == null) {
                return null;
            }
            if (d.moreRelevantThan(best)) {
                best = d;
            }
        }
        return best;
    }

    static Denial check(Selector s, CommandSpec spec, byte[][] argv) {
        if (!s.allCommands && !spec.has(CommandFlag.NO_AUTH) && !s.allowed.get(spec.id())
                && !(argv.length >= 2 && s.allowsFirstArg(spec.id(), argv[1]))) {
            return new Denial(Denial.Reason.COMMAND, 0);
        }
        if (!s.allKeys) {
            int[] denied = {-1};
            spec.keysWithFlags(argv, (i, flags) -> {
                boolean read = flags.contains(KeySpec.Flag.ACCESS);
                boolean write = flags.contains(KeySpec.Flag.INSERT) || flags.contains(KeySpec.Flag.DELETE)
                        || flags.contains(KeySpec.Flag.UPDATE);
                if (denied[0] < 0 && !keyAllowed(s, argv[i], read, write)) {
                    denied[0] = i;
                }
            });
            if (denied[0] >= 0) {
                return new Denial(Denial.Reason.KEY, denied[0]);
            }
        }
        if (!s.allChannels && ChannelArguments.has(spec)) {
            boolean pattern = ChannelArguments.patterns(spec);
            int[] denied = {-1};
            ChannelArguments.channels(spec, argv, i -> {
                if (denied[0] < 0 && !channelAllowed(s, argv[i], pattern)) {
                    denied[0] = i;
                }
            });
            if (denied[0] >= 0) {
                return new Denial(Denial.Reason.CHANNEL, denied[0]);
            }
        }
        return null;
    }

    /**
     * Whether one selector both allows {@code spec} with {@code argv} and reads every key (all keys,
     * or the literal pattern {@code *} with read access: {@code ~*} or {@code %R~*}; a pattern that
     * merely matches much, like {@code ?*}, does not count), as Redis's
     * ACLUserCheckCmdWithUnrestrictedKeyAccess with CMD_KEY_ACCESS. SORT asks it before following BY
     * and GET patterns, whose keys come from the data and so appear in no key spec.
     */
    public static boolean mayReadEveryKey(UserState user, CommandSpec spec, byte[][] argv) {
        if (readsEveryKey(user.root) && check(user.root, spec, argv) == null) {
            return true;
        }
        for (Selector s : user.selectors) {
            if (readsEveryKey(s) && check(s, spec, argv) == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsEveryKey(Selector s) {
        if (s.allKeys) {
            return true;
        }
        for (KeyPattern p : s.keys) {
            if (p.read() && p.pattern().length == 1 && p.pattern()[0] == '*') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a subscription (a channel, or a pattern when {@code isPattern}) is still allowed by one
     * of the user's selectors; a subscriber that lost one is disconnected, as Redis does.
     */
    public static boolean maySubscribe(UserState user, byte[] channel, boolean isPattern) {
        if (channelAllowed(user.root, channel, isPattern)) {
            return true;
        }
        for (Selector s : user.selectors) {
            if (channelAllowed(s, channel, isPattern)) {
                return true;
            }
        }
        return false;
    }

    static boolean keyAllowed(Selector s, byte[] key, boolean read, boolean write) {
        if (s.allKeys) {
            return true;
        }
        for (KeyPattern p : s.keys) {
            if (p.grants(read, write) && Glob.matches(p.pattern(), key, false)) {
                return true;
            }
        }
        return false;
    }

    /** A pattern subscription is allowed only by the identical pattern; a channel by any matching one. */
    static boolean channelAllowed(Selector s, byte[] channel, boolean isPattern) {
        if (s.allChannels) {
            return true;
        }
        for (byte[] p : s.channels) {
            if (isPattern ? Arrays.equals(p, channel) : Glob.matches(p, channel, false)) {
                return true;
            }
        }
        return false;
    }
}
