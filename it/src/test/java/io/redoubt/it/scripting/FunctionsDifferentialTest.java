package io.redoubt.it.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis 7.0 functions against Redis 7.0.15, byte for byte: FUNCTION LOAD and its errors (the shebang,
 * library and function names, redis.register_function in both forms, what a library's code may reach
 * while it loads), FCALL and FCALL_RO (flags, errors naming the function and line), LIST, DELETE,
 * FLUSH, STATS, KILL, HELP, DUMP and RESTORE in both directions, and the commands' specs. Redis lists
 * libraries and functions in its hash tables' order, so replies listing several are compared on one
 * library with one function, or as counts.
 */
@Timeout(60)
class FunctionsDifferentialTest extends DifferentialTest {
    private static final String LIB = "#!lua name=mylib\n"
            + "local function helper(k) return redis.call('incr', k) end\n"
            + "redis.register_function('incr2', function(keys, args) return helper(keys[1]) end)\n"
            + "redis.register_function('unknown', function(keys, args) return redis.call('nope') end)\n"
            + "redis.register_function('raise', function(keys, args) error('bad') end)\n"
            + "redis.register_function('reply_err', function(keys, args) return redis.error_reply('MY err') end)\n"
            + "redis.register_function('globals', function(keys, args) return type(KEYS) end)\n"
            + "redis.register_function('register', function(keys, args) redis.register_function('z', function() end) end)\n"
            + "redis.register_function{function_name='ro', callback=function(keys, args) "
            + "return redis.call('set', 'a', 'b') end, flags={'no-writes'}}\n"
            + "redis.register_function('w', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
            + "redis.register_function{function_name='get_ro', callback=function(keys, args) "
            + "return redis.call('get', keys[1]) end, flags={'no-writes'}}\n"
            + "redis.register_function('echo', function(keys, args) return {#keys, #args, keys[1], args[1], args[2]} end)\n";

    @BeforeEach
    @AfterEach
    void flushFunctions() {
        redis.call("FUNCTION", "FLUSH");
        redoubt.call("FUNCTION", "FLUSH");
    }

    private void load(String body) {
        same("FUNCTION", "LOAD", body);
    }

    private static String lib(String name, String body) {
        return "#!lua name=" + name + "\n" + body;
    }

    @Test
    void loadRefusesBadMetadataWithRedisWords() {
        load("return 1");
        load("#!lua");
        load("#!lua name=x");
        load("#!lua name=x foo=bar\n");
        load("#!lua name=x name=y\n");
        load("#!lua name=a-b\n");
        load("#!luax name=ab\n");
        load("#!lua name=ab\nreturn 1");
        load("#!lua\nreturn 1");
        same("FUNCTION", "LOAD", "replace");
        same("FUNCTION", "LOAD", "foo", "bar");
        same("FUNCTION", "LOAD");
    }

    @Test
    void registerFunctionChecksItsArguments() {
        String f = "redis.register_function('f', function() return 1 end)";
        for (String body : new String[] {
            "redis.call('set','x','y')",
            "redis.register_function('f-1', function() end)",
            "redis.register_function('g', function() end) redis.register_function('g', function() end)",
            "redis.register_function('g')",
            "redis.register_function(1, 2, 3)",
            "redis.register_function({})",
            "redis.register_function(1, 2)",
            "redis.register_function('x', 2)",
            "redis.register_function{function_name='g', callback=function() end, flags={'bad'}}",
            "redis.register_function{function_name='g', callback=function() end, flags='x'}",
            "redis.register_function{function_name='g', callback=function() end, foo=1}",
            "redis.register_function{function_name={}, callback=function() end}",
            "redis.register_function{function_name='g', callback=1}",
            "redis.register_function{function_name='g', description={}, callback=function() end}",
            "redis.register_function{callback=function() end}",
            "redis.register_function{function_name='g'}",
            "x = 1",
            "redis.foo = 1",
            "local s = string.len('a')",
            "error('boom')",
            "return 1 +",
            "local v = redis.setresp",
            "local v = redis.pcall",
            "local v = redis.sha1hex",
            "local v = math",
            "local v = KEYS",
            "local v = _G",
            "local v = cjson",
            "local i = 0 while true do i = i + 1 end",
            "while true do pcall(function() while true do end end) end",
            "redis.log(redis.LOG_WARNING, 'loading') local v = redis.REDIS_VERSION_NUM .. redis.REDIS_VERSION "
                    + "local d = redis.LOG_DEBUG",
        }) {
            load(lib("t1", body + "\n" + f));
            redis.call("FUNCTION", "FLUSH");
            redoubt.call("FUNCTION", "FLUSH");
        }
    }

