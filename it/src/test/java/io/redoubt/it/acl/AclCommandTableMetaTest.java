package io.redoubt.it.acl;

import static io.redoubt.it.acl.AclServers.printable;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.command.ArgumentType;
import io.redoubt.engine.command.CommandArgument;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meta-test over the command table: every command and subcommand Redoubt has is put to the ACL
 * of Redoubt and of Redis 7.0.15 with the same users and the same arguments ({@code ACL DRYRUN}),
 * and the answers must be identical. The expectation is Redis's answer, never Redoubt's own spec:
 * the table is used only to enumerate the commands and to shape plausible calls (arity, where a
 * key-spec keyword goes), so a wrong flag in a key spec, a missing key spec or a wrong category fails
 * here. A new command is covered the moment it enters the table; one Redis lacks must be listed in
 * {@link #NOT_IN_REDIS_70} with a reason.
 *
 * <p>Checked per command: {@code -command} and {@code +command}, {@code -@category} and
 * {@code +@category} for every category Redis knows; and for every argument position, a key
 * {@code t:key} there under {@code %R~t:*}, {@code %W~t:*}, {@code ~t:*} and no pattern for it.
 */
@Timeout(300)
class AclCommandTableMetaTest {
    /** Runnable specs Redis 7.0.15 does not have, and why Redoubt does. */
    static final Map<String, String> NOT_IN_REDIS_70 = Map.of(
            "client|setinfo", "Redis 7.2: Jedis and Lettuce send it on connect",
            "client|no-touch", "Redis 7.2, answered for clients that use it");

    /**
     * Commands for which Redoubt may refuse a key that Redis 7.0.15 lets through, and why. Only that
     * direction is allowed: where Redis refuses, Redoubt must refuse too.
     */
    static final Map<String, String> STRICTER_THAN_REDIS_70 = Map.of(
            "pfmerge", "PFMERGE destkey with no source: Redis 7.0 finds the source range empty, treats the "
                    + "key specs as invalid, has no getkeys proc to fall back on and so checks no key at all; "
                    + "the merge then writes destkey for a user with no right to it. Redoubt checks destkey",
            "zunionstore", "a numkeys that is not a number: Redis 7.0 falls back to its getkeys proc, which "
                    + "returns no key for a call that fails with a syntax error; Redoubt still checks the "
                    + "destination (the command fails either way)",
            "zinterstore", "as zunionstore",
            "zdiffstore", "as zunionstore");

    /** Key users: every other argument matches o:* (or is the number 1), the probe key is t:key. */
    private static final String[][] KEY_USERS = {
        {"k-r", "%R~t:*"},
        {"k-w", "%W~t:*"},
        {"k-rw", "~t:*"},
        {"k-none"},
    };

    private static AclServers servers;
    private RespClient[] admin;

    @BeforeAll
    static void start() throws Exception {
        servers = new AclServers();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void connect() {
        admin = servers.connect();
    }

    @AfterEach
    void disconnect() {
        AclServers.close(admin);
    }

    /** Every runnable spec: subcommands, and commands that are not containers (or run themselves). */
    private static List<CommandSpec> runnable() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : servers.redoubt.context().commands().allSpecs()) {
            if ((!s.isContainer() || s.handler() != null) && !NOT_IN_REDIS_70.containsKey(s.fullName())) {
                out.add(s);
            }
        }
        return out;
    }

    private void setuser(String name, String... rules) {
        List<String> args = new ArrayList<>(List.of("ACL", "SETUSER", name, "reset", "on", "nopass"));
        args.addAll(List.of(rules));
        AclServers.same(admin, args.toArray(new String[0]));
    }

    /** ACL DRYRUN on both servers; a difference is recorded with the user's rules. */
    private boolean dryrun(List<String> differences, String user, String rules, String[] argv) {
        String[] args = new String[argv.length + 3];
        args[0] = "ACL";
        args[1] = "DRYRUN";
        args[2] = user;
        System.arraycopy(argv, 0, args, 3, argv.length);
        String expected = admin[0].callText(args);
        String actual = admin[1].callText(args);
        boolean stricter = expected.equals("+OK\r\n") && actual.contains("no permissions to access the '")
                && STRICTER_THAN_REDIS_70.containsKey(argv[0].toLowerCase(java.util.Locale.ROOT));
        if (!expected.equals(actual) && !stricter) {
            differences.add(String.join(" ", argv) + " as " + rules + "\n    Redis   " + printable(expected).strip()
                    + "\n    Redoubt " + printable(actual).strip());
        }
        return expected.equals("+OK\r\n");
    }

    @Test
    void everyCommandIsRuledByItsNameAndEveryCategoryAsInRedis() {
        List<String> categories = new ArrayList<>();
        for (String line : admin[0].callText("ACL", "CAT").split("\r\n")) {
            if (!line.startsWith("*") && !line.startsWith("$")) {
                categories.add(line);
            }
        }
        assertThat(categories).hasSizeGreaterThan(20);
        for (String c : categories) {
            setuser("minus-" + c, "+@all", "-@" + c, "~*", "&*");
            setuser("only-" + c, "-@all", "+@" + c, "~*", "&*");
        }
        List<String> differences = new ArrayList<>();
        List<CommandSpec> specs = runnable();
        assertThat(specs).hasSizeGreaterThan(200);
        int allowed = 0;
        int denied = 0;
        for (CommandSpec spec : specs) {
            String[] argv = call(spec, Math.max(Math.abs(spec.arity()), 1), "o:");
            setuser("minus-cmd", "+@all", "-" + spec.fullName(), "~*", "&*");
            setuser("plus-cmd", "-@all", "+" + spec.fullName(), "~*", "&*");
            dryrun(differences, "minus-cmd", "-" + spec.fullName(), argv);
            dryrun(differences, "plus-cmd", "+" + spec.fullName(), argv);
            for (String c : categories) {
                if (dryrun(differences, "minus-" + c, "-@" + c, argv)) {
                    allowed++;
                } else {
                    denied++;
                }
                dryrun(differences, "only-" + c, "+@" + c, argv);
            }
        }
        assertThat(differences).as("commands Redoubt's ACL rules otherwise than Redis's (%d):%n%s",
                differences.size(), String.join("\n", differences)).isEmpty();
        assertThat(allowed).isGreaterThan(1000);
        assertThat(denied).isGreaterThan(200);
    }

    @Test
    void aKeyInEveryArgumentPositionIsRuledAsInRedis() {
        for (String[] u : KEY_USERS) {
            List<String> rules = new ArrayList<>(List.of("+@all", "&*", "~o:*", "~1"));
            rules.addAll(List.of(u).subList(1, u.length));
            setuser(u[0], rules.toArray(new String[0]));
        }
        List<String> differences = new ArrayList<>();
        int keyDenials = 0;
        for (CommandSpec spec : runnable()) {
            for (String[] shape : shapes(spec)) {
                int first = spec.parent() == null ? 1 : 2;
                for (int pos = first; pos < shape.length; pos++) {
                    if (shape[pos].equals(keywordAt(spec, shape, pos))) {
                        continue; // keep the keyword that makes the key spec find its keys
                    }
                    String[] probe = shape.clone();
                    probe[pos] = "t:key";
                    boolean any = false;
                    boolean all = true;
                    for (String[] u : KEY_USERS) {
                        boolean ok = dryrun(differences, u[0], String.join(" ", u), probe);
                        any |= ok;
                        all &= ok;
                    }
                    if (any && !all) {
                        keyDenials++;
                    }
                }
            }
        }
        assertThat(differences).as("key permissions Redoubt rules otherwise than Redis (%d):%n%s",
                differences.size(), String.join("\n", differences)).isEmpty();
        assertThat(keyDenials).as("probes where the key pattern decided").isGreaterThan(300);
    }

    /**
     * Calls of {@code spec} to probe: the shortest and a longer one, with o:N fillers and with the
     * number 1 as filler (so key counts like ZUNIONSTORE's numkeys find keys), and for every keyword
     * key spec (STORE, STREAMS, KEYS, ...) the keyword placed where Redis starts looking for it.
     */
    private static List<String[]> shapes(CommandSpec spec) {
        Set<List<String>> shapes = new LinkedHashSet<>();
        List<Integer> lengths = spec.arity() > 0 ? List.of(spec.arity())
                : List.of(Math.max(-spec.arity(), 2), Math.max(-spec.arity(), 2) + 3);
        for (int length : lengths) {
            for (String filler : List.of("o:", "1")) {
                shapes.add(List.of(call(spec, length, filler)));
                for (KeySpec ks : spec.keySpecs()) {
                    if (!ks.isKeyword() || spec.arity() > 0) {
                        continue;
                    }
                    int len = Math.max(length, Math.abs(ks.index()) + 3);
                    String[] argv = call(spec, len, filler);
                    int at = ks.index() > 0 ? ks.index() : len + ks.index();
                    if (at >= 1 && at < len - 1) {
                        argv[at] = ks.keywordText().toUpperCase(java.util.Locale.ROOT);
                        shapes.add(List.of(argv));
                    }
                }
            }
        }
        // a key behind a token anywhere in the call (SORT ... STORE, GEORADIUS ... STORE): the token
        // after the shortest call, then one more argument for the key
        List<String> keyTokens = new ArrayList<>();
        keyTokens(spec.arguments(), keyTokens);
        for (String token : keyTokens) {
            for (String filler : List.of("o:", "1")) {
                List<String> argv = new ArrayList<>(List.of(call(spec, Math.max(Math.abs(spec.arity()), 2), filler)));
                if (spec.arity() < 0) {
                    argv.add(token);
                    argv.add(filler.equals("1") ? "1" : filler + argv.size());
                    shapes.add(argv);
                }
            }
        }
        List<String[]> out = new ArrayList<>();
        for (List<String> s : shapes) {
            out.add(s.toArray(new String[0]));
        }
        return out;
    }

    private static void keyTokens(List<CommandArgument> arguments, List<String> tokens) {
        for (CommandArgument a : arguments) {
            if (a.type() == ArgumentType.KEY && a.token() != null) {
                tokens.add(a.token());
            }
            keyTokens(a.arguments(), tokens);
        }
    }

    /** The keyword or key token a shape placed at {@code pos}, or null. */
    private static String keywordAt(CommandSpec spec, String[] shape, int pos) {
        for (KeySpec ks : spec.keySpecs()) {
            if (ks.isKeyword() && shape[pos].equalsIgnoreCase(ks.keywordText())) {
                return shape[pos];
            }
        }
        List<String> tokens = new ArrayList<>();
        keyTokens(spec.arguments(), tokens);
        for (String token : tokens) {
            if (shape[pos].equalsIgnoreCase(token)) {
                return shape[pos];
            }
        }
        return null;
    }

    /** The name (and subcommand), then fillers up to {@code length} arguments. */
    private static String[] call(CommandSpec spec, int length, String filler) {
        List<String> argv = new ArrayList<>();
        if (spec.parent() != null) {
            argv.add(spec.parent().name());
        }
        argv.add(spec.name());
        while (argv.size() < length) {
            argv.add(filler.equals("1") ? "1" : filler + argv.size());
        }
        return argv.toArray(new String[0]);
    }

    @Test
    void channelsOfPublishAndSubscribeAreRuledAsInRedis() {
        setuser("news", "+@all", "~*", "resetchannels", "&news.*");
        List<String> differences = new ArrayList<>();
        for (String name : List.of("publish", "spublish", "subscribe", "ssubscribe", "psubscribe", "unsubscribe",
                "punsubscribe", "sunsubscribe")) {
            for (String[] args : new String[][] {{"sport", "m"}, {"news.1", "news.2"}, {"news.*"}, {"news.1*"},
                {"news.1", "sport"}}) {
                List<String> argv = new ArrayList<>(List.of(name));
                argv.addAll(List.of(args));
                dryrun(differences, "news", "&news.*", argv.toArray(new String[0]));
            }
        }
        dryrun(differences, "news", "&news.*", new String[] {"pubsub", "numsub", "sport"});
        dryrun(differences, "news", "&news.*", new String[] {"pubsub", "channels", "sport*"});
        assertThat(differences).as("channel permissions Redoubt rules otherwise than Redis:%n%s",
                String.join("\n", differences)).isEmpty();
    }
}
