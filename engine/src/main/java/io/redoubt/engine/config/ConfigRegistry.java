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
        values.put(p.name(), p.defaultValue());
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
        values.put(p.name(), canonical);
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
     * Sets several parameters at once (CONFIG SET p1 v1 p2 v2): validates all, then applies; on any
     * failure nothing stays changed.
     */
    public synchronized void setAll(Map<String, String> changes, boolean runtime) throws SetFailure {
        Map<ConfigParameter, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : changes.entrySet()) {
            ConfigParameter p = parameter(c.getKey());
            if (p == null) {
                throw new SetFailure(c.getKey(), "unknown");
            }
            if (runtime && !p.mutable()) {
                throw new SetFailure(c.getKey(), "can't set immutable config");
            }
            if (canonical.containsKey(p)) {
                throw new SetFailure(c.getKey(), "duplicate parameter");
            }
            try {
                canonical.put(p, p.normalize(splitWords(p, c.getValue())));
            } catch (ConfigException e) {
                throw new SetFailure(c.getKey(), e.getMessage());
            }
        }
        Map<ConfigParameter, String> previous = new LinkedHashMap<>();
        for (Map.Entry<ConfigParameter, String> c : canonical.entrySet()) {
            ConfigParameter p = c.getKey();
            try {
                p.apply(c.getValue());
                previous.put(p, values.put(p.name(), c.getValue()));
            } catch (ConfigException e) {
                for (ConfigParameter done : new ArrayList<>(previous.keySet()).reversed()) {
                    try {
                        done.apply(previous.get(done));
                        values.put(done.name(), previous.get(done));
                    } catch (ConfigException ignored) {
                        // restoring a value that was in effect a moment ago; nothing better to do
                    }
                }
                throw new SetFailure(c.getKey().name(), e.getMessage());
            }
        }
    }

    private static List<String> splitWords(ConfigParameter p, String value) {
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
