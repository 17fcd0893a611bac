package io.redoubt.acl;

import io.redoubt.engine.command.AclCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names of every command and subcommand of Redis 7.0 with their ACL categories, as Redis itself
 * lists them (the resource {@code redis-command-names.txt}, generated from a running redis-server by
 * {@code acl/scripts/redis-command-names.sh}). The command table stays the one source of the commands
 * Redoubt runs; this list only lets ACL rules written for Redis name a command Redoubt does not run
 * ({@code +eval}, {@code -script|flush}), so that aclfiles and ACL SETUSER calls made for Redis load
 * unchanged. Immutable.
 */
public final class RedisCommandNames {
    /** Redis 7.0.15's commands and subcommands. */
    public static final RedisCommandNames REDIS_7_0 = load("redis-command-names.txt");

    private final Map<String, Set<AclCategory>> categories;

    private RedisCommandNames(Map<String, Set<AclCategory>> categories) {
        this.categories = Collections.unmodifiableMap(categories);
    }

    private static RedisCommandNames load(String resource) {
        Map<String, Set<AclCategory>> map = new HashMap<>();
        try (InputStream in = RedisCommandNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + RedisCommandNames.class);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split(" ");
                EnumSet<AclCategory> cats = EnumSet.noneOf(AclCategory.class);
                for (int i = 1; i < words.length; i++) {
                    AclCategory c = AclCategory.byName(words[i].substring(1));
                    if (c == null) {
                        throw new IllegalStateException("unknown ACL category " + words[i] + " in " + resource);
                    }
                    cats.add(c);
                }
                map.put(words[0].toLowerCase(Locale.ROOT), Collections.unmodifiableSet(cats));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RedisCommandNames(map);
    }

    /** Whether Redis has this command or subcommand ({@code eval}, {@code cluster|info}), in any case. */
    public boolean contains(String fullName) {
        return categories.containsKey(fullName.toLowerCase(Locale.ROOT));
    }

    /** Whether Redis has subcommands under this name (a container such as {@code script}). */
    public boolean isContainer(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "|";
        for (String n : categories.keySet()) {
            if (n.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The ACL categories Redis gives the command; empty for a name Redis does not have. */
    public Set<AclCategory> categories(String fullName) {
        return categories.getOrDefault(fullName.toLowerCase(Locale.ROOT), Set.of());
    }

    /** How many commands and subcommands Redis has. */
    public int size() {
        return categories.size();
    }
}
