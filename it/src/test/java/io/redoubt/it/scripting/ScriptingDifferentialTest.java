package io.redoubt.it.scripting;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT against Redis 7.0.15, byte for byte: replies, the
 * conversions between Lua and RESP2/RESP3 in both directions, the errors ({@code user_script:1: ...
 * script: <sha>, on @user_script:1.}), shebang flags, redis.* helpers, libraries and the sandbox.
 */
@Timeout(60)
class ScriptingDifferentialTest extends DifferentialTest {

    /** A Lua function that shows a binary string as hex, for comparing encodings. */
    private static final String HEX =
            "local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end ";

    private void eval(String script, String... keysAndArgs) {
        String[] args = new String[keysAndArgs.length + 2];
        args[0] = "EVAL";
        args[1] = script;
        System.arraycopy(keysAndArgs, 0, args, 2, keysAndArgs.length);
        same(args);
    }

    @Test
    void luaValuesBecomeRedisReplies() {
        eval("return 1", "0");
        eval("return 'x'", "0");
        eval("return 3.99", "0");
        eval("return -3.99", "0");
        eval("return true", "0");
        eval("return false", "0");
        eval("return nil", "0");
        eval("return {1, 2.9, 'x', true, false, nil, 5}", "0");
        eval("return {1, {2, false, 'x'}, {err='E1'}}", "0");
        eval("return {err='My Error'}", "0");
        eval("return {ok='fine'}", "0");
        eval("return {ok='a\\r\\nb'}", "0");
        eval("return {ok='x', err='y'}", "0");
        eval("return {err=5}", "0");
        eval("return {double=2.5}", "0");
        eval("return {big_number='123'}", "0");
        eval("return {map={a=1}}", "0");
        eval("return {set={a=true}}", "0");
        eval("return {verbatim_string={format='txt', string='x'}}", "0");
        eval("return {1, nil, 3}", "0");
        eval("return redis.error_reply('boom')", "0");
        eval("return redis.error_reply('-MY code here')", "0");
        eval("return redis.error_reply(12)", "0");
        eval("return redis.status_reply('st')", "0");
        eval("return redis.status_reply(12)", "0");
        eval("return KEYS[1] .. ARGV[1] .. #KEYS .. #ARGV", "1", "k", "a");
    }

    @Test
    void luaValuesBecomeResp3RepliesForResp3Clients() {
        resp3();
        luaValuesBecomeRedisReplies();
        eval("redis.setresp(3) return {true, false}", "0");
        eval("redis.setresp(3) return redis.call('hgetall', 'nokey')", "0");
        eval("redis.setresp(3) return {double=0.1}", "0");
    }

    @Test
    void redisRepliesBecomeLuaValues() {
        same("SET", "s", "abc");
        same("RPUSH", "l", "a", "b");
        same("HSET", "h", "f", "v");
        eval("return redis.call('get', 's')", "0");
        eval("return redis.call('get', 'missing')", "0");
        eval("return type(redis.call('get', 'missing'))", "0");
        eval("return redis.call('lrange', 'l', 0, -1)", "0");
        eval("return redis.call('incr', 'n')", "0");
        eval("return redis.call('set', 'x', 'y')", "0");
        eval("return type(redis.call('set', 'x', 'y'))", "0");
        eval("return redis.call('set', 'x', 'y').ok", "0");
        eval("return redis.pcall('incr', 's')", "0");
        eval("return redis.pcall('incr', 's').err", "0");
        eval("redis.setresp(3) local r = redis.call('hgetall', 'h') return r.map.f", "0");
        eval("redis.setresp(3) return type(redis.call('get', 'missing'))", "0");
        eval("redis.setresp(3) local r = redis.call('smembers', 'nokey') return type(r.set)", "0");
        eval("redis.call('set', 'fx', 0.1) redis.call('set', 'fy', 1e20) redis.call('set', 'fz', 3) "
                + "return {redis.call('get', 'fx'), redis.call('get', 'fy'), redis.call('get', 'fz')}", "0");
    }

