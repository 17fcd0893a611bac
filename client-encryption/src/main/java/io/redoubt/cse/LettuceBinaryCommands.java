package io.redoubt.cse;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@link BinaryCommands} on a Lettuce connection opened with {@link ByteArrayCodec}. */
final class LettuceBinaryCommands implements BinaryCommands {
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;

    LettuceBinaryCommands(StatefulRedisConnection<byte[], byte[]> connection) {
        this.connection = connection;
        this.redis = connection.sync();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        redis.set(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return redis.get(key);
    }

    @Override
    public List<byte[]> mget(byte[][] keys) {
        List<byte[]> out = new ArrayList<>(keys.length);
        for (KeyValue<byte[], byte[]> kv : redis.mget(keys)) {
            out.add(kv.hasValue() ? kv.getValue() : null);
        }
        return out;
    }

    @Override
    public void mset(Map<byte[], byte[]> values) {
        redis.mset(values);
    }

    @Override
    public long hset(byte[] key, Map<byte[], byte[]> fields) {
        return redis.hset(key, fields);
    }

    @Override
    public byte[] hget(byte[] key, byte[] field) {
        return redis.hget(key, field);
    }

    @Override
    public Map<byte[], byte[]> hgetall(byte[] key) {
        return redis.hgetall(key);
    }

    @Override
    public long rpush(byte[] key, byte[][] elements) {
        return redis.rpush(key, elements);
    }

    @Override
    public long lpush(byte[] key, byte[][] elements) {
        return redis.lpush(key, elements);
    }

    @Override
    public List<byte[]> lrange(byte[] key, long start, long stop) {
        return redis.lrange(key, start, stop);
    }

    @Override
    public byte[] lindex(byte[] key, long index) {
        return redis.lindex(key, index);
    }

    @Override
    public long sadd(byte[] key, byte[][] members) {
        return redis.sadd(key, members);
    }

    @Override
    public long srem(byte[] key, byte[][] members) {
        return redis.srem(key, members);
    }

    @Override
    public boolean sismember(byte[] key, byte[] member) {
        return redis.sismember(key, member);
    }

    @Override
    public Collection<byte[]> smembers(byte[] key) {
        return redis.smembers(key);
    }

    @Override
    public Object send(String command, String[] args) {
        byte[] raw = command.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ProtocolKeyword keyword = new ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return raw;
            }

            @Override
            public String toString() {
                return command;
            }
        };
        CommandArgs<byte[], byte[]> commandArgs = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (String arg : args) {
            commandArgs.add(arg);
        }
        return redis.dispatch(keyword, new LettuceRawReply(), commandArgs);
    }

    @Override
    public void close() {
        connection.close();
    }
}
