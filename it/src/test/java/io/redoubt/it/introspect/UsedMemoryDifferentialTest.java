package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * INFO memory's used_memory on both servers: not 0 on an empty server, made of startup, clients and
 * data set as Redis makes it, growing with clients and keys, and the very figure maxmemory is checked
 * against: a limit just under what INFO reports refuses writes (noeviction) on both.
 */
@Timeout(60)
class UsedMemoryDifferentialTest extends DifferentialTest {

    @Test
    void anEmptyServerUsesMemoryMadeOfStartupClientsAndDataset() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            String info = c.callText("INFO", "memory");
            long used = field(info, "used_memory");
            long startup = field(info, "used_memory_startup");
            long overhead = field(info, "used_memory_overhead");
            long dataset = field(info, "used_memory_dataset");
            assertThat(startup).as("used_memory_startup").isPositive();
            assertThat(used).as("used_memory").isGreaterThan(startup);
            assertThat(overhead).isGreaterThanOrEqualTo(startup + field(info, "mem_clients_normal"));
            assertThat(dataset).isEqualTo(used - overhead);
        }
    }

    @Test
    void usedMemoryGrowsWithClientsAndKeys() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            long beforeKeys = field(c.callText("INFO", "memory"), "used_memory");
            c.call("DEBUG", "POPULATE", "1000", "k", "100");
            long withKeys = field(c.callText("INFO", "memory"), "used_memory");
            assertThat(withKeys - beforeKeys).as("1000 keys of 100 bytes").isGreaterThan(100_000L);
            long before = field(c.callText("INFO", "memory"), "used_memory");
            List<RespClient> more = new ArrayList<>();
            int port = c == redis ? io.redoubt.testkit.SharedServers.redis().port()
                    : io.redoubt.testkit.SharedServers.redoubt().port();
            for (int i = 0; i < 5; i++) {
                RespClient extra = RespClient.connect(port);
                extra.call("PING");
                more.add(extra);
            }
            long withClients = field(c.callText("INFO", "memory"), "used_memory");
            assertThat(withClients - before).as("five more clients").isGreaterThan(5 * 10_000L);
            more.forEach(RespClient::close);
        }
    }

    @Test
    void maxmemoryIsCheckedAgainstTheReportedFigure() {
        same("SET", "k", "v");
        try {
            for (RespClient c : new RespClient[] {redis, redoubt}) {
                long used = field(c.callText("INFO", "memory"), "used_memory");
                long dataset = field(c.callText("INFO", "memory"), "used_memory_dataset");
                // below the total but far above the data set alone: only the overhead makes it full
                assertThat(dataset).isLessThan(used - 100_000);
                c.call("CONFIG", "SET", "maxmemory", Long.toString(used - 50_000));
            }
            same("SET", "other", "v");
            same("GET", "k");
        } finally {
            redis.call("CONFIG", "SET", "maxmemory", "0");
            redoubt.call("CONFIG", "SET", "maxmemory", "0");
        }
        same("SET", "other", "v");
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }
}
