package io.redoubt.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.acl.Authorizer;
import io.redoubt.acl.Denial;
import io.redoubt.acl.RuleParser;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.node.RedoubtServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The meta-test over the command table: for every command and subcommand the server has, derived
 * from its spec alone, {@code -command} and {@code -@category} (each of its categories) deny it,
 * {@code +command} allows it, and for every key spec a key argument is allowed or denied by
 * {@code %R~}, {@code %W~} and {@code ~} patterns exactly as the spec's read/write flags say. A new
 * command is covered the moment it enters the table; one whose key specs yield no key from the
 * arguments this test builds fails it, so its author must look.
 */
class AclCommandTableMetaTest {
    private static RedoubtServer server;
    private static CommandTable table;
    private static UserDirectory users;

    @BeforeAll
    static void start() throws Exception {
        server = RedoubtServer.startForTest();
        table = server.context().commands();
        users = new UserDirectory(new RuleParser(table));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every runnable spec: subcommands, and commands that are not containers (or run themselves). */
    private static List<CommandSpec> runnable() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : table.allSpecs()) {
            if (!s.isContainer() || s.handler() != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static UserState user(String... rules) throws UserDirectory.RuleError {
        return users.build(List.of(rules));
    }

    /** A syntactically plausible call: the name (and subcommand), then enough "o:i" arguments. */
    private static byte[][] call(CommandSpec spec, int length) {
        List<byte[]> argv = new ArrayList<>();
        if (spec.parent() != null) {
            argv.add(spec.parent().name().getBytes(StandardCharsets.UTF_8));
        }
        argv.add(spec.name().getBytes(StandardCharsets.UTF_8));
        while (argv.size() < length) {
            argv.add(("o:" + argv.size()).getBytes(StandardCharsets.UTF_8));
        }
        return argv.toArray(new byte[0][]);
    }

    @Test
    void everyCommandIsDeniedByItsNameAndEachCategoryAndAllowedByPlus() throws Exception {
        List<String> wrong = new ArrayList<>();
        assertThat(runnable()).hasSizeGreaterThan(200);
        for (CommandSpec spec : runnable()) {
            byte[][] argv = call(spec, Math.max(Math.abs(spec.arity()), 1));
            boolean exempt = spec.has(CommandFlag.NO_AUTH); // Redis runs no-auth commands for every user
            Denial minus = Authorizer.check(user("+@all", "-" + spec.fullName(), "~*", "&*"), spec, argv);
            if (exempt ? minus != null : minus == null || minus.reason() != Denial.Reason.COMMAND) {
                wrong.add(spec.fullName() + ": -" + spec.fullName() + " gave " + minus);
            }
            Denial plus = Authorizer.check(user("-@all", "+" + spec.fullName(), "~*", "&*"), spec, argv);
            if (plus != null) {
                wrong.add(spec.fullName() + ": +" + spec.fullName() + " gave " + plus);
            }
            assertThat(spec.categories()).as("categories of %s", spec.fullName()).isNotEmpty();
            for (AclCategory c : spec.categories()) {
                Denial cat = Authorizer.check(user("+@all", "-@" + c.wireName(), "~*", "&*"), spec, argv);
                if (exempt ? cat != null : cat == null || cat.reason() != Denial.Reason.COMMAND) {
                    wrong.add(spec.fullName() + ": -@" + c.wireName() + " gave " + cat);
                }
                Denial only = Authorizer.check(user("-@all", "+@" + c.wireName(), "~*", "&*"), spec, argv);
                if (only != null) {
                    wrong.add(spec.fullName() + ": +@" + c.wireName() + " gave " + only);
                }
            }
        }
        assertThat(wrong).as("commands the ACL does not rule by their spec:%n%s", String.join("\n", wrong)).isEmpty();
    }

    @Test
    void keyPatternsFollowEachKeySpecsReadWriteFlags() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        int checked = 0;
        for (CommandSpec spec : runnable()) {
            for (int n = 0; n < spec.keySpecs().size(); n++) {
                KeySpec ks = spec.keySpecs().get(n);
                if (ks.flags().contains(KeySpec.Flag.NOT_KEY)) {
                    continue;
                }
                byte[][] argv = argumentsFor(spec, ks);
                List<Integer> positions = new ArrayList<>();
                if (argv != null) {
                    ks.keys(argv, positions::add);
                }
                if (positions.isEmpty()) {
                    uncovered.add(spec.fullName() + " key spec " + n);
                    continue;
                }
                Set<KeySpec.Flag> flags = ks.flagsFor(argv);
                boolean read = flags.contains(KeySpec.Flag.ACCESS);
                boolean write = flags.contains(KeySpec.Flag.INSERT) || flags.contains(KeySpec.Flag.DELETE)
                        || flags.contains(KeySpec.Flag.UPDATE);
                for (int pos : positions) {
                    byte[][] probe = argv.clone();
                    probe[pos] = "t:key".getBytes(StandardCharsets.UTF_8);
                    if (!keysAt(spec, probe).contains(pos)) {
                        continue; // renaming the key moved the keys (keyword searches): covered by the others
                    }
                    checked++;
                    String name = spec.fullName() + " key spec " + n + " (" + flags + ")";
                    expect(wrong, name, "%R~t:*", Authorizer.check(user("+@all", "&*", "~o:*", "%R~t:*"), spec, probe), !write);
                    expect(wrong, name, "%W~t:*", Authorizer.check(user("+@all", "&*", "~o:*", "%W~t:*"), spec, probe), !read);
                    expect(wrong, name, "~t:*", Authorizer.check(user("+@all", "&*", "~o:*", "~t:*"), spec, probe), true);
                    expect(wrong, name, "no pattern", Authorizer.check(user("+@all", "&*", "~o:*"), spec, probe),
                            false);
                }
            }
        }
        assertThat(uncovered).as("key specs this test cannot exercise (extend argumentsFor)").isEmpty();
        assertThat(wrong).as("key permission mistakes:%n%s", String.join("\n", wrong)).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    private static List<Integer> keysAt(CommandSpec spec, byte[][] argv) {
        List<Integer> all = new ArrayList<>();
        spec.keys(argv, all::add);
        return all;
    }

    private static void expect(List<String> wrong, String name, String rule, Denial d, boolean allowed) {
        boolean ok = allowed ? d == null : d != null && d.reason() == Denial.Reason.KEY;
        if (!ok) {
            wrong.add(name + " with " + rule + ": expected " + (allowed ? "allowed" : "key denial") + ", got " + d);
        }
    }

    /** Arguments in which {@code ks} finds at least one key, built from the key spec itself. */
    private static byte[][] argumentsFor(CommandSpec spec, KeySpec ks) {
        int base = Math.max(Math.abs(spec.arity()), 2);
        if (ks.isIndexRange() || ks.isKeynum()) {
            byte[][] argv = call(spec, Math.max(base, ks.index() + 6));
            if (ks.isKeynum()) {
                argv[ks.index() + ks.keynumIdx()] = "1".getBytes(StandardCharsets.UTF_8);
            }
            return argv;
        }
        // keyword search: place the keyword where the search starts (from the front or the back)
        int length = Math.max(base, Math.abs(ks.index()) + 6);
        byte[][] argv = call(spec, length);
        int at = ks.index() > 0 ? ks.index() : length + ks.index();
        if (at < 1 || at >= length - 1) {
            return null;
        }
        argv[at] = ks.keywordText().getBytes(StandardCharsets.UTF_8);
        if (ks.isKeynum()) {
            argv[at + ks.keynumIdx() + 1] = "1".getBytes(StandardCharsets.UTF_8);
        }
        return Arrays.copyOf(argv, argv.length);
    }

    @Test
    void channelsOfPublishAndSubscribeAreChecked() throws Exception {
        UserState u = user("+@all", "~*", "resetchannels", "&news.*");
        for (String name : List.of("publish", "spublish", "subscribe", "ssubscribe")) {
            CommandSpec spec = table.lookup(name);
            byte[][] denied = {name.getBytes(StandardCharsets.UTF_8), "sport".getBytes(StandardCharsets.UTF_8),
                "m".getBytes(StandardCharsets.UTF_8)};
            byte[][] allowed = {name.getBytes(StandardCharsets.UTF_8), "news.1".getBytes(StandardCharsets.UTF_8),
                "news.2".getBytes(StandardCharsets.UTF_8)};
            assertThat(Authorizer.check(u, spec, denied)).as(name).extracting(Denial::reason)
                    .isEqualTo(Denial.Reason.CHANNEL);
            assertThat(Authorizer.check(u, spec, allowed)).as(name).isNull();
        }
        CommandSpec psub = table.lookup("psubscribe");
        byte[] p = "psubscribe".getBytes(StandardCharsets.UTF_8);
        assertThat(Authorizer.check(u, psub, new byte[][] {p, "news.*".getBytes(StandardCharsets.UTF_8)})).isNull();
        assertThat(Authorizer.check(u, psub, new byte[][] {p, "news.1*".getBytes(StandardCharsets.UTF_8)}))
                .extracting(Denial::reason).isEqualTo(Denial.Reason.CHANNEL);
    }
}
