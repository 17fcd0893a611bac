package io.redoubt.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FLUSHDB, FLUSHALL and SWAPDB reach observers as one whole change each, with every key they touch
 * signalled in between (WATCH needs each key; client-side caching needs the one event).
 */
class WholeChangeTest {
    private final Shard shard = new Shard(0, 4, InstantSource.system(), ShardSettings.DEFAULT);
    private final List<String> seen = new ArrayList<>();

    WholeChangeTest() {
        shard.addObserver(new KeyspaceObserver() {
            @Override
            public void keyModified(Keyspace db, byte[] key) {
                seen.add(db.index() + ":" + new String(key, StandardCharsets.UTF_8));
            }

            @Override
            public void wholeChangeStarted(WholeChange change) {
                seen.add("start " + change);
            }

            @Override
            public void wholeChangeEnded(WholeChange change) {
                seen.add("end " + change);
            }
        });
    }

    private void put(int db, String key) {
        shard.db(db).put(key.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    @Test
    void flushallIsOneFlushOverEveryDatabase() {
        put(0, "a");
        put(2, "b");
        seen.clear();
        shard.flushAll();
        assertThat(seen).containsExactly("start FLUSH", "0:a", "2:b", "end FLUSH");
    }

    @Test
    void flushdbOfAnEmptyDatabaseIsStillAFlush() {
        shard.db(1).clear();
        assertThat(seen).containsExactly("start FLUSH", "end FLUSH");
    }

    @Test
    void swapdbIsOneSwapWithTheKeysOfBoth() {
        put(0, "a");
        put(1, "b");
        seen.clear();
        shard.swap(0, 1);
        // every key of either database changed in both (a WATCH of "b" in db 0 must see the swap too)
        assertThat(seen).containsExactly("start SWAP", "0:b", "1:b", "1:a", "0:a", "end SWAP");
    }

    @Test
    void writesOutsideAWholeChangeAreSignalledAlone() {
        put(0, "a");
        assertThat(seen).containsExactly("0:a");
    }
}