    @Test
    void librariesAndFunctionsCollide() {
        load(LIB);
        load(LIB);
        load(lib("other", "redis.register_function('INCR2', function() return 1 end)"));
        load(lib("MYLIB", "redis.register_function('x1', function() return 1 end)"));
        same("FUNCTION", "LOAD", "REPLACE", lib("mylib", "redis.register_function('only', function() return 7 end)"));
        same("FCALL", "only", "0");
        same("FCALL", "incr2", "1", "k");
        same("FUNCTION", "LOAD", "REPLACE", lib("mylib", "redis.register_function('x1', function() return 1 end)"));
        same("FCALL", "only", "0");
        same("FUNCTION", "DELETE", "MYLIB");
        same("FUNCTION", "DELETE", "nope");
        same("FUNCTION", "DELETE");
        same("FUNCTION", "DELETE", "a", "b");
        same("FCALL", "x1", "0");
        same("FUNCTION", "DELETE", "mylib");
        same("FCALL", "only", "0");
    }

    @Test
    void fcallRunsFunctionsAsRedisDoes() {
        load(LIB);
        same("FCALL", "incr2", "1", "k");
        same("FCALL", "INCR2", "1", "k");
        same("FCALL", "unknown", "0");
        same("FCALL", "raise", "0");
        same("FCALL", "reply_err", "0");
        same("FCALL", "globals", "0");
        same("FCALL", "register", "0");
        same("FCALL", "ro", "0");
        same("FCALL_RO", "w", "1", "x", "y");
        same("FCALL_RO", "ro", "0");
        same("FCALL", "w", "1", "x", "y");
        same("FCALL_RO", "get_ro", "1", "x");
        same("FCALL", "echo", "2", "k1", "k2", "a1", "a2");
        same("FCALL", "echo", "0");
        same("FCALL", "nope", "0");
        same("FCALL", "nope", "x");
        same("FCALL", "incr2", "2", "k");
        same("FCALL", "incr2", "-1");
        same("FCALL", "incr2", "x");
        same("FCALL");
        same("FCALL", "incr2");
        same("FCALL_RO", "incr2", "1", "k");
        same("GET", "x");
    }

