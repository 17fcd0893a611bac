package io.redoubt.it.persistence;

import io.redoubt.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A data set with every saved type in its compact and its full encoding, written through commands
 * to any server, and a rendering of a server's whole keyspace (type, encoding, contents, absolute
 * expiry) that two servers must agree on.
 */
public final class DataSet {
    private DataSet() {
    }

    public static void write(RespClient c) {
        c.call("SET", "str", "hello");
        c.call("SET", "int", "12345");
        c.call("SET", "neg", "-7");
        c.call("SET", "bigint", "-9223372036854775808");
        c.call("SET", "long", "abc".repeat(2000));
        c.call("SET", "ttl", "soon", "PXAT", Long.toString(System.currentTimeMillis() + 3_600_000));
        c.call("PFADD", "hll", "a", "b", "c");
        for (int size : new int[] {5, 3000}) {
            List<String> list = new ArrayList<>(List.of("RPUSH", "list" + size));
            List<String> ints = new ArrayList<>(List.of("SADD", "intset" + size));
            List<String> set = new ArrayList<>(List.of("SADD", "set" + size));
            List<String> hash = new ArrayList<>(List.of("HSET", "hash" + size));
            List<String> zset = new ArrayList<>(List.of("ZADD", "zset" + size));
            for (int i = 0; i < size; i++) {
                list.add(i % 3 == 0 ? Integer.toString(i * 17) : "item-" + i);
                ints.add(Long.toString(i * 1_000_003L - 70000));
                set.add("m" + i);
                hash.add("f" + i);
                hash.add(i % 2 == 0 ? Integer.toString(i) : "v" + i);
                zset.add(i % 4 == 0 ? Integer.toString(i) : Double.toString(i / 3.0 - 100));
                zset.add("z" + i);
            }
            c.call(list.toArray(new String[0]));
            c.call(ints.toArray(new String[0]));
            c.call(set.toArray(new String[0]));
            c.call(hash.toArray(new String[0]));
            c.call(zset.toArray(new String[0]));
            c.call("PEXPIREAT", "zset" + size, Long.toString(System.currentTimeMillis() + 7_200_000 + size));
        }
        c.call("RPUSH", "biglist", "x".repeat(10000), "y", "z".repeat(9000));
        c.call("HSET", "longhash", "f", "v".repeat(100));
        c.call("ZADD", "zinf", "-inf", "a", "+inf", "b", "3.141592653589793", "c");
        for (int size : new int[] {3, 700}) {
            String key = "stream" + size;
            for (int i = 1; i <= size; i++) {
                if (i % 5 == 0) {
                    c.call("XADD", key, i + "-" + (i % 3), "other", "x" + i, "more", Integer.toString(i));
                } else {
                    c.call("XADD", key, i + "-" + (i % 3), "f", "v" + i, "n", Integer.toString(i * 1000));
                }
            }
            c.call("XDEL", key, "2-2");
            c.call("XGROUP", "CREATE", key, "g1", "0");
            c.call("XGROUP", "CREATE", key, "g2", "$");
            c.call("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "2", "STREAMS", key, ">");
            c.call("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "1", "STREAMS", key, ">");
            c.call("XACK", key, "g1", "1-1");
        }
        c.call("XGROUP", "CREATE", "emptystream", "g", "$", "MKSTREAM");
        c.call("XADD", "trimmed", "1-1", "a", "1");
        c.call("XADD", "trimmed", "2-1", "a", "2");
        c.call("XDEL", "trimmed", "2-1");
        c.call("SELECT", "3");
        c.call("SET", "other", "db3");
        c.call("SELECT", "0");
    }

    /** Every key of databases 0 to 15 as comparable text. */
    public static String render(RespClient c) {
        StringBuilder out = new StringBuilder();
        for (int db = 0; db < 16; db++) {
            c.call("SELECT", Integer.toString(db));
            List<String> keys = strings(c.call("KEYS", "*"));
            Collections.sort(keys);
            for (String k : keys) {
                String type = c.callText("TYPE", k).trim();
                out.append(db).append(' ').append(k).append(' ').append(type)
                        .append(" enc=").append(encoding(c, k))
                        .append(" pexpiretime=").append(c.callText("PEXPIRETIME", k).trim()).append(" = ");
                switch (type) {
                    case "+string" -> out.append(c.callText("GET", k));
                    case "+list" -> out.append(c.callText("LRANGE", k, "0", "-1"));
                    case "+set" -> out.append(c.callText("SORT_RO", k, "ALPHA"));
                    case "+zset" -> out.append(c.callText("ZRANGE", k, "0", "-1", "WITHSCORES"));
                    case "+hash" -> {
                        List<String> flat = strings(c.call("HGETALL", k));
                        List<String> pairs = new ArrayList<>();
                        for (int i = 0; i < flat.size(); i += 2) {
                            pairs.add(flat.get(i) + "=" + flat.get(i + 1));
                        }
                        Collections.sort(pairs);
                        out.append(pairs);
                    }
                    case "+stream" -> {
                        out.append(c.callText("XLEN", k)).append(c.callText("XRANGE", k, "-", "+"))
                                .append(c.callText("XINFO", "GROUPS", k));
                        for (String g : new String[] {"g1", "g2", "g"}) {
                            out.append(c.callText("XPENDING", k, g));
                        }
                    }
                    default -> out.append("?");
                }
                out.append('\n');
            }
        }
        c.call("SELECT", "0");
        return out.toString();
    }

    /**
     * OBJECT ENCODING, except that a short string's raw and embstr count as one: a save and load
     * turns raw into embstr in Redis itself (HyperLogLogs, APPENDed strings).
     */
    private static String encoding(RespClient c, String key) {
        String enc = c.callText("OBJECT", "ENCODING", key).trim();
        return enc.endsWith("\nraw") || enc.endsWith("\nembstr") ? "short-or-raw-string" : enc;
    }

    /** The bulk strings of a flat RESP2 array reply. */
    static List<String> strings(byte[] reply) {
        String s = new String(reply, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        int p = s.indexOf("\r\n") + 2;
        while (p < s.length()) {
            int eol = s.indexOf("\r\n", p);
            int len = Integer.parseInt(s.substring(p + 1, eol));
            out.add(s.substring(eol + 2, eol + 2 + len));
            p = eol + 2 + len + 2;
        }
        return out;
    }
}
