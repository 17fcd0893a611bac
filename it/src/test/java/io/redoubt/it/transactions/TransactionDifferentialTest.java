package io.redoubt.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import org.junit.jupiter.api.Test;

class TransactionDifferentialTest extends DifferentialTest {

    @Test
    void multiExecRunsQueuedCommands() {
        sameScript("""
                MULTI
                SET a 1
                GET a
                DEL a
                EXEC
                """);
    }

    @Test
    void controlErrors() {
        sameScript("""
                EXEC
                DISCARD
                MULTI
                MULTI
                WATCH x
                DISCARD
                UNWATCH
                """);
    }

    @Test
    void queueingErrorAbortsExec() {
        sameScript("""
                MULTI
                SET a 1
                NOSUCHCOMMAND
                GET
                EXEC
                GET a
                """);
    }

    @Test
    void runtimeErrorsAreReportedPerCommand() {
        sameScript("""
                SET s notanumber
                MULTI
                SET a 1
                SELECT 99
                GET a
                EXEC
                """);
    }

    @Test
    void discardDropsQueue() {
        sameScript("""
                MULTI
                SET a 1
                DISCARD
                GET a
                """);
    }

    @Test
    void watchedKeyChangedByAnotherClientFailsExec() {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient a = RespClient.connect(port); RespClient b = RespClient.connect(port)) {
                a.call("SET", "w", "1");
                assertThat(a.callText("WATCH", "w")).isEqualTo("+OK\r\n");
                b.call("SET", "w", "2");
                a.call("MULTI");
                a.call("SET", "w", "3");
                assertThat(a.callText("EXEC")).as("port %d", port).isEqualTo("*-1\r\n");
                assertThat(a.callText("GET", "w")).isEqualTo("$1\r\n2\r\n");
            }
        }
    }

    @Test
    void watchedKeyUntouchedLetsExecRun() {
        sameScript("""
                SET w 1
                WATCH w
                GET w
                MULTI
                SET w 3
                EXEC
                GET w
                """);
    }

    @Test
    void watchIsInvalidatedByFlushAndDelete() {
        sameScript("""
                SET w 1
                WATCH w
                DEL w
                MULTI
                SET w 3
                EXEC
                WATCH nokey
                SET nokey 1
                MULTI
                PING
                EXEC
                """);
    }

    @Test
    void watchedKeyExpiringFailsExec() throws Exception {
        for (int port : new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()}) {
            try (RespClient a = RespClient.connect(port)) {
                a.call("SET", "e", "1", "PX", "30");
                a.call("WATCH", "e");
                Thread.sleep(80);
                a.call("MULTI");
                a.call("PING");
                assertThat(a.callText("EXEC")).as("port %d", port).isEqualTo("*-1\r\n");
            }
        }
    }

    @Test
    void resp3NullForAbortedExec() {
        resp3();
        sameScript("""
                SET w 1
                WATCH w
                SET w 2
                MULTI
                EXEC
                """);
    }
}
