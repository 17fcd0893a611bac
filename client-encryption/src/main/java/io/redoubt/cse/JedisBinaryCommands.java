package io.redoubt.cse;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;

/** {@link BinaryCommands} on a Jedis {@link UnifiedJedis} ({@code RedisClient}, a pool or a cluster). */
final class JedisBinaryCommands implements BinaryCommands {
    private final UnifiedJedis jedis;

    JedisBinaryCommands(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    @Override
    public void set(byte[] key, byte[] value) {
        jedis.set(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return jedis.get(key);
    }

    @Override
    public List<byte[]> mget(byte[][] keys) {
        return jedis.mget(keys);
    }

    @Override
    public void mset(Map<byte[], byte[]> values) {
        byte[][] args = new byte[values.size() * 2][];
        int i = 0;
        for (Map.Entry<byte[], byte[]> e : values.entrySet()) {
            args[i++] = e.getKey();
            args[i++] = e.getValue();
        }
        jedis.mset(args);
    }

    @Override
    public long hset(byte[] key, Map<byte[], byte[]> fields) {
        return jedis.hset(key, fields);
    }

    @Override
    public byte[] hget(byte[] key, byte[] field) {
        return jedis.hget(key, field);
    }

    @Override
    public Map<byte[], byte[]> hgetall(byte[] key) {
        return jedis.hgetAll(key);
    }

    @Override
    public long rpush(byte[] key, byte[][] elements) {
        return jedis.rpush(key, elements);
    }

    @Override
    public long lpush(byte[] key, byte[][] elements) {
        return jedis.lpush(key, elements);
    }

    @Override
    public List<byte[]> lrange(byte[] key, long start, long stop) {
        return jedis.lrange(key, start, stop);
    }

    @Override
    public byte[] lindex(byte[] key, long index) {
        return jedis.lindex(key, index);
    }

    @Override
    public long sadd(byte[] key, byte[][] members) {
        return jedis.sadd(key, members);
    }

    @Override
    public long srem(byte[] key, byte[][] members) {
        return jedis.srem(key, members);
    }

    @Override
    public boolean sismember(byte[] key, byte[] member) {
        return jedis.sismember(key, member);
    }

    @Override
    public Collection<byte[]> smembers(byte[] key) {
        return jedis.smembers(key);
    }

    @Override
    @SuppressWarnings("deprecation") // Jedis 8 deprecates every raw-command entry point and offers no other
    public Object send(String command, String[] args) {
        byte[] raw = command.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ProtocolCommand protocolCommand = () -> raw;
        return jedis.sendCommand(protocolCommand, args);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
