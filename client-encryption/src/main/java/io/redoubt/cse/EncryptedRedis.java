package io.redoubt.cse;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis client that encrypts values on the way out and decrypts them on the way in, over Jedis
 * ({@link #overJedis}) or Lettuce ({@link #overLettuce}). Key names and hash field names stay in the clear
 * (seal them with {@link ValueEncryptor#sealDeterministic} if they are secret); string values, hash values
 * and list elements are randomized and bound to their key (and field); set members are deterministic
 * within their set so that SADD, SISMEMBER and SREM work. Raw commands go through {@link #sendCommand},
 * which refuses what cannot work on ciphertext. A missing key reads as {@code null}; a value that fails
 * authentication throws {@link TamperedValueException}.
 */
public final class EncryptedRedis implements AutoCloseable {
    private final BinaryCommands redis;
    private final ValueEncryptor encryptor;

    private EncryptedRedis(BinaryCommands redis, ValueEncryptor encryptor) {
        this.redis = redis;
        this.encryptor = encryptor;
    }

    /** Over a Jedis client ({@code RedisClient}, a pool, a cluster); {@link #close} closes it. */
    public static EncryptedRedis overJedis(UnifiedJedis jedis, ValueEncryptor encryptor) {
        return new EncryptedRedis(new JedisBinaryCommands(jedis), encryptor);
    }

    /**
     * Over a Lettuce connection opened with {@code ByteArrayCodec.INSTANCE}; {@link #close} closes it. (A
     * Lettuce {@code RedisCodec} cannot do this job: it encodes a value without knowing its key, so it could
     * not bind the value to the key name.)
     */
    public static EncryptedRedis overLettuce(StatefulRedisConnection<byte[], byte[]> connection,
            ValueEncryptor encryptor) {
        return new EncryptedRedis(new LettuceBinaryCommands(connection), encryptor);
    }

    public void set(String key, String value) {
        redis.set(b(key), encryptor.seal(b(key), b(value)));
    }

    public String get(String key) {
        byte[] stored = redis.get(b(key));
        return stored == null ? null : s(encryptor.open(b(key), stored));
    }

    /** MSET with each value sealed under its own key. */
    public void mset(Map<String, String> values) {
        Map<byte[], byte[]> sealed = new LinkedHashMap<>();
        values.forEach((key, value) -> sealed.put(b(key), encryptor.seal(b(key), b(value))));
        redis.mset(sealed);
    }

    public List<String> mget(String... keys) {
        byte[][] raw = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            raw[i] = b(keys[i]);
        }
        List<byte[]> stored = redis.mget(raw);
        List<String> out = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.add(stored.get(i) == null ? null : s(encryptor.open(raw[i], stored.get(i))));
        }
        return out;
    }

    /** Returns how many fields were added (not updated), as HSET does. */
    public long hset(String key, String field, String value) {
        return hset(key, Map.of(field, value));
    }

    public long hset(String key, Map<String, String> fields) {
        Map<byte[], byte[]> sealed = new LinkedHashMap<>();
        fields.forEach((field, value) -> sealed.put(b(field), encryptor.sealField(b(key), b(field), b(value))));
        return redis.hset(b(key), sealed);
    }

    public String hget(String key, String field) {
        byte[] stored = redis.hget(b(key), b(field));
        return stored == null ? null : s(encryptor.openField(b(key), b(field), stored));
    }

    public Map<String, String> hgetAll(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        redis.hgetall(b(key)).forEach((field, stored) -> out.put(s(field), s(encryptor.openField(b(key), field,
                stored))));
        return out;
    }

    public long rpush(String key, String... elements) {
        return redis.rpush(b(key), sealElements(key, elements));
    }

    public long lpush(String key, String... elements) {
        return redis.lpush(b(key), sealElements(key, elements));
    }

    public List<String> lrange(String key, long start, long stop) {
        List<String> out = new ArrayList<>();
        for (byte[] stored : redis.lrange(b(key), start, stop)) {
            out.add(s(encryptor.openElement(b(key), stored)));
        }
        return out;
    }

    public String lindex(String key, long index) {
        byte[] stored = redis.lindex(b(key), index);
        return stored == null ? null : s(encryptor.openElement(b(key), stored));
    }

    public long sadd(String key, String... members) {
        return redis.sadd(b(key), sealMembers(key, members));
    }

    public long srem(String key, String... members) {
        return redis.srem(b(key), sealMembers(key, members));
    }

    public boolean sismember(String key, String member) {
        return redis.sismember(b(key), encryptor.sealMember(b(key), b(member)));
    }

    public Set<String> smembers(String key) {
        Set<String> out = new LinkedHashSet<>();
        for (byte[] stored : redis.smembers(b(key))) {
            out.add(s(encryptor.openMember(b(key), stored)));
        }
        return out;
    }

    /**
     * Sends a raw command that touches only key names (DEL, EXPIRE, TTL, HDEL, …). Commands that compute on,
     * compare or edit values (INCR, APPEND, GETRANGE, SETRANGE, BITOP, SORT, lexicographic ranges, EVAL, …)
     * and commands not known to be safe are refused with {@link UnsupportedOperationException} saying why,
     * before anything is sent.
     */
    public Object sendCommand(String command, String... args) {
        RefusedCommands.checkPassThrough(command);
        return redis.send(command, args);
    }

    @Override
    public void close() {
        redis.close();
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
