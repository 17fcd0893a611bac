package io.redoubt.engine.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything known about one command or subcommand: arity (negative means "at least"), flags, ACL
 * categories, key specs, documentation and handler. Built once at start and never changed.
 *
 * <p>ACL categories implied by flags are added in one place ({@link Builder#build}), as Redis's
 * {@code setImplicitACLCategories} does: write → @write, readonly → @read, admin → @admin @dangerous,
 * pubsub → @pubsub, fast → @fast, blocking → @blocking, and every command not @fast is @slow.
 */
public final class CommandSpec {
    private final String name;
    private final String fullName;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final Set<AclCategory> categories;
    private final List<KeySpec> keySpecs;
    private final String group;
    private final String since;
    private final String summary;
    private final String complexity;
    private final List<String> tips;
    private final List<String[]> history;
    private final List<String> docFlags;
    private final String deprecatedSince;
    private final String replacedBy;
    private final Map<String, CommandSpec> subcommands;
    private final List<CommandArgument> arguments;
    private final CommandHandler handler;
    private final Propagation propagation;
    private final KeysProc keysProc;
    private final int legacyFirstKey;
    private final int legacyLastKey;
    private final int legacyStep;
    private CommandSpec parent;
    private int id = -1;

    private CommandSpec(Builder b, String parentName) {
        this.name = b.name;
        this.fullName = parentName == null ? b.name : parentName + "|" + b.name;
        this.arity = b.arity;
        this.keySpecs = List.copyOf(b.keySpecs);
        EnumSet<CommandFlag> f = b.flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(b.flags);
        int[] legacy = legacyRange(keySpecs, f);
        this.legacyFirstKey = legacy[0];
        this.legacyLastKey = legacy[1];
        this.legacyStep = legacy[2];
        this.flags = Collections.unmodifiableSet(f);
        this.categories = Collections.unmodifiableSet(implicitCategories(b.categories, f));
        this.group = b.group;
        this.since = b.since;
        this.summary = b.summary;
        this.complexity = b.complexity;
        this.tips = List.copyOf(b.tips);
        this.propagation = b.propagation;
        this.keysProc = b.keysProc;
        this.history = List.copyOf(b.history);
        this.docFlags = List.copyOf(b.docFlags);
        this.deprecatedSince = b.deprecatedSince;
        this.replacedBy = b.replacedBy;
        this.arguments = b.arguments;
        Map<String, CommandSpec> subs = new LinkedHashMap<>();
        for (Builder sb : b.subcommands) {
            CommandSpec sub = new CommandSpec(sb, b.name);
            sub.parent = this;
            subs.put(sub.name, sub);
        }
        this.subcommands = Collections.unmodifiableMap(subs);
        this.handler = b.handler;
    }

    private static EnumSet<AclCategory> implicitCategories(Set<AclCategory> explicit, Set<CommandFlag> flags) {
        EnumSet<AclCategory> c = explicit.isEmpty() ? EnumSet.noneOf(AclCategory.class) : EnumSet.copyOf(explicit);
        if (flags.contains(CommandFlag.WRITE)) {
            c.add(AclCategory.WRITE);
        }
        if (flags.contains(CommandFlag.READONLY) && !c.contains(AclCategory.SCRIPTING)) {
            c.add(AclCategory.READ);
        }
        if (flags.contains(CommandFlag.ADMIN)) {
            c.add(AclCategory.ADMIN);
            c.add(AclCategory.DANGEROUS);
        }
        if (flags.contains(CommandFlag.PUBSUB)) {
            c.add(AclCategory.PUBSUB);
        }
        if (flags.contains(CommandFlag.FAST)) {
            c.add(AclCategory.FAST);
        }
        if (flags.contains(CommandFlag.BLOCKING)) {
            c.add(AclCategory.BLOCKING);
        }
        if (!c.contains(AclCategory.FAST)) {
            c.add(AclCategory.SLOW);
        }
        return c;
    }

    /** Redis's populateCommandLegacyRangeSpec: first/last/step for COMMAND INFO, and movablekeys. */
    private static int[] legacyRange(List<KeySpec> specs, Set<CommandFlag> flags) {
        if (specs.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        if (specs.size() == 1 && specs.get(0).isIndexRange()) {
            KeySpec s = specs.get(0);
            if (s.flags().contains(KeySpec.Flag.INCOMPLETE)) {
                flags.add(CommandFlag.MOVABLEKEYS);
            }
            int last = s.lastKey() < 0 ? s.lastKey() : s.index() + s.lastKey();
            return new int[] {s.index(), last, s.step()};
        }
        int first = Integer.MAX_VALUE;
        long last = 0;
        long prevLast = 0;
        for (KeySpec s : specs) {
            if (!s.isIndexRange()) {
                flags.add(CommandFlag.MOVABLEKEYS);
                continue;
            }
            if (s.step() != 1 || (prevLast != 0 && prevLast != s.index() - 1)) {
                flags.add(CommandFlag.MOVABLEKEYS);
                continue;
            }
            if (s.flags().contains(KeySpec.Flag.INCOMPLETE)) {
                flags.add(CommandFlag.MOVABLEKEYS);
            }
            first = Math.min(first, s.index());
            long abs = s.lastKey() >= 0 ? s.lastKey() + s.index() : s.lastKey();
            // Redis compares as unsigned, so a negative (open-ended) last key wins.
            if (Long.compareUnsigned(abs, last) > 0) {
                last = abs;
            }
            prevLast = last;
        }
        if (first == Integer.MAX_VALUE) {
            flags.add(CommandFlag.MOVABLEKEYS);
            return new int[] {0, 0, 0};
        }
        return new int[] {first, (int) last, 1};
    }

    public static Builder builder(String name, int arity) {
        return new Builder(name, arity);
    }

    /** Lower-case name, e.g. {@code get} or, for a subcommand, {@code get} under {@code config}. */
    public String name() {
        return name;
    }

    /** {@code get}, or {@code config|get} for a subcommand. */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public Set<CommandFlag> flags() {
        return flags;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    public Set<AclCategory> categories() {
        return categories;
    }

    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    public String group() {
        return group;
    }

    public String since() {
        return since;
    }

    public String summary() {
        return summary;
    }

    public String complexity() {
        return complexity;
    }

    public List<String> tips() {
        return tips;
    }

    /** COMMAND DOCS history: {version, description} pairs, oldest first. */
    public List<String[]> history() {
        return history;
    }

    /** COMMAND DOCS doc_flags, e.g. {@code deprecated}, {@code syscmd}. */
    public List<String> docFlags() {
        return docFlags;
    }

    /** COMMAND DOCS deprecated_since, or null. */
    public String deprecatedSince() {
        return deprecatedSince;
    }

    /** COMMAND DOCS replaced_by, or null. */
    public String replacedBy() {
        return replacedBy;
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    /** COMMAND DOCS arguments: the argument tree, empty when none is declared. */
    public List<CommandArgument> arguments() {
        return arguments;
    }

    public CommandSpec subcommand(String name) {
        return subcommands.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public CommandSpec parent() {
        return parent;
    }

    public CommandHandler handler() {
        return handler;
    }

    public int legacyFirstKey() {
        return legacyFirstKey;
    }

    public int legacyLastKey() {
        return legacyLastKey;
    }

    public int legacyStep() {
        return legacyStep;
    }

    /** A dense number given by the table, for per-command arrays (stats, ACL bitmaps). */
    public int id() {
        return id;
    }

    void id(int id) {
        this.id = id;
    }

    /** Calls {@code keyIndex} with the index of every key argument, following all key specs. */
    public void keys(byte[][] argv, java.util.function.IntConsumer keyIndex) {
        if (keysProc != null && specsIncomplete(argv)) {
            keysProc.keys(argv, (i, f) -> keyIndex.accept(i));
            return;
        }
        for (KeySpec s : keySpecs) {
            s.keys(argv, keyIndex);
        }
    }

    /**
     * Calls {@code visitor} with each key (not the NOT_KEY ones) and its flags, as Redis's
     * getKeysFromCommandWithSpecs finds them for the ACL and COMMAND GETKEYSANDFLAGS: through the key
     * specs, unless one that applies to {@code argv} is INCOMPLETE and the command has a {@link KeysProc},
     * which then finds them all.
     */
    public void keysWithFlags(byte[][] argv, KeysProc.Visitor visitor) {
        if (keysProc != null && specsIncomplete(argv)) {
            keysProc.keys(argv, visitor);
            return;
        }
        for (KeySpec s : keySpecs) {
            Set<KeySpec.Flag> keyFlags = s.flagsFor(argv);
            if (!keyFlags.contains(KeySpec.Flag.NOT_KEY)) {
                s.keys(argv, i -> visitor.key(i, keyFlags));
            }
        }
    }

    /** Whether a key spec that applies to {@code argv} cannot describe all its keys (Redis's invalid_spec). */
    private boolean specsIncomplete(byte[][] argv) {
        for (KeySpec s : keySpecs) {
            if (s.flags().contains(KeySpec.Flag.NOT_KEY)) {
                continue;
            }
            if (s.isUnknown() || (s.flags().contains(KeySpec.Flag.INCOMPLETE) && s.begins(argv))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return fullName;
    }

    /** How the command's writes are recorded for replay (AOF, replicas). */
    public Propagation propagation() {
        return propagation;
    }

    /** Builds a spec; see {@link CommandTable.Builder#add}. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private final EnumSet<AclCategory> categories = EnumSet.noneOf(AclCategory.class);
        private final List<KeySpec> keySpecs = new ArrayList<>();
        private final List<String> tips = new ArrayList<>();
        private final List<Builder> subcommands = new ArrayList<>();
        private final List<String[]> history = new ArrayList<>();
        private final List<String> docFlags = new ArrayList<>();
        private String deprecatedSince;
        private String replacedBy;
        private List<CommandArgument> arguments = List.of();
        private String group = "generic";
        private String since = "1.0.0";
        private String summary = "";
        private String complexity = "";
        private Propagation propagation = Propagation.AS_SENT;
        private KeysProc keysProc;
        private CommandHandler handler;

        private Builder(String name, int arity) {
            this.name = name.toLowerCase(Locale.ROOT);
            this.arity = arity;
        }

        public Builder flags(CommandFlag... f) {
            flags.addAll(List.of(f));
            return this;
        }

        public Builder acl(AclCategory... c) {
            categories.addAll(List.of(c));
            return this;
        }

        public Builder key(KeySpec spec) {
            keySpecs.add(spec);
            return this;
        }

        public Builder group(String g) {
            this.group = g;
            return this;
        }

        public Builder since(String s) {
            this.since = s;
            return this;
        }

        public Builder summary(String s) {
            this.summary = s;
            return this;
        }

        public Builder complexity(String c) {
            this.complexity = c;
            return this;
        }

        public Builder tips(String... t) {
            tips.addAll(List.of(t));
            return this;
        }

        /** One COMMAND DOCS history entry: the version and what changed in it. */
        public Builder history(String version, String change) {
            history.add(new String[] {version, change});
            return this;
        }

        public Builder docFlags(String... f) {
            docFlags.addAll(List.of(f));
            return this;
        }

        /** Marks the command deprecated (doc flag {@code deprecated}) in favour of {@code replacement}. */
        public Builder deprecated(String since, String replacement) {
            this.deprecatedSince = since;
            this.replacedBy = replacement;
            if (!docFlags.contains("deprecated")) {
                docFlags.add("deprecated");
            }
            return this;
        }

        /**
         * Declares the command's argument tree, as COMMAND DOCS reports it and redis-cli shows it as
         * hints, in the grammar of {@link ArgumentGrammar}; it is parsed here, once, so a malformed
         * declaration fails the start with the offset of the mistake. Arguments are separated by
         * spaces, each written {@code name:type} followed by modifiers: {@code =TOKEN},
         * {@code #keySpecIndex}, {@code @since}, {@code !deprecatedSince}, {@code %"display text"},
         * {@code ?} optional, {@code *} multiple, {@code +} multiple_token; a oneof or block takes
         * its children in parentheses; a bare word without a type is a pure token named in lower
         * case; a name or token outside {@code [A-Za-z0-9_.|-]} is written in double quotes.
         *
         * <p>GETEX ({@code GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
         * PXAT unix-time-milliseconds | PERSIST]}):
         * <pre>{@code
         * .args("key:key#0 expiration:oneof?(seconds:integer=EX milliseconds:integer=PX"
         *         + " unix-time-seconds:unix-time=EXAT unix-time-milliseconds:unix-time=PXAT PERSIST)")
         * }</pre>
         *
         * <p>ZADD's first arguments ({@code ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member
         * [score member ...]}), with tokens named differently from their text, and a repeated block:
         * <pre>{@code
         * .args("key:key#0 condition:oneof?@3.0.2(NX XX) comparison:oneof?@6.2.0(GT LT)"
         *         + " change=CH?@3.0.2 increment=INCR?@3.0.2 score_member:block*(score:double member:string)")
         * }</pre>
         */
        public Builder args(String declaration) {
            this.arguments = ArgumentGrammar.parse(declaration);
            return this;
        }

        /** How the command's writes are recorded, when not {@link Propagation#AS_SENT}. */
        public Builder propagates(Propagation p) {
            this.propagation = p;
            return this;
        }

        /** The command's own key finder, used where an INCOMPLETE key spec applies (Redis's getkeys proc). */
        public Builder keysProc(KeysProc proc) {
            this.keysProc = proc;
            return this;
        }

        public Builder handler(CommandHandler h) {
            this.handler = h;
            return this;
        }

        public Builder sub(Builder subcommand) {
            subcommands.add(subcommand);
            return this;
        }

        public String name() {
            return name;
        }

        CommandSpec build() {
            if (handler == null && subcommands.isEmpty()) {
                throw new IllegalStateException("command " + name + " has no handler");
            }
            return new CommandSpec(this, null);
        }
    }
}
