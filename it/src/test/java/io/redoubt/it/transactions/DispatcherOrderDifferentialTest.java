package io.redoubt.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.redoubt.testkit.TestDatabases;

/**
 * The dispatcher's checks in Redis's order, one row per pair of checks that could both refuse a
 * request: each row sets up conditions under which two checks would fire and expects the earlier one
 * to win, byte for byte as Debian's redis-server 7.0.15 answers. Lines of a row's script run on a
 * fresh client connection; lines starting with {@code @} run on an administrator's connection (to
 * fill memory between queueing and EXEC, say) and are compared too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherOrderDifferentialTest {
    private static final String ADMIN_PASSWORD = "order-admin-pw";
    /** Fills memory: a key written first, then maxmemory 1 under noeviction. */
    private static final String FULL_MEMORY = """
            @SET filler some-bytes-that-use-memory
            @CONFIG SET maxmemory 1
            """;

    private RealRedis redis;
    private RedoubtServer redoubt;

    record Row(String name, String script) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("lookup comes before authentication", """
                        NOSUCHCOMMAND a b
                        """),
                new Row("arity comes before authentication", """
                        GET
                        """),
                new Row("authentication comes before admission", FULL_MEMORY + """
                        SET a b
                        """),
                new Row("refused-in-MULTI comes before the ACL", """
                        @ACL SETUSER nosave on nopass ~* &* +@all -save
                        AUTH nosave x
                        MULTI
                        SAVE
                        EXEC
                        """),
                new Row("the ACL comes before memory", FULL_MEMORY + """
                        @ACL SETUSER noset on nopass ~* &* +@all -set
                        AUTH noset x
                        SET a b
                        """),
                new Row("memory comes before the RESP2 pub/sub context", FULL_MEMORY + """
                        AUTH default order-admin-pw
                        SUBSCRIBE ch
                        SET a b
                        """),
                new Row("memory is checked at queue time, then EXEC aborts", FULL_MEMORY + """
                        AUTH default order-admin-pw
                        MULTI
                        SET a b
                        EXEC
                        GET a
                        """),
                new Row("under maxmemory any command but EXEC and DISCARD is refused in MULTI", FULL_MEMORY + """
                        AUTH default order-admin-pw
                        MULTI
                        GET a
                        DISCARD
                        """),
                new Row("EXEC holding a DENYOOM command is refused once memory is full", """
                        AUTH default order-admin-pw
                        MULTI
                        SET a b
                        GET a
                        """ + FULL_MEMORY + """
                        EXEC
                        EXEC
                        @CONFIG SET maxmemory 0
                        GET a
                        """),
                new Row("EXEC holding only reads runs once memory is full", """
                        AUTH default order-admin-pw
                        MULTI
                        GET filler
                        """ + FULL_MEMORY + """
                        EXEC
                        """),
                new Row("ACL refusal of EXEC discards the transaction and names the reason", """
                        @ACL SETUSER noexec on nopass ~* &* +@all -exec
                        AUTH noexec x
                        MULTI
                        SET a b
                        EXEC
                        EXEC
                        """),
                new Row("arity refusal of EXEC discards the transaction", """
                        AUTH default order-admin-pw
                        MULTI
                        SET a b
                        EXEC extra
                        EXEC
                        """),
                new Row("the ACL refuses before WATCH's own refusal inside MULTI", """
                        @ACL SETUSER nowatch on nopass ~* &* +@all -watch
                        AUTH nowatch x
                        MULTI
                        WATCH k
                        EXEC
                        """),
                new Row("NOPERM and OOM at queue time both doom EXEC", FULL_MEMORY + """
                        @ACL SETUSER noget on nopass ~* &* +@all -get
                        AUTH noget x
                        MULTI
                        GET a
                        SET a b
                        EXEC
                        """));
    }

    @BeforeAll
    void start() throws Exception {
        redis = RealRedis.start();
        redoubt = TestDatabases.start();
        for (int port : new int[] {redis.port(), redoubt.port()}) {
            try (RespClient c = new RespClient("127.0.0.1", port, 5000)) {
                assertThat(c.callText("CONFIG", "SET", "requirepass", ADMIN_PASSWORD)).isEqualTo("+OK\r\n");
            }
        }
    }

    @AfterAll
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (redoubt != null) {
            redoubt.close();
        }
    }

    @AfterEach
    void reset() {
        for (int port : new int[] {redis.port(), redoubt.port()}) {
            try (RespClient admin = admin(port)) {
                admin.call("CONFIG", "SET", "maxmemory", "0");
                admin.call("FLUSHALL");
                for (String user : new String[] {"nosave", "noset", "noexec", "nowatch", "noget"}) {
                    admin.call("ACL", "DELUSER", user);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void earlierCheckWins(Row row) {
        assertThat(run(redoubt.port(), row.script())).isEqualTo(run(redis.port(), row.script()));
    }

    private static RespClient admin(int port) {
        RespClient admin = new RespClient("127.0.0.1", port, 5000);
        assertThat(admin.callText("AUTH", ADMIN_PASSWORD)).isEqualTo("+OK\r\n");
        return admin;
    }

    /** Runs a row's script; returns every reply, each behind the line that caused it. */
    private static List<String> run(int port, String script) {
        List<String> replies = new ArrayList<>();
        try (RespClient admin = admin(port); RespClient client = new RespClient("127.0.0.1", port, 5000)) {
            for (String line : script.strip().split("\n")) {
                boolean asAdmin = line.startsWith("@");
                String[] args = (asAdmin ? line.substring(1) : line).strip().split(" ");
                RespClient on = asAdmin ? admin : client;
                replies.add(line + " -> " + on.callText(args).replace("\r\n", "\\r\\n"));
            }
        }
        return replies;
    }
}
