package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.testkit.SharedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.CommandInfo;

/**
 * The specs of the commands this family registers match what Redis 7.0 declares in COMMAND INFO:
 * arity, flags, ACL categories, tips and legacy key positions, for the command and for every
 * subcommand Redoubt implements.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class ServerCommandSpecsTest {
    private static final String[] COMMANDS = {"client", "reset", "auth", "monitor", "time", "lastsave", "shutdown",
        "slowlog", "latency", "memory", "debug", "function", "script"};

    @Test
    void specsMatchRedis() {
        List<String> compared = new ArrayList<>();
        try (Jedis redis = new Jedis("127.0.0.1", SharedServers.redis().port())) {
            Map<String, CommandInfo> infos = redis.commandInfo(COMMANDS);
            for (String name : COMMANDS) {
                CommandSpec spec = SharedServers.redoubt().context().commands().lookup(name);
                CommandInfo info = infos.get(name);
                assertThat(spec).as(name).isNotNull();
                assertThat(info).as(name).isNotNull();
                compare(spec, info);
                compared.add(name);
                for (CommandSpec sub : spec.subcommands().values()) {
                    CommandInfo subInfo = info.getSubcommands().get(sub.fullName());
                    if (subInfo == null) {
                        continue; // a Redis 7.2 addition (CLIENT SETINFO, CLIENT NO-TOUCH)
                    }
                    compare(sub, subInfo);
                    compared.add(sub.fullName());
                }
            }
        }
        assertThat(compared).contains("client|list", "slowlog|get", "memory|usage", "function|flush");
    }

    private static void compare(CommandSpec spec, CommandInfo info) {
        String name = spec.fullName();
        assertThat((long) spec.arity()).as("arity of %s", name).isEqualTo(info.getArity());
        TreeSet<String> flags = new TreeSet<>();
        for (CommandFlag f : spec.flags()) {
            flags.add(f.wireName());
        }
        assertThat(flags).as("flags of %s", name).isEqualTo(new TreeSet<>(info.getFlags()));
        TreeSet<String> categories = new TreeSet<>();
        for (AclCategory c : spec.categories()) {
            categories.add("@" + c.wireName());
        }
        assertThat(categories).as("ACL categories of %s", name).isEqualTo(new TreeSet<>(info.getAclCategories()));
        assertThat(spec.tips()).as("tips of %s", name).isEqualTo(info.getTips());
        assertThat((long) spec.legacyFirstKey()).as("first key of %s", name).isEqualTo(info.getFirstKey());
        assertThat((long) spec.legacyLastKey()).as("last key of %s", name).isEqualTo(info.getLastKey());
        assertThat((long) spec.legacyStep()).as("step of %s", name).isEqualTo(info.getStep());
    }
}
