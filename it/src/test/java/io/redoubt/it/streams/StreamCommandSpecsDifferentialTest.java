package io.redoubt.it.streams;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/** COMMAND INFO of every stream command (tips, key specs, subcommands) byte for byte as Redis 7.0.15. */
class StreamCommandSpecsDifferentialTest extends DifferentialTest {

    @Test
    void commandInfoMatches() {
        for (String c : new String[] {"xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xsetid", "xack",
            "xpending", "xclaim", "xautoclaim", "xread", "xreadgroup", "xgroup|create", "xgroup|setid",
            "xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|help", "xinfo|stream",
            "xinfo|groups", "xinfo|consumers", "xinfo|help"}) {
            same("COMMAND", "INFO", c);
        }
    }
}
