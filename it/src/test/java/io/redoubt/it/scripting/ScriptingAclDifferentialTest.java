package io.redoubt.it.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ACL inside scripts, against Redis 7.0.15: {@code redis.call} runs as the user who called EVAL,
 * with its command, key (including read/write key permissions and selectors) and channel rules, and
 * Redis's script wording; {@code redis.acl_check_cmd} answers the same; refusals reach ACL LOG with
 * the context {@code lua}.
 */
@Timeout(60)
class ScriptingAclDifferentialTest extends DifferentialTest {
    private RespClient redisUser;
    private RespClient redoubtUser;

    private void loginBoth(String user, String... rules) {
        String[] setuser = new String[rules.length + 5];
        setuser[0] = "ACL";
        setuser[1] = "SETUSER";
        setuser[2] = user;
        setuser[3] = "on";
        setuser[4] = ">pw";
        System.arraycopy(rules, 0, setuser, 5, rules.length);
        same(setuser);
        redisUser = RespClient.connect(SharedServers.redis().port());
        redoubtUser = RespClient.connect(SharedServers.redoubt().port());
        assertThat(redisUser.callText("AUTH", user, "pw")).isEqualTo("+OK\r\n");
        assertThat(redoubtUser.callText("AUTH", user, "pw")).isEqualTo("+OK\r\n");
    }

    private void sameAsUser(String... args) {
        String expected = redisUser.callText(args);
        String actual = redoubtUser.callText(args);
        assertThat(printable(actual)).as("reply to %s", String.join(" ", args)).isEqualTo(printable(expected));
    }

    @AfterEach
    void dropUsers() {
        if (redisUser != null) {
            redisUser.close();
            redoubtUser.close();
        }
        for (String u : new String[] {"scripter", "reader", "picky"}) {
            redis.call("ACL", "DELUSER", u);
            redoubt.call("ACL", "DELUSER", u);
        }
        redis.call("ACL", "LOG", "RESET");
        redoubt.call("ACL", "LOG", "RESET");
        redis.call("FUNCTION", "FLUSH");
        redoubt.call("FUNCTION", "FLUSH");
    }

    @Test
    void commandsAndKeysInsideAScriptFollowTheCallersAcl() {
        same("SET", "app:a", "1");
        same("SET", "secret:a", "2");
        loginBoth("scripter", "~app:*", "&news", "+@all", "-flushall");
        sameAsUser("EVAL", "return redis.call('get', 'app:a')", "0");
        sameAsUser("EVAL", "return redis.call('get', 'secret:a')", "0");
        sameAsUser("EVAL", "return redis.pcall('get', 'secret:a')", "0");
        sameAsUser("EVAL", "return redis.call('flushall')", "0");
        sameAsUser("EVAL", "return redis.call('publish', 'news', 'x')", "0");
        sameAsUser("EVAL", "return redis.call('publish', 'other', 'x')", "0");
        sameAsUser("EVAL", "return redis.acl_check_cmd('get', 'secret:a')", "0");
        sameAsUser("EVAL", "return redis.acl_check_cmd('get', 'app:a')", "0");
        sameAsUser("EVAL", "return redis.acl_check_cmd('flushall')", "0");
        // the script's declared keys do not widen the user's rights
        sameAsUser("EVAL", "return redis.call('get', KEYS[1])", "1", "secret:a");
        String redisLog = redis.callText("ACL", "LOG");
        String redoubtLog = redoubt.callText("ACL", "LOG");
        for (String field : new String[] {"context", "lua", "reason", "key", "object", "secret:a", "flushall"}) {
            assertThat(redoubtLog.contains(field)).as("ACL LOG mentions %s", field).isEqualTo(redisLog.contains(field));
        }
    }

    @Test
    void readAndWriteKeyPermissionsAndSelectors() {
        same("SET", "app:a", "1");
        loginBoth("reader", "%R~app:*", "+@all");
        sameAsUser("EVAL", "return redis.call('get', 'app:a')", "0");
        sameAsUser("EVAL", "return redis.call('set', 'app:a', '2')", "0");
        sameAsUser("EVAL", "return redis.call('incr', 'app:a')", "0");
        redisUser.close();
        redoubtUser.close();
        loginBoth("picky", "~app:*", "+get", "+eval", "(+set ~tmp:*)");
        sameAsUser("EVAL", "return redis.call('set', 'tmp:x', '1')", "0");
        sameAsUser("EVAL", "return redis.call('set', 'app:x', '1')", "0");
        sameAsUser("EVAL", "return redis.call('get', 'tmp:x')", "0");
        sameAsUser("EVAL", "return redis.call('del', 'app:x')", "0");
        sameAsUser("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0");
    }

    @Test
    void functionsRunAsTheirCaller() {
        same("SET", "app:a", "1");
        same("FUNCTION", "LOAD", "#!lua name=acl\n"
                + "redis.register_function('getk', function(keys) return redis.call('get', keys[1]) end)\n"
                + "redis.register_function('setk', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
                + "redis.register_function('check', function(keys) return redis.acl_check_cmd('set', keys[1], 'v') end)\n");
        loginBoth("picky", "~app:*", "+get", "+fcall", "+fcall_ro", "(+set ~tmp:*)");
        sameAsUser("FCALL", "getk", "1", "app:a");
        sameAsUser("FCALL", "getk", "1", "secret:a");
        sameAsUser("FCALL", "setk", "1", "tmp:x", "1");
        sameAsUser("FCALL", "setk", "1", "app:x", "1");
        sameAsUser("FCALL", "check", "1", "tmp:x");
        sameAsUser("FCALL", "check", "1", "app:x");
        sameAsUser("FCALL_RO", "getk", "1", "app:a");
        sameAsUser("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() return 1 end)");
        sameAsUser("FUNCTION", "DELETE", "acl");
        redisUser.close();
        redoubtUser.close();
        loginBoth("reader", "~*", "+@read", "+function|list");
        sameAsUser("FCALL", "getk", "1", "app:a");
        sameAsUser("FUNCTION", "LIST", "LIBRARYNAME", "nomatch");
    }
}
