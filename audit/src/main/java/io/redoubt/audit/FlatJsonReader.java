package io.redoubt.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads back the flat JSON objects {@link JsonLine} writes for events: string and integer values
 * only. Anything else (nesting, a truncated line) is refused with {@link IllegalArgumentException},
 * so a damaged line of the event log is skipped rather than misread.
 */
final class FlatJsonReader {
    private final String s;
    private int i;

    private FlatJsonReader(String s) {
        this.s = s;
    }

    /** The object's fields in order; numbers are returned as their text. */
    static Map<String, String> parse(String line) {
        return new FlatJsonReader(line.strip()).object();
    }

    private Map<String, String> object() {
        Map<String, String> fields = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            i++;
            return end(fields);
        }
        while (true) {
            String name = string();
            expect(':');
            char c = peek();
            String value = c == '"' ? string() : number();
            fields.put(name, value);
            char next = next();
            if (next == '}') {
                return end(fields);
            }
            if (next != ',') {
                throw new IllegalArgumentException("',' or '}' expected at " + (i - 1));
            }
        }
    }

    private Map<String, String> end(Map<String, String> fields) {
        if (i != s.length()) {
            throw new IllegalArgumentException("text after the object");
        }
        return fields;
    }

    private String number() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new IllegalArgumentException("string or integer expected at " + start);
        }
        return s.substring(start, i);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new IllegalArgumentException("truncated escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + (i - 1));
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }
}
