package io.redoubt.admin.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path such as {@code /v1/bdbs/{uid}/passwords}: literal segments and numeric parameters.
 * Matching is by whole segments, so no request path can escape a segment ("..", "%2F" stay literal and
 * simply match nothing).
 */
record PathTemplate(List<String> segments, List<String> parameterNames, int literalSegments) {

    /** RE's ids are unsigned integers; ten digits bound them before anyone parses one. */
    private static final int MAX_ID_DIGITS = 10;

    static PathTemplate parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        List<String> names = new ArrayList<>();
        int literals = 0;
        for (String s : segments) {
            if (isParameter(s)) {
                names.add(s.substring(1, s.length() - 1));
            } else {
                literals++;
            }
        }
        return new PathTemplate(segments, List.copyOf(names), literals);
    }

    Optional<Map<String, String>> match(String requestPath) {
        if (!requestPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = requestPath.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String want = segments.get(i);
            if (isParameter(want)) {
                if (!isId(parts[i])) {
                    return Optional.empty();
                }
                values.put(want.substring(1, want.length() - 1), parts[i]);
            } else if (!want.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(values));
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isId(String s) {
        if (s.isEmpty() || s.length() > MAX_ID_DIGITS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
