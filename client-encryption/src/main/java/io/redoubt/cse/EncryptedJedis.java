package io.redoubt.cse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * A Jedis client ({@link UnifiedJedis}: {@code RedisClient}, a pool, a cluster) that encrypts values on the
 * way out and decrypts them on the way in. Key names and hash field names stay in the clear (seal them with
 * {@link ValueEncryptor#sealDeterministic} if they are secret); string values, hash values and list elements
 * are randomized; set members are deterministic within their set so that SADD, SISMEMBER and SREM work.
 * Raw commands go through {@link #sendCommand}, which refuses what cannot work on ciphertext.
 * A missing key reads as {@code null}, as in Jedis; a value that fails authentication throws
 * {@link TamperedValueException}.
 */
public final class EncryptedJedis implements AutoCloseable {
    private final UnifiedJedis jedis;
    private final ValueEncryptor encryptor;

    public EncryptedJedis(UnifiedJedis jedis, ValueEncryptor encryptor) {
        this.jedis = jedis;
        this.encryptor = encryptor;
    }

    public String set(String key, String value) {
        return jedis.set(b(key), encryptor.seal(b(key), b(value)));
    }

    public String get(String key) {
        byte[] stored = jedis.get(b(key));
        return stored == null ? null : s(encryptor.open(b(key), stored));
    }

    /** MSET with each value sealed under its own key. */
    public String mset(Map<String, String> values) {
        List<byte[]> args = new ArrayList<>(values.size() * 2);
        values.forEach((key, value) -> {
            args.add(b(key));
            args.add(encryptor.seal(b(key), b(value)));
        });
        return jedis.mset(args.toArray(byte[][]::new));
    }

    public List<String> mget(String... keys) {
        byte[][] raw = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            raw[i] = b(keys[i]);
        }
        List<byte[]> stored = jedis.mget(raw);
        List<String> out = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.add(stored.get(i) == null ? null : s(encryptor.open(raw[i], stored.get(i))));
        }
        return out;
    }

    public long hset(String key, String field, String value) {
        return jedis.hset(b(key), b(field), encryptor.sealField(b(key), b(field), b(value)));
    }

    public long hset(String key, Map<String, String> fields) {
        Map<byte[], byte[]> sealed = new LinkedHashMap<>();
        fields.forEach((field, value) -> sealed.put(b(field), encryptor.sealField(b(key), b(field), b(value))));
        return jedis.hset(b(key), sealed);
    }

    public String hget(String key, String field) {
        byte[] stored = jedis.hget(b(key), b(field));
        return stored == null ? null : s(encryptor.openField(b(key), b(field), stored));
    }

    public Map<String, String> hgetAll(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        jedis.hgetAll(b(key)).forEach((field, stored) -> out.put(s(field), s(encryptor.openField(b(key), field,
                stored))));
        return out;
    }

    public long rpush(String key, String... elements) {
        return jedis.rpush(b(key), sealElements(key, elements));
    }

    public long lpush(String key, String... elements) {
        return jedis.lpush(b(key), sealElements(key, elements));
    }

    public List<String> lrange(String key, long start, long stop) {
        List<String> out = new ArrayList<>();
        for (byte[] stored : jedis.lrange(b(key), start, stop)) {
            out.add(s(encryptor.openElement(b(key), stored)));
        }
        return out;
    }

    public String lindex(String key, long index) {
        byte[] stored = jedis.lindex(b(key), index);
        return stored == null ? null : s(encryptor.openElement(b(key), stored));
    }

    public long sadd(String key, String... members) {
        return jedis.sadd(b(key), sealMembers(key, members));
    }

    public long srem(String key, String... members) {
        return jedis.srem(b(key), sealMembers(key, members));
    }

    public boolean sismember(String key, String member) {
        return jedis.sismember(b(key), encryptor.sealMember(b(key), b(member)));
    }

    public Set<String> smembers(String key) {
        Set<String> out = new LinkedHashSet<>();
        for (byte[] stored : jedis.smembers(b(key))) {
            out.add(s(encryptor.openMember(b(key), stored)));
        }
        return out;
    }

    /**
     * Sends a raw command that touches only key names (DEL, EXPIRE, TTL, HDEL, …). Commands that compute on,
     * compare or edit values (INCR, APPEND, GETRANGE, SETRANGE, BITOP, SORT, lexicographic ranges, EVAL, …)
     * are refused with {@link UnsupportedOperationException} saying why, before anything is sent.
     */
    public Object sendCommand(String command, String... args) {
        RefusedCommands.checkPassThrough(command);
        byte[] raw = b(command);
        ProtocolCommand protocolCommand = () -> raw;
        return jedis.sendCommand(protocolCommand, args);
    }

    /** The plain client underneath, for what needs no encryption (connection, server administration). */
    public UnifiedJedis plain() {
        return jedis;
    }

    @Override
    public void close() {
        jedis.close();
    }

    private byte[][] sealElements(String key, String[] elements) {
        byte[][] sealed = new byte[elements.length][];
        for (int i = 0; i < elements.length; i++) {
            sealed[i] = encryptor.sealElement(b(key), b(elements[i]));
        }
        return sealed;
    }

    private byte[][] sealMembers(String key, String[] members) {
        byte[][] sealed = new byte[members.length][];
        for (int i = 0; i < members.length; i++) {
            sealed[i] = encryptor.sealMember(b(key), b(members[i]));
        }
        return sealed;
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, UTF_8);
    }
}
