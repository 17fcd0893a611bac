package io.redoubt.dataplane;

import io.redoubt.engine.command.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who listens to what: channel subscribers, pattern subscribers and shard-channel subscribers, on the
 * shard's thread. Delivery writes straight to each subscriber's connection.
 */
public final class PubSub {
    /** The three kinds of subscription, with the words Redis uses in their replies. */
    enum Kind {
        CHANNEL("subscribe", "unsubscribe", "message"),
        PATTERN("psubscribe", "punsubscribe", "pmessage"),
        SHARD("ssubscribe", "sunsubscribe", "smessage");

        final String subscribeWord;
        final String unsubscribeWord;
        final String messageWord;

        Kind(String s, String u, String m) {
            subscribeWord = s;
            unsubscribeWord = u;
            messageWord = m;
        }
    }

    private final Map<DbKey, Set<Session>> channels = new LinkedHashMap<>();
    private final Map<DbKey, Set<Session>> patterns = new LinkedHashMap<>();
    private final Map<DbKey, Set<Session>> shardChannels = new LinkedHashMap<>();

    private Map<DbKey, Set<Session>> map(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    /** Returns true when the session was not yet subscribed. */
    boolean subscribe(Kind kind, Session s, byte[] name) {
        DbKey k = new DbKey(0, name);
        if (!s.subscriptions(kind).add(k)) {
            return false;
        }
        map(kind).computeIfAbsent(k, x -> new LinkedHashSet<>()).add(s);
        return true;
    }

    boolean unsubscribe(Kind kind, Session s, byte[] name) {
        DbKey k = new DbKey(0, name);
        if (!s.subscriptions(kind).remove(k)) {
            return false;
        }
        Set<Session> set = map(kind).get(k);
        if (set != null) {
            set.remove(s);
            if (set.isEmpty()) {
                map(kind).remove(k);
            }
        }
        return true;
    }

    /** Drops every subscription of a closing or reset session, without replies. */
    void forget(Session s) {
        for (Kind kind : Kind.values()) {
            for (DbKey k : new ArrayList<>(s.subscriptions(kind))) {
                unsubscribe(kind, s, k.bytes());
            }
        }
    }

    /** PUBLISH / SPUBLISH: delivers to subscribers and returns how many received it. */
    long publish(boolean shard, byte[] channel, byte[] message) {
        long receivers = 0;
        DbKey k = new DbKey(0, channel);
        if (shard) {
            for (Session s : copy(shardChannels.get(k))) {
                s.deliver(r -> {
                    r.push(3);
                    r.bulk(Kind.SHARD.messageWord);
                    r.bulk(channel);
                    r.bulk(message);
                });
                receivers++;
            }
            return receivers;
        }
        for (Session s : copy(channels.get(k))) {
            s.deliver(r -> {
                r.push(3);
                r.bulk(Kind.CHANNEL.messageWord);
                r.bulk(channel);
                r.bulk(message);
            });
            receivers++;
        }
        for (Map.Entry<DbKey, Set<Session>> p : new ArrayList<>(patterns.entrySet())) {
            byte[] pattern = p.getKey().bytes();
            if (!Glob.matches(pattern, channel, false)) {
                continue;
            }
            for (Session s : copy(p.getValue())) {
                s.deliver(r -> {
                    r.push(4);
                    r.bulk(Kind.PATTERN.messageWord);
                    r.bulk(pattern);
                    r.bulk(channel);
                    r.bulk(message);
                });
                receivers++;
            }
        }
        return receivers;
    }

    private static List<Session> copy(Set<Session> set) {
        return set == null ? List.of() : new ArrayList<>(set);
    }

    /** Active channels (or shard channels) matching {@code pattern} (null: all). */
    List<byte[]> activeChannels(boolean shard, byte[] pattern) {
        List<byte[]> list = new ArrayList<>();
        for (DbKey k : (shard ? shardChannels : channels).keySet()) {
            if (pattern == null || Glob.matches(pattern, k.bytes(), false)) {
                list.add(k.bytes());
            }
        }
        return list;
    }

    int subscriberCount(boolean shard, byte[] channel) {
        Set<Session> set = (shard ? shardChannels : channels).get(new DbKey(0, channel));
        return set == null ? 0 : set.size();
    }

    int patternCount() {
        return patterns.size();
    }

    int channelCount() {
        return channels.size();
    }
}