    @Test
    void errorsNameTheScriptAndLine() {
        same("SET", "s", "abc");
        eval("return nil + 1", "0");
        eval("return redis.call('incr', 's')", "0");
        eval("return redis.call('nosuch')", "0");
        eval("return redis.call('get')", "0");
        eval("return redis.call()", "0");
        eval("return redis.call('get', {})", "0");
        eval("return redis.call('multi')", "0");
        eval("return redis.call('config')", "0");
        eval("return redis.call('config', 'nosuch')", "0");
        eval("error('plain')", "0");
        eval("error({err='TBL oops'})", "0");
        eval("local t = {} t.x.y = 1", "0");
        eval("\nlocal a = 1\nreturn redis.call('incr', 's')", "0");
        eval("return syntax error", "0");
        eval("return 1", "-1");
        eval("return 1", "2", "a");
        eval("return 1", "x");
        same("EVALSHA", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0");
        same("EVALSHA", "short", "0");
    }

    @Test
    void redisHelpers() {
        eval("return redis.sha1hex('')", "0");
        eval("return redis.sha1hex(12)", "0");
        eval("return redis.sha1hex()", "0");
        eval("return redis.REDIS_VERSION .. ' ' .. redis.REDIS_VERSION_NUM", "0");
        eval("return redis.setresp(4)", "0");
        eval("return redis.setresp()", "0");
        eval("return redis.log(1)", "0");
        eval("return redis.log('x', 'y')", "0");
        eval("return redis.log(9, 'y')", "0");
        eval("return redis.log(redis.LOG_WARNING, 'from a differential test')", "0");
        eval("return redis.set_repl(9)", "0");
        eval("return redis.set_repl(redis.REPL_ALL)", "0");
        eval("return {redis.replicate_commands(), redis.breakpoint()}", "0");
        eval("return redis.acl_check_cmd('set', 'a', 'b')", "0");
        eval("return redis.acl_check_cmd('nosuch')", "0");
        eval("local t = {} for k in pairs(redis) do t[#t + 1] = k end table.sort(t) return t", "0");
    }

    @Test
    void theSandbox() {
        eval("a = 5", "0");
        eval("return a", "0");
        eval("KEYS[1] = 'x' return KEYS[1]", "1", "k");
        eval("return print", "0");
        eval("return loadfile", "0");
        eval("return os", "0");
        eval("return io", "0");
        eval("return require", "0");
        eval("return setfenv", "0");
        eval("return getfenv", "0");
        eval("return newproxy", "0");
        eval("return debug", "0");
        eval("string.foo = 1 return 1", "0");
        eval("redis.call = 1 return 1", "0");
        eval("rawset(_G, 'a', 1) return 1", "0");
        eval("return setmetatable(string, {})", "0");
        eval("return _G.x", "0");
        eval("local n = 0 for k, v in pairs(string) do n = n + 1 end return n", "0");
        eval("return loadstring(string.dump(function() return 1 end))", "0");
        eval("return type(loadstring('return 1'))", "0");
        eval("loadstring('x = 1')() return 1", "0");
        eval("return type(getmetatable(_G))", "0");
        eval("local t = setmetatable({}, {}) return 1", "0");
        eval("local t = {} for k, v in pairs(_G) do t[#t + 1] = k end table.sort(t) return t", "0");
        eval("local t = {} for k, v in pairs(cmsgpack) do t[#t + 1] = k end table.sort(t) return t", "0");
        eval("local t = {} for k, v in pairs(struct) do t[#t + 1] = k end table.sort(t) return t", "0");
        eval("local t = {} for k, v in pairs(cjson) do t[#t + 1] = k end table.sort(t) return t", "0");
        eval("local t = {} for k, v in pairs(bit) do t[#t + 1] = k end table.sort(t) return t", "0");
    }

    @Test
    void libraries() {
        eval("return string.format('%d %5.2f %q %s', 3.7, 1/3, 'a\\0b', 1e15)", "0");
        eval("return tostring(1e15) .. ' ' .. tostring(0.1) .. ' ' .. tostring(2^53) .. ' ' .. tostring(1/0)", "0");
        eval("return table.concat({1, 2, 3}, ',')", "0");
        eval("return {unpack({1, 2, 3})}", "0");
        eval("return math.floor(2.5) + math.max(1, 7)", "0");
        eval("return cjson.encode({1, 2, {a = 'b'}})", "0");
        eval("return cjson.decode('[1,2,{\"a\":\"b\"}]')[3].a", "0");
        eval("return cjson.encode(cjson.decode('{\"x\":[1,2.5,null,true]}'))", "0");
        eval("return {bit.band(12, 10), bit.bor(12, 10), bit.bxor(12, 10), bit.lshift(1, 4), bit.tohex(255)}", "0");
        eval("return _VERSION", "0");
        eval("local co = coroutine.create(function() coroutine.yield(1) end) return {coroutine.resume(co)}", "0");
    }

    @Test
    void cmsgpack() {
        eval(HEX + "return hex(cmsgpack.pack(1, -1, 127, 128, 255, 256, 65535, 65536, 4294967296, -32, -33, -129, "
                + "-32769, -2147483649, 0.5, 0.1, 1e300, 1/0, true, false, nil))", "0");
        eval(HEX + "return hex(cmsgpack.pack('', 'abc', string.rep('x', 31), string.rep('y', 32), string.rep('z', 300)))", "0");
        eval(HEX + "return hex(cmsgpack.pack({}, {1, 2, 3}, {a = 1}, {1, nil, 3}, {[1] = 'a', [3] = 'c'}, {x = {y = {z = {}}}}))", "0");
        eval(HEX + "local t = {} local c = t for i = 1, 20 do c[1] = {} c = c[1] end return hex(cmsgpack.pack(t))", "0");
        eval(HEX + "local t = {} for i = 1, 20 do t[i] = i end return hex(cmsgpack.pack(t))", "0");
        eval("return {cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}, {five = 5}))}", "0");
        eval("local a, b, c = cmsgpack.unpack(cmsgpack.pack(1.5, -7, true)) return {tostring(a), b, tostring(c)}", "0");
        eval("return cmsgpack.unpack(cmsgpack.pack({k = 'v'})).k", "0");
        eval("return {cmsgpack.unpack_one(cmsgpack.pack(10, 20, 30))}", "0");
        eval("return {cmsgpack.unpack_one(cmsgpack.pack(10, 20, 30), 1)}", "0");
        eval("return {cmsgpack.unpack_limit(cmsgpack.pack(10, 20, 30), 2)}", "0");
        eval("return {cmsgpack.unpack_limit(cmsgpack.pack(10, 20, 30), 2, 2)}", "0");
        eval("return cmsgpack.pack()", "0");
        eval("return cmsgpack.unpack()", "0");
        eval("return cmsgpack.unpack({})", "0");
        eval("return cmsgpack.unpack('\\205')", "0");
        eval("return cmsgpack.unpack('\\193')", "0");
        eval("return cmsgpack.unpack_limit('abc')", "0");
        eval("return cmsgpack.unpack_one(cmsgpack.pack(1), 5)", "0");
    }

    @Test
    void struct() {
        eval(HEX + "return hex(struct.pack('>I2i4bB', 258, -2, -1, 255))", "0");
        eval(HEX + "return hex(struct.pack('<hHlLTi3I5', -300, 65535, -5, 5, 7, -2, 2^33))", "0");
        eval(HEX + "return hex(struct.pack('i17', 1) .. struct.pack('i17', -1))", "0");
        eval(HEX + "return hex(struct.pack('>fd<fd', 0.1, 0.1, 1.5, -2.25))", "0");
        eval(HEX + "return hex(struct.pack('!4bi4!2bh xc3 s c0', 1, 2, 3, 4, 'abcdef', 'zz', 'tail'))", "0");
        eval(HEX + "return hex(struct.pack('>i', 2^40))", "0");
        eval("return {struct.unpack('<h', struct.pack('<h', -300))}", "0");
        eval("return {struct.unpack('>l', struct.pack('>l', -5))}", "0");
        eval("return {struct.unpack('s', 'ab\\0cd')}", "0");
        eval("return {struct.unpack('Bc0', '\\3abcd')}", "0");
        eval("return {struct.unpack('>I2', 'xxab', 3)}", "0");
        eval("local a, b = struct.unpack('>fd', struct.pack('>fd', 0.5, 0.1)) return {tostring(a), tostring(b)}", "0");
        eval("return struct.size('>i4d!4c3')", "0");
        eval("return struct.size('s')", "0");
        eval("return struct.size('c0')", "0");
        eval("return struct.pack('X')", "0");
        eval("return struct.pack('i')", "0");
        eval("return struct.pack('i33', 1)", "0");
        eval("return struct.pack('!3i', 1)", "0");
        eval("return struct.pack('c5', 'ab')", "0");
        eval("return struct.pack()", "0");
        eval("return {struct.unpack('i4', 'ab')}", "0");
        eval("return {struct.unpack('s', 'ab')}", "0");
    }

    @Test
    void mathRandomIsRedisSequence() {
        eval("return {tostring(math.random()), math.random(10), math.random(5, 8)}", "0");
        eval("return tostring(math.random())", "0");
        eval("math.randomseed(42) return tostring(math.random())", "0");
        eval("return math.random(0)", "0");
        eval("return math.random(1, 2, 3)", "0");
        eval("return math.randomseed('x')", "0");
    }

    @Test
    void shebangFlags() {
        eval("#!lua flags=no-writes\nreturn redis.call('set', 'a', 'b')", "0");
        eval("#!lua flags=no-writes\nreturn redis.call('get', 'a')", "0");
        eval("#!lua flags=bogus\nreturn 1", "0");
        eval("#!lua", "0");
        eval("#!luax\nreturn 1", "0");
        eval("#!lua x=1\nreturn 1", "0");
        eval("#!lua flags=\nreturn 1", "0");
        eval("#!lua flags=allow-oom,no-cluster\nreturn 1", "0");
        eval("#!lua\nreturn redis.call('set', 'a', 'b')", "0");
        same("EVAL_RO", "return redis.call('set', 'a', 'b')", "0");
        same("EVAL_RO", "#!lua\nreturn 1", "0");
        same("EVAL_RO", "return redis.call('get', 'a')", "0");
    }

    @Test
    void memoryLimitInsideScripts() {
        same("SET", "big", "x".repeat(1000));
        same("CONFIG", "SET", "maxmemory", "1");
        try {
            eval("return redis.call('set', 'k', 'v')", "0");
            eval("return redis.call('get', 'big') ~= nil", "0");
            eval("redis.call('del', 'nothing') return redis.call('set', 'k', 'v')", "0");
            eval("#!lua\nreturn redis.call('set', 'k', 'v')", "0");
            eval("#!lua flags=no-writes\nreturn redis.call('get', 'k')", "0");
            eval("#!lua flags=allow-oom\nreturn redis.call('set', 'k2', 'v')", "0");
            eval("return redis.pcall('set', 'k3', 'v')", "0");
            same("EVAL_RO", "return redis.call('get', 'k2')", "0");
        } finally {
            same("CONFIG", "SET", "maxmemory", "0");
        }
    }

    @Test
    void scriptsAmongOtherCommands() {
        // blocking commands answer at once inside a script
        eval("return redis.call('blpop', 'nolist', 0)", "0");
        eval("return redis.call('brpoplpush', 'nolist', 'other', 0)", "0");
        // a SELECT inside a script does not change the caller's database
        eval("redis.call('select', 2) redis.call('set', 'in2', 'x') return redis.call('get', 'in2')", "0");
        same("GET", "in2");
        same("SELECT", "2");
        same("GET", "in2");
        same("SELECT", "0");
        // pcall around redis.call catches the raised error table
        same("SET", "s", "abc");
        eval("local ok, e = pcall(redis.call, 'incr', 's') return {tostring(ok), type(e), tostring(e)}", "0");
        eval("local ok, e = pcall(function() return redis.call('nosuch') end) return e", "0");
        eval("local ok, e = pcall(error, {err = 'X y'}) return {tostring(ok), e}", "0");
        eval("local ok, e = pcall(error, {other = 1}) return {tostring(ok), type(e)}", "0");
        eval("local ok, e = pcall(error, 'plain') return {tostring(ok), e}", "0");
        eval("return {pcall(function(a, b) return a, b end, 1, 2)}", "0");
        eval("local ok, e = xpcall(function() return redis.call('incr', 's') end, function(x) return x end) "
                + "return {tostring(ok), type(e)}", "0");
        // in a transaction
        same("MULTI");
        same("EVAL", "return redis.call('incr', 'n')", "0");
        same("EVAL", "return redis.call('incr', 's')", "0");
        same("EVAL", "return {err='custom'}", "0");
        same("EXEC");
        // WATCH sees a script's write
        RespClientPair other = new RespClientPair();
        try {
            same("WATCH", "w");
            other.both("EVAL", "return redis.call('set', 'w', '1')", "0");
            same("MULTI");
            same("GET", "w");
            same("EXEC");
        } finally {
            other.close();
        }
        // statistics count the commands a script ran
        same("CONFIG", "RESETSTAT");
        eval("redis.call('set', 'a', '1') redis.call('set', 'b', '2') return redis.call('get', 'a')", "0");
        String theirs = redis.callText("INFO", "commandstats");
        String ours = redoubt.callText("INFO", "commandstats");
        for (String cmd : new String[] {"cmdstat_set:calls=2,", "cmdstat_get:calls=1,", "cmdstat_eval:calls=1,"}) {
            org.assertj.core.api.Assertions.assertThat(ours.contains(cmd)).as(cmd).isEqualTo(theirs.contains(cmd));
        }
    }

    @Test
    void errorStatisticsCountEachErrorOnce() {
        same("CONFIG", "RESETSTAT");
        same("SET", "s", "abc");
        eval("return redis.call('incr', 's')", "0");
        eval("return redis.pcall('incr', 's')", "0");
        eval("return redis.call('nosuch')", "0");
        eval("return redis.call()", "0");
        eval("return {err='MYERR custom'}", "0");
        eval("error('plain')", "0");
        eval("local ok = pcall(redis.call, 'incr', 's') return 1", "0");
        eval("return tostring(redis.pcall('incr', 's').ignore_error_stats_update)", "0");
        eval("return tostring(redis.pcall().ignore_error_stats_update)", "0");
        same("INFO", "errorstats");
        String theirs = redis.callText("INFO", "commandstats");
        String ours = redoubt.callText("INFO", "commandstats");
        for (String stat : new String[] {"cmdstat_incr:", "cmdstat_eval:"}) {
            org.assertj.core.api.Assertions.assertThat(counters(ours, stat)).as(stat).isEqualTo(counters(theirs, stat));
        }
    }

    /** calls, rejected_calls and failed_calls of one commandstats line (its times differ by nature). */
    private static String counters(String info, String stat) {
        int at = info.indexOf(stat);
        if (at < 0) {
            return "absent";
        }
        String line = info.substring(at, info.indexOf('\r', at));
        return line.replaceAll("usec=[0-9]+,usec_per_call=[0-9.]+,", "");
    }

    /** A second connection to each server, for what another client does meanwhile. */
    private static final class RespClientPair {
        private final io.redoubt.testkit.RespClient redis =
                io.redoubt.testkit.RespClient.connect(io.redoubt.testkit.SharedServers.redis().port());
        private final io.redoubt.testkit.RespClient redoubt =
                io.redoubt.testkit.RespClient.connect(io.redoubt.testkit.SharedServers.redoubt().port());

        void both(String... args) {
            org.assertj.core.api.Assertions.assertThat(printable(redoubt.callText(args)))
                    .isEqualTo(printable(redis.callText(args)));
        }

        void close() {
            redis.close();
            redoubt.close();
        }
    }

    @Test
    void scriptCache() {
        String body = "return {KEYS[1], ARGV[1]}";
        same("SCRIPT", "LOAD", body);
        String sha = redis.callText("SCRIPT", "LOAD", body).split("\r\n")[1];
        same("EVALSHA", sha, "1", "k", "v");
        same("EVALSHA", sha.toUpperCase(java.util.Locale.ROOT), "1", "k", "v");
        same("EVALSHA_RO", sha, "1", "k", "v");
        same("SCRIPT", "EXISTS", sha, "ffffffffffffffffffffffffffffffffffffffff");
        same("SCRIPT", "FLUSH", "bogus");
        same("SCRIPT", "FLUSH", "SYNC");
        same("SCRIPT", "EXISTS", sha);
        same("EVALSHA", sha, "0");
        same("SCRIPT", "LOAD", "return +");
        same("SCRIPT", "KILL");
        same("SCRIPT", "HELP");
        same("EVAL", "return 1", "0");
        same("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
        same("SCRIPT", "FLUSH");
        same("SCRIPT", "LOAD", "return 'one'");
        same("EVAL", "return 'two'", "0");
        for (String[] reply : new String[][] {both("INFO", "memory")}) {
            org.assertj.core.api.Assertions.assertThat(field(reply[1], "number_of_cached_scripts"))
                    .isEqualTo(field(reply[0], "number_of_cached_scripts")).isEqualTo("2");
            org.assertj.core.api.Assertions.assertThat(Long.parseLong(field(reply[1], "used_memory_lua"))).isPositive();
        }
    }

    private static String field(String info, String name) {
        int at = info.indexOf("\r\n" + name + ":") + name.length() + 3;
        return info.substring(at, info.indexOf('\r', at));
    }

    @Test
    void commandInfo() {
        for (String c : new String[] {"eval", "evalsha", "eval_ro", "evalsha_ro", "script|load", "script|exists",
            "script|flush", "script|kill"}) {
            same("COMMAND", "INFO", c);
            same("COMMAND", "DOCS", c);
        }
        same("COMMAND", "GETKEYS", "EVAL", "return 1", "2", "a", "b", "c");
    }
}
