package io.redoubt.it.strings;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.Slowlog;
import io.redoubt.testkit.TestDatabases;

/**
 * A string set again with a value of the same length is written into the array the key already
 * has (so it allocates nothing lasting); nothing that saw the earlier value may notice.
 */
class StringOverwriteTest {
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabases.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void slowlogKeepsTheArgumentsAsTheyWere() {
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.configSet("slowlog-log-slower-than", "0");
            j.slowlogReset();
            for (String v : List.of("aaa", "bbb", "ccc", "ddd")) {
                j.set("sl", v);
            }
            j.configSet("slowlog-log-slower-than", "10000");
            List<String> logged = j.slowlogGet(20).stream().map(Slowlog::getArgs)
                    .filter(a -> a.size() == 3 && a.get(0).equals("SET")).map(a -> a.get(2)).toList();
            assertThat(logged).containsExactly("ddd", "ccc", "bbb", "aaa");
            assertThat(j.get("sl")).isEqualTo("ddd");
        }
    }

    @Test
    void copiesRenamesAndGetReplySeeTheValueOfTheirMoment() {
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.set("src", "v1");
            j.set("src", "v2");
            j.set("src", "v3"); // now written in place
            assertThat(j.copy("src", "copy", true)).isTrue();
            j.set("src", "v4");
            assertThat(j.get("copy")).isEqualTo("v3");
            assertThat(j.setGet("src", "v5")).isEqualTo("v4");
            assertThat(j.setGet("src", "v6", SetParams.setParams().keepTtl())).isEqualTo("v5");
            assertThat(j.get("src")).isEqualTo("v6");
            assertThat(j.getSet("src", "v7")).isEqualTo("v6");
            j.rename("src", "moved");
            j.set("moved", "v8");
            j.set("moved", "v9");
            assertThat(j.get("moved")).isEqualTo("v9");
            assertThat(j.get("copy")).isEqualTo("v3");
            assertThat(j.objectEncoding("moved")).isEqualTo("embstr");
            j.setrange("moved", 0, "w");
            assertThat(j.objectEncoding("moved")).isEqualTo("raw");
            j.set("moved", "x9");
            assertThat(j.objectEncoding("moved")).isEqualTo("embstr");
            assertThat(j.get("moved")).isEqualTo("x9");
        }
    }

    @Test
    void countersCountAcrossDigitChanges() {
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.set("n", "7");
            for (int i = 0; i < 1_000; i++) {
                j.incr("n");
            }
            assertThat(j.get("n")).isEqualTo("1007");
            assertThat(j.objectEncoding("n")).isEqualTo("int");
            assertThat(j.decrBy("n", 2_000)).isEqualTo(-993L);
            assertThat(j.incrBy("n", 993)).isEqualTo(0L);
            assertThat(j.get("n")).isEqualTo("0");
        }
    }
}
