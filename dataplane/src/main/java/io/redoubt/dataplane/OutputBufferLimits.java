package io.redoubt.dataplane;

import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code client-output-buffer-limit} for the client classes this endpoint serves. A client whose
 * unsent replies reach {@code hard} bytes, or stay at or above {@code soft} bytes for
 * {@code softSeconds}, is disconnected, as Redis does; 0 disables a limit.
 *
 * @param normal limits for ordinary clients (and MONITOR clients, which Redis counts as normal)
 * @param pubsub limits for clients subscribed to channels or patterns
 * @param replica limits for replicas on the stream they have not read yet (replication applies them)
 */
public record OutputBufferLimits(Limit normal, Limit pubsub, Limit replica) {

    /** One class's limits. */
    public record Limit(long hard, long soft, long softSeconds) {
        public static final Limit NONE = new Limit(0, 0, 0);

        /** Whether a client with {@code pending} bytes queued, over the soft limit since {@code softSince} (0: not), must go. */
        public boolean exceeded(long pending, long softSinceMillis, long nowMillis) {
            if (hard > 0 && pending >= hard) {
                return true;
            }
            return soft > 0 && pending >= soft && softSinceMillis > 0 && nowMillis - softSinceMillis >= softSeconds * 1000;
        }
    }

    /** Redis's defaults: no limit for normal clients, 32mb hard / 8mb for 60 s for pub/sub. */
    public static final OutputBufferLimits DEFAULT =
            new OutputBufferLimits(Limit.NONE, new Limit(33554432, 8388608, 60), new Limit(268435456, 67108864, 60));

    /** The parameter's default, as CONFIG GET shows it. */
    public static final String DEFAULT_TEXT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    /**
     * Applies {@code <class> <hard> <soft> <seconds>} groups to the {@code current} canonical value,
     * as Redis does (classes not named keep their limits), and returns the new canonical value.
     */
    public static String merge(String current, List<String> given) throws ConfigException {
        if (current == null) {
            current = DEFAULT_TEXT; // the parameter's own default is being normalized at registration
        }
        List<String> words = new java.util.ArrayList<>();
        for (String g : given) {
            for (String w : g.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w); // one quoted value or separate words: the same groups
                }
            }
        }
        if (words.isEmpty() || words.size() % 4 != 0) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        Map<String, long[]> classes = classes(current);
        Map<String, long[]> changes = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i += 4) {
            String cls = words.get(i).toLowerCase(Locale.ROOT);
            if (cls.equals("replica")) {
                cls = "slave";
            }
            if (!classes.containsKey(cls)) {
                throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            }
            long hard;
            long soft;
            long seconds;
            try {
                hard = ConfigTypes.parseMemory(words.get(i + 1));
                soft = ConfigTypes.parseMemory(words.get(i + 2));
                seconds = Long.parseLong(words.get(i + 3));
            } catch (ConfigException | NumberFormatException e) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            if (hard < 0 || soft < 0 || seconds < 0) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            changes.put(cls, new long[] {hard, soft, seconds});
        }
        classes.putAll(changes);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, long[]> e : classes.entrySet()) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            long[] v = e.getValue();
            b.append(e.getKey()).append(' ').append(v[0]).append(' ').append(v[1]).append(' ').append(v[2]);
        }
        return b.toString();
    }

    /** Limits from a canonical value. */
    public static OutputBufferLimits parse(String canonical) {
        Map<String, long[]> c = classes(canonical);
        long[] n = c.get("normal");
        long[] p = c.get("pubsub");
        long[] r = c.get("slave");
        return new OutputBufferLimits(new Limit(n[0], n[1], n[2]), new Limit(p[0], p[1], p[2]),
                new Limit(r[0], r[1], r[2]));
    }

    private static Map<String, long[]> classes(String canonical) {
        String[] w = canonical.trim().split("\\s+");
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int i = 0; i + 3 < w.length; i += 4) {
            m.put(w[i], new long[] {Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]), Long.parseLong(w[i + 3])});
        }
        return m;
    }
}
