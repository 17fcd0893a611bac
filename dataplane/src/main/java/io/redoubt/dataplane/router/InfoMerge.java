package io.redoubt.dataplane.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * INFO for a database of several shards: the first shard's text, with the figures that describe the
 * database rather than one shard added up over every shard, so monitoring sees the database's keys,
 * memory, traffic and command counts. Process-wide figures (RSS, uptime, the server section) and
 * per-client ones (every client has a link on every shard, so the first shard counts each client
 * once) stay the first shard's. Latency percentiles cannot be added up and stay the first shard's.
 */
final class InfoMerge {
    /** Counters of the whole database: the sum over shards. */
    private static final Set<String> SUMMED = Set.of("blocked_clients", "clients_in_timeout_table",
            "used_memory", "used_memory_dataset", "used_memory_overhead", "used_memory_startup",
            "rdb_changes_since_last_save", "total_commands_processed", "instantaneous_ops_per_sec",
            "total_net_input_bytes", "total_net_output_bytes", "instantaneous_input_kbps",
            "instantaneous_output_kbps", "expired_keys", "evicted_keys", "keyspace_hits", "keyspace_misses",
            "total_error_replies", "unexpected_error_replies", "total_reads_processed", "total_writes_processed",
            "pubsub_channels", "pubsub_patterns");

    private InfoMerge() {
    }

    /** The merged text of the shards' INFO texts (the first one gives the order and everything else). */
    static String merge(List<String> shardTexts) {
        List<Map<String, String>> fields = new ArrayList<>();
        for (String text : shardTexts) {
            fields.add(fields(text));
        }
        Map<String, String> merged = new LinkedHashMap<>(fields.get(0));
        for (int s = 1; s < fields.size(); s++) {
            for (Map.Entry<String, String> e : fields.get(s).entrySet()) {
                String name = e.getKey();
                String mine = merged.get(name);
                if (mine == null) {
                    if (name.startsWith("db") || name.startsWith("cmdstat_") || name.startsWith("errorstat_")) {
                        merged.put(name, e.getValue()); // a keyspace or command only another shard has
                    }
                } else if (SUMMED.contains(name)) {
                    merged.put(name, add(mine, e.getValue()));
                } else if (name.startsWith("db")) {
                    merged.put(name, addKeyspace(mine, e.getValue()));
                } else if (name.startsWith("cmdstat_") || name.startsWith("errorstat_")) {
                    merged.put(name, addCounts(mine, e.getValue()));
                }
            }
        }
        if (merged.containsKey("used_memory")) {
            merged.put("used_memory_human", human(Long.parseLong(merged.get("used_memory"))));
        }
        return render(shardTexts.get(0), merged);
    }

    /** Every {@code name:value} line of an INFO text, in order. */
    private static Map<String, String> fields(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                map.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return map;
    }

    /** The first shard's text with each field's merged value; fields only other shards have join their section. */
    private static String render(String template, Map<String, String> merged) {
        StringBuilder out = new StringBuilder();
        Map<String, String> left = new LinkedHashMap<>(merged);
        String section = null;
        for (String line : template.split("\r\n", -1)) {
            if (line.startsWith("#") || line.isEmpty()) {
                if (line.isEmpty() && section != null) {
                    appendOnlyElsewhere(out, section, left);
                    section = null;
                }
                if (line.startsWith("#")) {
                    section = line.substring(1).trim();
                }
                out.append(line).append("\r\n");
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon) : null;
            if (name != null && left.containsKey(name)) {
                out.append(name).append(':').append(left.remove(name)).append("\r\n");
            } else {
                out.append(line).append("\r\n");
            }
        }
        if (section != null) {
            appendOnlyElsewhere(out, section, left);
        }
        // the template ended with its own CRLF: split left one empty line too many
        return out.substring(0, out.length() - 2);
    }

    private static void appendOnlyElsewhere(StringBuilder out, String section, Map<String, String> left) {
        String prefix = switch (section.toLowerCase(Locale.ROOT)) {
            case "keyspace" -> "db";
            case "commandstats" -> "cmdstat_";
            case "errorstats" -> "errorstat_";
            default -> null;
        };
        if (prefix == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String name : left.keySet()) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        if (prefix.equals("db")) {
            names.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))));
        }
        for (String name : names) {
            out.append(name).append(':').append(left.remove(name)).append("\r\n");
        }
    }

    private static String add(String a, String b) {
        if (a.contains(".") || b.contains(".")) {
            return String.format(Locale.ROOT, "%.2f", Double.parseDouble(a) + Double.parseDouble(b));
        }
        return Long.toString(Long.parseLong(a) + Long.parseLong(b));
    }

    /** {@code keys=..,expires=..,avg_ttl=..}: keys and expires added, the average TTL weighted by expires. */
    private static String addKeyspace(String a, String b) {
        Map<String, Long> x = counts(a);
        Map<String, Long> y = counts(b);
        long expires = x.getOrDefault("expires", 0L) + y.getOrDefault("expires", 0L);
        long ttl = expires == 0 ? 0 : (x.getOrDefault("avg_ttl", 0L) * x.getOrDefault("expires", 0L)
                + y.getOrDefault("avg_ttl", 0L) * y.getOrDefault("expires", 0L)) / expires;
        return "keys=" + (x.getOrDefault("keys", 0L) + y.getOrDefault("keys", 0L)) + ",expires=" + expires
                + ",avg_ttl=" + ttl;
    }

    /** {@code calls=..,usec=..,usec_per_call=..,...} or {@code count=..}: counts added, the per-call average redone. */
    private static String addCounts(String a, String b) {
        Map<String, Long> x = counts(a);
        Map<String, Long> y = counts(b);
        StringBuilder out = new StringBuilder();
        for (String part : a.split(",")) {
            String name = part.substring(0, part.indexOf('='));
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(name).append('=');
            if (name.equals("usec_per_call")) {
                long calls = x.getOrDefault("calls", 0L) + y.getOrDefault("calls", 0L);
                long usec = x.getOrDefault("usec", 0L) + y.getOrDefault("usec", 0L);
                out.append(String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls));
            } else {
                out.append(x.getOrDefault(name, 0L) + y.getOrDefault(name, 0L));
            }
        }
        return out.toString();
    }

    private static Map<String, Long> counts(String value) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    map.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
                } catch (NumberFormatException notACount) {
                    // usec_per_call and the like: recomputed, not added
                }
            }
        }
        return map;
    }

    /** Redis's bytesToHuman: B, K, M, G, T with two decimals. */
    private static String human(long bytes) {
        String[] units = {"B", "K", "M", "G", "T", "P"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