    @Test
    void listDeleteFlushStatsKillHelp() {
        same("FUNCTION", "LIST");
        same("FUNCTION", "STATS");
        load(lib("one", "redis.register_function{function_name='f1', description='the f', "
                + "callback=function() return 1 end, flags={'NO-WRITES', 'allow-oom', 'allow-stale', 'no-cluster', "
                + "'allow-cross-slot-keys'}}"));
        load(lib("two", "redis.register_function('f2', function() return 1 end)"));
        same("FUNCTION", "LIST", "LIBRARYNAME", "one");
        same("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "t*");
        same("FUNCTION", "LIST", "libraryname", "O*", "withcode");
        same("FUNCTION", "LIST", "LIBRARYNAME", "none*");
        same("FUNCTION", "LIST", "LIBRARYNAME");
        same("FUNCTION", "LIST", "foo");
        same("FUNCTION", "LIST", "WITHCODE", "WITHCODE");
        same("FUNCTION", "STATS");
        same("FUNCTION", "STATS", "x");
        same("FUNCTION", "KILL");
        same("FUNCTION", "KILL", "x");
        same("FUNCTION", "HELP");
        same("FUNCTION", "FLUSH", "x");
        same("FUNCTION", "FLUSH", "ASYNC", "x");
        same("FUNCTION", "FLUSH", "SYNC");
        same("FUNCTION", "LIST");
        load(lib("one", "redis.register_function('f1', function() return 1 end)"));
        same("FUNCTION", "FLUSH");
        same("FUNCTION", "STATS");
        same("FUNCTION", "NOSUCH");
        resp3();
        load(lib("one", "redis.register_function{function_name='f1', callback=function() return 1 end, "
                + "flags={'no-writes'}}"));
        same("FUNCTION", "LIST");
        same("FUNCTION", "STATS");
    }

    /**
     * FUNCTION RESTORE onto libraries of the same names is refused by both, naming the first colliding
     * library each meets in the payload: Redis meets them in its dictionary's hash order, seeded at
     * random per process, so either name is Redis's answer.
     */
    private void refusedAsExisting(byte[]... request) {
        for (byte[] reply : new byte[][] {redis.call(request), redoubt.call(request)}) {
            assertThat(new String(reply)).matches("-ERR Library l[ab] already exists\r\n");
        }
    }

    @Test
    void dumpAndRestoreInBothDirections() {
        same("FUNCTION", "DUMP");
        load(lib("la", "redis.register_function('fa', function() return 1 end)"));
        load(lib("lb", "-- a comment long enough to be compressed by LZF compressed by LZF compressed by LZF\n"
                + "redis.register_function('fb', function() return 2 end)"));
        byte[] fromRedis = redis.call("FUNCTION", "DUMP");
        byte[] fromRedoubt = redoubt.call("FUNCTION", "DUMP");
        byte[] redisPayload = bulk(fromRedis);
        byte[] redoubtPayload = bulk(fromRedoubt);
        assertThat(redoubtPayload.length).isEqualTo(redisPayload.length);
        byte[] restore = "RESTORE".getBytes();
        byte[] function = "FUNCTION".getBytes();
        // each server restores the other's payload
        refusedAsExisting(function, restore, redisPayload);     // APPEND onto existing: refused
        assertThat(redoubt.callText("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
        assertThat(redis.callText("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
        assertThat(new String(redoubt.call(function, restore, redisPayload))).isEqualTo("+OK\r\n");
        assertThat(new String(redis.call(function, restore, redoubtPayload))).isEqualTo("+OK\r\n");
        same("FCALL", "fa", "0");
        same("FCALL", "fb", "0");
        same("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "lb");
        refusedAsExisting(function, restore, redisPayload, "APPEND".getBytes());
        same(function, restore, redisPayload, "REPLACE".getBytes());
        same(function, restore, redisPayload, "FLUSH".getBytes());
        same(function, restore, redisPayload, "bad".getBytes());
        same(function, restore, redisPayload, "FLUSH".getBytes(), "x".getBytes());
        same("FUNCTION", "RESTORE", "abc");
        same("FUNCTION", "RESTORE");
        load(lib("lc", "redis.register_function('fa2', function() return 1 end)"));
        same("FUNCTION", "DELETE", "la");
        load(lib("ld", "redis.register_function('fa', function() return 1 end)"));
        same(function, restore, redisPayload, "REPLACE".getBytes());
        same("FUNCTION", "STATS");
        byte[] corrupt = redisPayload.clone();
        corrupt[corrupt.length - 1] ^= 1;
        same(function, restore, corrupt);
    }

    @Test
    void memoryLimitAndInfoCounts() {
        load(lib("m", "redis.register_function('w', function(keys) return redis.call('set', keys[1], 'v') end)\n"
                + "redis.register_function{function_name='oomok', callback=function(keys) "
                + "return redis.call('set', keys[1], 'v') end, flags={'allow-oom'}}\n"
                + "redis.register_function{function_name='r', callback=function(keys) "
                + "return redis.call('get', keys[1]) end, flags={'no-writes'}}\n"));
        for (String reply : both("INFO", "memory")) {
            assertThat(reply).contains("number_of_functions:3\r\n", "number_of_libraries:1\r\n");
        }
        same("SET", "k", "before");
        try {
            same("CONFIG", "SET", "maxmemory", "1");
            same("FCALL", "w", "1", "k");
            same("FCALL", "r", "1", "k");
            same("FCALL_RO", "r", "1", "k");
            same("FCALL", "oomok", "1", "k");
            same("FUNCTION", "LOAD", lib("m2", "redis.register_function('x', function() return 1 end)"));
            same("FUNCTION", "DELETE", "m");
        } finally {
            redis.call("CONFIG", "SET", "maxmemory", "0");
            redoubt.call("CONFIG", "SET", "maxmemory", "0");
        }
        same("GET", "k");
    }

    /**
     * Redis 7.0.15 counts may-replicate commands (PUBLISH, SPUBLISH, PFCOUNT) as writes in read-only
     * scripts and functions (scriptVerifyWriteCommandAllow), so it refuses them there.
     */
    @Test
    void readOnlyScriptsRefuseMayReplicateCommands() {
        same("EVAL_RO", "return redis.call('publish', 'ch', 'm')", "0");
        same("EVAL_RO", "return redis.call('spublish', 'ch', 'm')", "0");
        same("EVAL_RO", "return redis.pcall('pfcount', 'hll')", "0");
        same("EVAL", "#!lua flags=no-writes\nreturn redis.call('publish', 'ch', 'm')", "0");
        same("EVAL", "return redis.call('publish', 'ch', 'm')", "0");
        load(lib("pub", "redis.register_function{function_name='pub', "
                + "callback=function() return redis.call('publish', 'ch', 'm') end, flags={'no-writes'}}\n"
                + "redis.register_function('pubw', function() return redis.call('publish', 'ch', 'm') end)"));
        same("FCALL_RO", "pub", "0");
        same("FCALL", "pub", "0");
        same("FCALL", "pubw", "0");
    }

    @Test
    void specsAndDocsAreRedis() {
        same("COMMAND", "INFO", "fcall", "fcall_ro", "function|load", "function|list", "function|delete",
                "function|flush", "function|dump", "function|restore", "function|stats", "function|kill",
                "function|help");
        for (String sub : new String[] {"load", "list", "delete", "flush", "dump", "restore", "stats", "kill", "help"}) {
            same("COMMAND", "DOCS", "function|" + sub);
        }
        same("COMMAND", "DOCS", "fcall");
        same("COMMAND", "DOCS", "fcall_ro");
        same("COMMAND", "GETKEYS", "FCALL", "f", "2", "a", "b", "c");
        same("COMMAND", "GETKEYS", "FCALL_RO", "f", "1", "a", "b");
    }

    /** The body of a bulk reply. */
    private static byte[] bulk(byte[] reply) {
        int start = 0;
        while (reply[start] != '\n') {
            start++;
        }
        return java.util.Arrays.copyOfRange(reply, start + 1, reply.length - 2);
    }
}
