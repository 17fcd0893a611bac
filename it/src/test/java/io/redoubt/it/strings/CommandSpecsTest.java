package io.redoubt.it.strings;

import io.redoubt.engine.command.CommandSpec;
import io.redoubt.testkit.SharedServers;
import io.redoubt.testkit.RespClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each string, bitmap and HyperLogLog command declares what Redis 7.0.15 declares in COMMAND INFO
 * and COMMAND DOCS.
 */
class CommandSpecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"get", "set", "setnx", "setex", "psetex", "getset", "getdel", "getex", "mget", "mset",
            "msetnx", "append", "strlen", "getrange", "substr", "setrange", "incr", "decr", "incrby", "decrby",
            "incrbyfloat", "lcs", "setbit", "getbit", "bitcount", "bitpos", "bitop", "bitfield", "bitfield_ro",
            "pfadd", "pfcount", "pfmerge", "pfdebug", "pfselftest"})
    void specMatchesRedis(String name) {
        CommandSpec spec = SharedServers.redoubt().context().commands().lookup(name);
        try (RespClient redis = RespClient.connect(SharedServers.redis().port())) {
            CommandSpecConformance.assertMatches(redis, spec);
        }
    }
}
