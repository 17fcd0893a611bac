package io.redoubt.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a config line into words as redis.conf does: blanks separate, quotes group, escapes in "". */
public final class ConfigLineSplitter {
    private ConfigLineSplitter() {
    }

    /** The words, or null when a quote is not closed. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder w = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote == 0) {
                    if (Character.isWhitespace(c)) {
                        break;
                    }
                    if (c == '"' || c == '\'') {
                        quote = c;
                    } else {
                        w.append(c);
                    }
                } else if (c == '\\' && quote == '"' && i + 3 < n && line.charAt(i + 1) == 'x'
                        && hex(line.charAt(i + 2)) >= 0 && hex(line.charAt(i + 3)) >= 0) {
                    // \xHH, as CONFIG REWRITE writes control bytes (Redis's sdscatrepr / sdssplitargs)
                    w.append((char) (hex(line.charAt(i + 2)) * 16 + hex(line.charAt(i + 3))));
                    i += 3;
                } else if (c == '\\' && i + 1 < n) {
                    char e = line.charAt(++i);
                    w.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'a' -> (char) 7;
                        case 'b' -> '\b';
                        default -> e;
                    });
                } else if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
                i++;
            }
            if (quote != 0) {
                return null;
            }
            words.add(w.toString());
        }
        return words;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
