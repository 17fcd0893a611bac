package io.redoubt.engine.config;

import java.util.List;
import java.util.Locale;

/**
 * One server parameter. {@link #normalize} validates a value given as text (from the config file, a
 * command-line override or CONFIG SET) and returns the canonical text CONFIG GET shows; the registry
 * then calls {@link #apply} to put it into effect.
 */
public final class ConfigParameter {

    /** Validates and canonicalizes a value; throws with a message naming what is wrong. */
    @FunctionalInterface
    public interface Normalizer {
        String normalize(List<String> value) throws ConfigException;

        /**
         * The value as CONFIG REWRITE writes it after the name: plain by default; strings are quoted
         * and sizes use units, as Redis writes them.
         */
        default String rewriteForm(String canonical) {
            return canonical;
        }
    }

    /** Puts a canonical value into effect (for example by publishing new shard settings). */
    @FunctionalInterface
    public interface Applier {
        void apply(String canonical) throws ConfigException;
    }

    /**
     * Puts a group of related parameters into effect together (the TLS files), after every parameter of
     * one CONFIG SET has its new value, as Redis applies such groups once per CONFIG SET.
     */
    @FunctionalInterface
    public interface GroupApplier {
        void apply() throws ConfigException;
    }

    private final String name;
    private final List<String> aliases;
    private final String defaultValue;
    private final boolean mutable;
    private final boolean sensitive;
    private final boolean multiArg;
    private final boolean protectedConfig;
    private final Normalizer normalizer;
    private final Applier applier;
    private final GroupApplier groupApplier;

    private ConfigParameter(Builder b) {
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.defaultValue = b.defaultValue;
        this.mutable = b.mutable;
        this.sensitive = b.sensitive;
        this.multiArg = b.multiArg;
        this.protectedConfig = b.protectedConfig;
        this.normalizer = b.normalizer;
        this.applier = b.applier;
        this.groupApplier = b.groupApplier;
    }

    /** The group this parameter is applied with, or null. */
    public GroupApplier groupApplier() {
        return groupApplier;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** False for parameters that only the config file or command line may set ({@code databases}). */
    public boolean mutable() {
        return mutable;
    }

    /**
     * Redis's protected configs ({@code dir}, {@code dbfilename}): settable from the file and command
     * line only, as with {@code enable-protected-configs no}, because a client could otherwise make the
     * server write files anywhere.
     */
    public boolean protectedConfig() {
        return protectedConfig;
    }

    /** Values are secrets (passwords): masked in logs, never echoed in errors. */
    public boolean sensitive() {
        return sensitive;
    }

    /** Accepts several words in the config file ({@code save 3600 1 300 100}). */
    public boolean multiArg() {
        return multiArg;
    }

    public String normalize(List<String> value) throws ConfigException {
        return normalizer.normalize(value);
    }

    /** The canonical value as CONFIG REWRITE writes it after the name. */
    public String rewriteForm(String canonical) {
        return normalizer.rewriteForm(canonical);
    }

    public void apply(String canonical) throws ConfigException {
        if (applier != null) {
            applier.apply(canonical);
        }
    }

    /** Builds a parameter. */
    public static final class Builder {
        private final String name;
        private final java.util.ArrayList<String> aliases = new java.util.ArrayList<>();
        private String defaultValue = "";
        private boolean mutable = true;
        private boolean sensitive;
        private boolean multiArg;
        private boolean protectedConfig;
        private Normalizer normalizer;
        private Applier applier;
        private GroupApplier groupApplier;

        private Builder(String name) {
            this.name = name.toLowerCase(Locale.ROOT);
        }

        public Builder alias(String alias) {
            aliases.add(alias.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder defaultValue(String v) {
            this.defaultValue = v;
            return this;
        }

        public Builder immutable() {
            this.mutable = false;
            return this;
        }

        public Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        public Builder protectedConfig() {
            this.protectedConfig = true;
            return this;
        }

        public Builder multiArg() {
            this.multiArg = true;
            return this;
        }

        public Builder type(Normalizer n) {
            this.normalizer = n;
            return this;
        }

        public Builder onChange(Applier a) {
            this.applier = a;
            return this;
        }

        /** Applies this parameter with its group, once the whole change is in place. */
        public Builder onChangeTogether(GroupApplier g) {
            this.groupApplier = g;
            return this;
        }

        public ConfigParameter build() {
            if (normalizer == null) {
                throw new IllegalStateException("parameter " + name + " has no type");
            }
            return new ConfigParameter(this);
        }
    }
}
