package io.redoubt.node;

import io.redoubt.acl.AclRuleException;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import io.redoubt.dataplane.AclFile;
import io.redoubt.dataplane.AuthThrottle;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The access-control parameters: {@code requirepass}, {@code user} lines, {@code aclfile},
 * {@code acl-pubsub-default}, {@code acllog-max-len} and the brute-force throttle
 * ({@code auth-max-failures}, {@code auth-failure-window}, {@code auth-lockout-time},
 * {@code auth-tracked-sources}). User lines
 * and the ACL file are checked whole when the node starts: a bad rule stops the start with its
 * line, and a file never half-applies.
 */
final class AclParameters {
    /** One {@code user ...} line of the config file, with where it was read for error messages. */
    record UserLine(List<String> words, String where) {
    }

    private final List<UserLine> userLines = new ArrayList<>();
    private final Supplier<ServerContext> context;

    AclParameters(Supplier<ServerContext> context) {
        this.context = context;
    }

    void define(Consumer<ConfigParameter.Builder> reg) {
        reg.accept(ConfigParameter.builder("aclfile").defaultValue("").type(ConfigTypes.string()).immutable());
        reg.accept(ConfigParameter.builder("acl-pubsub-default").defaultValue("resetchannels")
                .type(ConfigTypes.oneOf("allchannels", "resetchannels"))
                .onChange(v -> with(c -> c.acl().users().allChannelsByDefault(v.equals("allchannels")))));
        reg.accept(ConfigParameter.builder("acllog-max-len").defaultValue("128")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> with(c -> c.acl().log().maxLen(Integer.parseInt(v)))));
        reg.accept(ConfigParameter.builder("auth-max-failures").defaultValue("10")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE))
                .onChange(v -> with(c -> throttle(c, Integer.parseInt(v), -1, -1))));
        reg.accept(ConfigParameter.builder("auth-failure-window").defaultValue("60")
                .type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .onChange(v -> with(c -> throttle(c, -1, Long.parseLong(v) * 1000, -1))));
        reg.accept(ConfigParameter.builder("auth-lockout-time").defaultValue("60")
                .type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .onChange(v -> with(c -> throttle(c, -1, -1, Long.parseLong(v) * 1000))));
        reg.accept(ConfigParameter.builder("auth-tracked-sources").defaultValue(Integer.toString(AuthThrottle.DEFAULT_MAX_TRACKED))
                .type(ConfigTypes.integer(1, Integer.MAX_VALUE))
                .onChange(v -> with(c -> c.acl().throttle().maxTracked(Integer.parseInt(v)))));
    }

    private static void throttle(ServerContext c, int max, long window, long lockout) {
        AuthThrottle.Settings s = c.acl().throttle().settings();
        c.acl().throttle().settings(new AuthThrottle.Settings(max >= 0 ? max : s.maxFailures(),
                window >= 0 ? window : s.windowMillis(), lockout >= 0 ? lockout : s.lockoutMillis()));
    }

    private void with(Consumer<ServerContext> change) {
        ServerContext c = context.get();
        if (c != null) {
            change.accept(c);
        }
    }

    /** {@code requirepass}: the default user's only password, or nopass when empty (Redis's mapping). */
    void requirePass(String value) throws ConfigException {
        ServerContext c = context.get();
        if (c == null) {
            return;
        }
        try {
            c.acl().users().setUser(UserDirectory.DEFAULT_USER,
                    value.isEmpty() ? List.of("nopass") : List.of("resetpass", ">" + value));
        } catch (UserDirectory.RuleError e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Takes a {@code user} line of the config file; false for any other line. */
    boolean acceptLine(List<String> words, String where) throws ConfigException {
        if (!words.get(0).equalsIgnoreCase("user")) {
            return false;
        }
        if (words.size() < 2) {
            throw new ConfigException("Unknown parameter 'user' " + where + ": a user line needs a name");
        }
        userLines.add(new UserLine(List.copyOf(words.subList(1, words.size())), where));
        return true;
    }

    /** Whether the configuration names any user or the default user's password (no secure first start then). */
    boolean explicitUsers(String requirePass, String aclFile) {
        return !userLines.isEmpty() || !requirePass.isEmpty() || !aclFile.isEmpty();
    }

    /** At start: applies the config file's user lines, or loads the ACL file; any error stops the start. */
    void start(ServerContext c, Path aclFile) throws ConfigException {
        UserDirectory users = c.acl().users();
        if (aclFile != null && !userLines.isEmpty()) {
            throw new ConfigException("Configuring Redis with users defined in redis.conf and at the same setting "
                    + "an ACL file path is invalid. This setup is very likely to lead to configuration errors and "
                    + "security holes, please define either an ACL file or declare users directly in your "
                    + "redis.conf, but not both.");
        }
        try {
            if (aclFile != null) {
                c.acl().aclFile(aclFile);
                if (java.nio.file.Files.exists(aclFile)) {
                    users.replaceAll(AclFile.read(aclFile, users));
                }
                return;
            }
            Map<String, UserState> byName = new LinkedHashMap<>();
            for (UserLine line : userLines) {
                String name = line.words().get(0);
                String declaration = "Error in user declaration '" + name + "' " + line.where() + ": ";
                if (io.redoubt.acl.RuleParser.hasSpaceOrNul(name)) {
                    // a quoted name ("a b") would split the user's line in ACL LIST, ACL SAVE and CONFIG REWRITE
                    throw new ConfigException(declaration + "Spaces not allowed in ACL usernames");
                }
                if (byName.containsKey(name)) {
                    throw new ConfigException(declaration
                            + "Duplicate user found. A user can only be defined once in config files");
                }
                try {
                    byName.put(name, AclFile.parseLine(users, line.words().subList(1, line.words().size())));
                } catch (AclRuleException e) {
                    throw new ConfigException(declaration + e.getMessage());
                } catch (UserDirectory.RuleError e) {
                    throw new ConfigException(declaration + e.getMessage() + " ('" + AclFile.shown(e.rule()) + "')");
                }
            }
            if (!byName.isEmpty()) {
                if (!byName.containsKey(UserDirectory.DEFAULT_USER)) {
                    byName.put(UserDirectory.DEFAULT_USER, users.defaultUser().state());
                }
                users.replaceAll(byName);
            }
        } catch (AclFile.Invalid e) {
            throw new ConfigException("Aborting startup because of ACL errors: " + e.getMessage());
        }
    }

    /**
     * CONFIG REWRITE, as Redis: the file's {@code user} lines become the current users (passwords as
     * hashes only), written where the first one was or at the end; none at all when an aclfile holds them
     * or when the only user is the default one exactly as {@code requirepass} describes it.
     */
    List<String> rewriteUsers(List<String> lines, ServerContext c, boolean aclFile, String signature,
                              String requirePass) {
        if (c == null) {
            return lines; // not running: the file's user lines are still the users
        }
        List<String> out = new ArrayList<>();
        List<String> users = new ArrayList<>();
        if (!aclFile) {
            for (io.redoubt.acl.AclUser u : c.acl().users().all()) {
                users.add(configLine(c.acl().users().description().line(u)));
            }
        }
        // Only the default user, exactly as requirepass makes it: requirepass alone says it all.
        String implied = "user default on " + (requirePass.isEmpty() ? "nopass"
                : "#" + io.redoubt.acl.Secret.of(requirePass).hash().hex()) + " ~* &* +@all";
        boolean hadUserLines = lines.stream().anyMatch(l -> l.strip().regionMatches(true, 0, "user ", 0, 5));
        if (!hadUserLines && users.size() == 1 && users.get(0).equals(implied)) {
            users.clear();
        }
        boolean placed = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.regionMatches(true, 0, "user ", 0, 5)) {
                if (!placed) {
                    out.addAll(users);
                    placed = true;
                }
                continue;
            }
            out.add(line);
        }
        if (!placed && !users.isEmpty()) {
            if (!out.contains(signature)) {
                out.add(signature);
            }
            out.addAll(users);
        }
        return out;
    }

    /**
     * An ACL LIST line as a redis.conf line: redis.conf reads words with quotes and escapes (an ACL
     * file does not), so each word that holds a quote, a backslash or a blank is quoted; a key pattern
     * {@code ~"*"} would otherwise come back as {@code ~*}. Words never hold an ASCII blank (the rule
     * parser refuses them), so splitting on spaces gives the line's words.
     */
    static String configLine(String aclListLine) {
        List<String> words = new ArrayList<>();
        for (String w : aclListLine.split(" ", -1)) {
            words.add(ConfigTypes.word(w));
        }
        return String.join(" ", words);
    }
}
