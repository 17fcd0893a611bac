package io.redoubt.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's parameters and their current canonical values. CONFIG SET of several parameters is
 * all-or-nothing: every value is validated first, then applied in order, and if applying one fails
 * the ones already applied are restored.
 */
public final class ConfigRegistry {
    private final Map<String, ConfigParameter> byName = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public synchronized void register(ConfigParameter p) {
        if (byName.containsKey(p.name())) {
            throw new IllegalStateException("parameter " + p.name() + " registered twice");
        }
        byName.put(p.name(), p);
        for (String alias : p.aliases()) {
            byName.put(alias, p);
        }
        values.put(p.name(), canonicalDefault(p));
    }

    /** The default as CONFIG GET shows it (a relative dir made absolute, a size in bytes). */
    private static String canonicalDefault(ConfigParameter p) {
        try {
            return p.normalize(splitWords(p, p.defaultValue()));
        } catch (ConfigException e) {
            return p.defaultValue();
        }
    }

    /**
     * Registers {@code p} unless a parameter of that name exists: for parameters this list holds only
     * until the family that honours them registers its own definition.
     */
    public synchronized void registerIfAbsent(ConfigParameter p) {
        if (!byName.containsKey(p.name())) {
            register(p);
        }
    }

    /** The parameter named {@code name} or one of its aliases, or null. */
    public synchronized ConfigParameter parameter(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Canonical current value. */
    public synchronized String get(String name) {
        ConfigParameter p = parameter(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter " + name);
        }
        return values.get(p.name());
    }

    /** Every name a parameter answers to, aliases included, in registration order (CONFIG GET patterns). */
    public synchronized List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** All parameters, each once, in registration order. */
    public synchronized List<ConfigParameter> parameters() {
        List<ConfigParameter> list = new ArrayList<>();
        for (Map.Entry<String, ConfigParameter> e : byName.entrySet()) {
            if (e.getKey().equals(e.getValue().name())) {
                list.add(e.getValue());
            }
        }
        return list;
    }

    /** Validates and applies one value. */
    public synchronized void set(String name, List<String> value) throws ConfigException {
        ConfigParameter p = parameter(name);
        if (p == null) {
            throw new ConfigException("Bad directive or wrong number of arguments");
        }
        String canonical = p.normalize(value);
        p.apply(canonical);
        String previous = values.put(p.name(), canonical);
        if (p.groupApplier() != null) {
            try {
                p.groupApplier().apply();
            } catch (ConfigException e) {
                values.put(p.name(), previous);
                p.apply(previous);
                throw e;
            }
        }
    }

    /** A failed multi-parameter change: which parameter, and why. */
    public static final class SetFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        SetFailure(String parameter, String reason) {
            super(reason);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * Sets several parameters at once (CONFIG SET p1 v1 p2 v2, given as {@code name, value, ...}):
     * checks every name first (unknown, immutable, given twice: Redis's order), then validates every
     * value, then applies them; on any failure nothing stays changed. A parameter and its alias count
     * as different names, as in Redis.
     */
    public synchronized void setAll(List<String> pairs, boolean runtime) throws SetFailure {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<ConfigParameter> targets = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String name = pairs.get(i);
            ConfigParameter p = parameter(name);
            if (p == null) {
                throw new SetFailure(name, "unknown");
            }
            if (runtime && !p.mutable()) {
                throw new SetFailure(name, "can't set immutable config");
            }
            if (runtime && p.protectedConfig()) {
                throw new SetFailure(name, "can't set protected config");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new SetFailure(name, "duplicate parameter");
            }
            targets.add(p);
        }
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ConfigParameter p = targets.get(i);
            try {
                canonical.add(p.normalize(splitWords(p, pairs.get(2 * i + 1))));
            } catch (ConfigException e) {
                throw new SetFailure(pairs.get(2 * i), e.getMessage());
            }
        }
        List<ConfigParameter> done = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ConfigParameter p = targets.get(i);
            try {
                p.apply(canonical.get(i));
                previous.add(values.put(p.name(), canonical.get(i)));
                done.add(p);
            } catch (ConfigException e) {
                for (int j = done.size() - 1; j >= 0; j--) {
                    ConfigParameter back = done.get(j);
                    try {
                        back.apply(previous.get(j));
                        values.put(back.name(), previous.get(j));
                    } catch (ConfigException ignored) {
                        // restoring a value that was in effect a moment ago; nothing better to do
                    }
                }
                throw new SetFailure(pairs.get(2 * i), e.getMessage());
            }
        }
        java.util.Set<ConfigParameter.GroupApplier> groups = new java.util.LinkedHashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            ConfigParameter.GroupApplier g = targets.get(i).groupApplier();
            if (g != null && groups.add(g)) {
                try {
                    g.apply();
                } catch (ConfigException e) {
                    for (int j = done.size() - 1; j >= 0; j--) {
                        try {
                            done.get(j).apply(previous.get(j));
                        } catch (ConfigException ignored) {
                            // restoring a value that was in effect a moment ago
                        }
                        values.put(done.get(j).name(), previous.get(j));
                    }
                    throw new SetFailure(pairs.get(2 * i), e.getMessage());
                }
            }
        }
    }

    /** Whether the current value is the default (CONFIG REWRITE does not add such parameters). */
    public synchronized boolean isDefault(ConfigParameter p) {
        return values.get(p.name()).equals(canonicalDefault(p));
    }

    /** The words a CONFIG SET value stands for: one, or several for parameters such as {@code save}. */
    public static List<String> splitWords(ConfigParameter p, String value) {
        if (!p.multiArg()) {
            return List.of(value);
        }
        List<String> words = new ArrayList<>();
        for (String w : value.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
