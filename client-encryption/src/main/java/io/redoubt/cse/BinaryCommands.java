package io.redoubt.cse;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The few binary commands {@link EncryptedRedis} needs, so that one class does the sealing for every
 * client; an adapter per client (Jedis, Lettuce) maps them and is the only code that names the client's
 * classes, which keeps each client an optional dependency.
 */
interface BinaryCommands extends AutoCloseable {
    void set(byte[] key, byte[] value);

    byte[] get(byte[] key);

    /** One entry per key, null where the key is missing. */
    List<byte[]> mget(byte[][] keys);

    void mset(Map<byte[], byte[]> values);

    long hset(byte[] key, Map<byte[], byte[]> fields);

    byte[] hget(byte[] key, byte[] field);

    Map<byte[], byte[]> hgetall(byte[] key);

    long rpush(byte[] key, byte[][] elements);

    long lpush(byte[] key, byte[][] elements);

    List<byte[]> lrange(byte[] key, long start, long stop);

    byte[] lindex(byte[] key, long index);

    long sadd(byte[] key, byte[][] members);

    long srem(byte[] key, byte[][] members);

    boolean sismember(byte[] key, byte[] member);

    Collection<byte[]> smembers(byte[] key);

    Object send(String command, String[] args);

    @Override
    void close();
}
