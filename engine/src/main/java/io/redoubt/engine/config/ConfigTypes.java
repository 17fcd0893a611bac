package io.redoubt.engine.config;

import java.util.List;
import java.util.Locale;

/** Normalizers for the value kinds Redis parameters use, with Redis's error texts. */
public final class ConfigTypes {
    private ConfigTypes() {
    }

    private static String single(List<String> v) throws ConfigException {
        if (v.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        return v.get(0);
    }

    public static ConfigParameter.Normalizer bool() {
        return v -> {
            String s = single(v).toLowerCase(Locale.ROOT);
            if (s.equals("yes") || s.equals("no")) {
                return s;
            }
            throw new ConfigException("argument must be 'yes' or 'no'");
        };
    }

    public static ConfigParameter.Normalizer integer(long min, long max) {
        return v -> {
            String s = single(v);
            long n;
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new ConfigException("argument couldn't be parsed into an integer");
            }
            if (n < min || n > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(n);
        };
    }

    /** Sizes such as {@code 100mb}, {@code 1gb}, {@code 512k} (k = 1000, kb = 1024), canonicalized to bytes. */
    public static ConfigParameter.Normalizer memory(long min, long max) {
        return v -> {
            long n = parseMemory(single(v));
            if (n < min || n > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(n);
        };
    }

    public static long parseMemory(String text) throws ConfigException {
        String s = text.toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
            {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            return Math.multiplyExact(n, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("argument must be a memory value");
        }
    }

    public static ConfigParameter.Normalizer oneOf(String... choices) {
        return v -> {
            String s = single(v).toLowerCase(Locale.ROOT);
            for (String c : choices) {
                if (c.equals(s)) {
                    return c;
                }
            }
            throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", choices));
        };
    }

    public static ConfigParameter.Normalizer string() {
        return ConfigTypes::single;
    }

    /** Space-separated words kept as given ({@code bind 127.0.0.1 ::1}). */
    public static ConfigParameter.Normalizer words() {
        return v -> String.join(" ", v);
    }
}
