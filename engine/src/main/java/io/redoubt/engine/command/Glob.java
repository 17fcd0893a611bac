package io.redoubt.engine.command;

/**
 * Redis's glob matching ({@code stringmatchlen}): {@code *}, {@code ?}, {@code [abc]}, {@code [^a]},
 * {@code [a-z]} and {@code \} escapes, optionally ignoring case. Used by KEYS, SCAN MATCH, CONFIG GET,
 * COMMAND LIST, PUBSUB and ACL patterns, so all of them match exactly as Redis does.
 */
public final class Glob {
    private static final int MAX_NESTING = 1000;

    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] string, boolean noCase) {
        int[] skipLongerMatches = {0};
        return match(pattern, 0, string, 0, noCase, skipLongerMatches, 0);
    }

    public static boolean matches(String pattern, String string, boolean noCase) {
        return matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                string.getBytes(java.nio.charset.StandardCharsets.UTF_8), noCase);
    }

    /** True when the pattern is "*" alone: callers can skip matching entirely. */
    public static boolean matchesEverything(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean noCase, int[] skipLonger, int nesting) {
        if (nesting > MAX_NESTING) {
            return false; // protect against patterns built to recurse without end
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    while (si < s.length) {
                        if (match(p, pi + 1, s, si, noCase, skipLonger, nesting + 1)) {
                            return true;
                        }
                        if (skipLonger[0] != 0) {
                            return false;
                        }
                        si++;
                    }
                    skipLonger[0] = 1;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean found = false;
                    while (true) {
                        if (pi >= p.length) {
                            pi--; // an unterminated class behaves as if closed here
                            break;
                        }
                        if (p[pi] == '\\' && p.length - pi >= 2) {
                            pi++;
                            if (eq(p[pi], s[si], noCase)) {
                                found = true;
                            }
                        } else if (p[pi] == ']') {
                            break;
                        } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
                            int start = p[pi] & 0xff;
                            int end = p[pi + 2] & 0xff;
                            int c = s[si] & 0xff;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (noCase) {
                                start = Character.toLowerCase(start);
                                end = Character.toLowerCase(end);
                                c = Character.toLowerCase(c);
                            }
                            pi += 2;
                            if (c >= start && c <= end) {
                                found = true;
                            }
                        } else if (eq(p[pi], s[si], noCase)) {
                            found = true;
                        }
                        pi++;
                    }
                    if (not) {
                        found = !found;
                    }
                    if (!found) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (p.length - pi >= 2) {
                        pi++;
                    }
                    if (!eq(p[pi], s[si], noCase)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (!eq(p[pi], s[si], noCase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static boolean eq(byte a, byte b, boolean noCase) {
        if (a == b) {
            return true;
        }
        return noCase && Character.toLowerCase(a & 0xff) == Character.toLowerCase(b & 0xff);
    }
}
