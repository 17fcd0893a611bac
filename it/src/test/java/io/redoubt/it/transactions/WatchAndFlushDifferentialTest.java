package io.redoubt.it.transactions;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WATCH against what other clients do to whole databases (SWAPDB, FLUSHALL, FLUSHDB), keys whose time
 * runs out after or before they were watched, and MULTI holding SAVE, SHUTDOWN or a failing CONFIG SET,
 * on both servers: EXEC's reply (run or aborted) byte for byte.
 */
@Timeout(60)
class WatchAndFlushDifferentialTest extends DifferentialTest {
    /** A second client per server, the one that changes the databases while the first watches. */
    private RespClient otherRedis;
    private RespClient otherRedoubt;

    @BeforeEach
    void connectOthers() {
        otherRedis = RespClient.connect(SharedServers.redis().port());
        otherRedoubt = RespClient.connect(SharedServers.redoubt().port());
    }

    @AfterEach
    void closeOthers() {
        same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        otherRedis.close();
        otherRedoubt.close();
    }

    /** Sends {@code args} from the second client of each server; replies must match. */
    private void other(String... args) {
        String expected = otherRedis.callText(args);
        String actual = otherRedoubt.callText(args);
        org.assertj.core.api.Assertions.assertThat(printable(actual)).as("other client: %s", String.join(" ", args))
                .isEqualTo(printable(expected));
    }

    private void watchThen(String watchedKey, Runnable change) {
        same("WATCH", watchedKey);
        change.run();
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void swapdbTouchesWatchedKeysPresentInEitherDatabase() {
        // the key exists only in the other database: after the swap it exists here
        same("SELECT", "1");
        same("SET", "only-in-1", "v");
        same("SELECT", "0");
        watchThen("only-in-1", () -> other("SWAPDB", "0", "1"));
        // the key exists only here: after the swap it is gone
        watchThen("only-in-1", () -> other("SWAPDB", "0", "1"));
        // in neither database: nothing changes for it
        watchThen("nowhere", () -> other("SWAPDB", "0", "1"));
        // in both
        same("SET", "both", "a");
        same("SELECT", "1");
        same("SET", "both", "b");
        same("SELECT", "0");
        watchThen("both", () -> other("SWAPDB", "0", "1"));
        // a swap of two other databases
        watchThen("both", () -> other("SWAPDB", "2", "3"));
    }

    @Test
    void flushTouchesWatchedKeysThatExisted() {
        same("SET", "k", "v");
        watchThen("k", () -> other("FLUSHALL"));
        watchThen("k", () -> other("FLUSHALL"));
        same("SET", "k", "v");
        watchThen("k", () -> other("FLUSHDB"));
        same("SET", "k", "v");
        other("SELECT", "5");
        watchThen("k", () -> other("FLUSHDB"));
        watchThen("absent", () -> other("FLUSHALL", "ASYNC"));
        other("SELECT", "0");
    }

    @Test
    void swapdbWakesClientsBlockedOnTheSwappedInData() {
        same("SELECT", "1");
        same("RPUSH", "queue", "job");
        same("SELECT", "0");
        other("CLIENT", "SETNAME", "blocked");
        otherRedis.send("BLPOP", "queue", "5");
        otherRedoubt.send("BLPOP", "queue", "5");
        awaitBlocked();
        same("SWAPDB", "0", "1");
        String expected = otherRedis.readReplyText();
        String actual = otherRedoubt.readReplyText();
        org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(expected);
        same("SELECT", "1");
        same("EXISTS", "queue");
    }

    private void awaitBlocked() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (redis.callText("INFO", "clients").contains("blocked_clients:1")
                    && redoubt.callText("INFO", "clients").contains("blocked_clients:1")) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the clients did not block");
    }

    @Test
    void watchSeesAKeyThatExpiredAfterIt() throws InterruptedException {
        same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        same("SET", "k", "1", "PX", "20");
        same("WATCH", "k");
        Thread.sleep(60);
        same("MULTI");
        same("INCR", "k");
        same("EXEC");
    }

    @Test
    void staleKeysWatchedAfterTheyExpiredDoNotAbort() throws InterruptedException {
        same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        same("SET", "k", "1", "PX", "1");
        Thread.sleep(20);
        same("WATCH", "k");
        same("MULTI");
        same("PING");
        same("EXEC");
        // deleting a stale watched key, or flushing it, is not a change either
        same("SET", "k", "1", "PX", "1");
        Thread.sleep(20);
        same("WATCH", "k");
        other("DEL", "k");
        same("MULTI");
        same("PING");
        same("EXEC");
        same("SET", "k", "1", "PX", "1");
        Thread.sleep(20);
        same("WATCH", "k");
        other("FLUSHDB");
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void multiWithSaveShutdownOrFailingConfigSet() {
        sameScript("""
                MULTI
                SET a 1
                CONFIG SET maxmemory-policy bogus
                SET b 2
                EXEC
                MGET a b
                MULTI
                CONFIG SET no-such-parameter 1
                EXEC
                MULTI
                SHUTDOWN
                DISCARD
                MULTI
                SAVE
                DISCARD
                MULTI
                SHUTDOWN NOSAVE
                SAVE
                SET c 3
                EXEC
                GET c
                PING
                """);
    }
}
