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
            // Redis's string2ll: no sign other than a leading '-', no leading zeros or blanks.
            Long parsed = io.redoubt.engine.command.Args.parseLongOrNull(
                    s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (parsed == null) {
                throw new ConfigException("argument couldn't be parsed into an integer");
            }
            long n = parsed;
            if (n < min || n > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(n);
        };
    }

    /** Sizes such as {@code 100mb}, {@code 1gb}, {@code 512k} (k = 1000, kb = 1024), canonicalized to bytes. */
    public static ConfigParameter.Normalizer memory(long min, long max) {
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                long n = parseMemory(single(v));
                if (n < min || n > max) {
                    throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
                }
                return Long.toString(n);
            }

            @Override
            public String rewriteForm(String canonical) {
                return formatMemory(Long.parseLong(canonical));
            }
        };
    }

    /** Bytes with the largest binary unit that divides them exactly, as CONFIG REWRITE writes sizes. */
    public static String formatMemory(long bytes) {
        long gb = 1L << 30;
        long mb = 1L << 20;
        long kb = 1L << 10;
        if (bytes != 0 && bytes % gb == 0) {
            return bytes / gb + "gb";
        } else if (bytes != 0 && bytes % mb == 0) {
            return bytes / mb + "mb";
        } else if (bytes != 0 && bytes % kb == 0) {
            return bytes / kb + "kb";
        }
        return Long.toString(bytes);
    }

    /**
     * A string in double quotes with the escapes redis.conf reads back ({@code \\ \" \n \r \t} and
     * {@code \xHH} for other control bytes), as Redis writes string parameters.
     */
    public static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * One word of a config line as CONFIG REWRITE writes it: as is when redis.conf reads it back as
     * the same single word, otherwise {@link #quoted}. A word holding a blank, a quote, a backslash or
     * a control byte is quoted (blanks as the line splitter sees them, Unicode spaces included), so
     * that no value can end its line or split into further words.
     */
    public static String word(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '\'' || c == '\\') {
                return quoted(s);
            }
        }
        return s;
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
        // Digits only, as Redis's memtoull reads them: no sign, no blanks, no fraction.
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException("argument must be a memory value");
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), mul);
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
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                return single(v);
            }

            @Override
            public String rewriteForm(String canonical) {
                return quoted(canonical);
            }
        };
    }

    /** Space-separated words kept as given ({@code bind 127.0.0.1 ::1}); none is written {@code ""}. */
    public static ConfigParameter.Normalizer words() {
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) {
                return String.join(" ", v);
            }

            @Override
            public String rewriteForm(String canonical) {
                if (canonical.isEmpty()) {
                    return "\"\"";
                }
                List<String> out = new java.util.ArrayList<>();
                for (String w : canonical.split(" ", -1)) {
                    out.add(word(w));
                }
                return String.join(" ", out);
            }
        };
    }
}
