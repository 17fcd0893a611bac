package io.redoubt.cse;

import io.redoubt.node.RedoubtServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.redoubt.testkit.TestDatabases;

/** The encrypted client against Redoubt in-process, persisting RDB and AOF to a temporary folder. */
class AgainstRedoubtTest extends EncryptedClientContract {
    private static Path dir;
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("cse-redoubt");
        server = TestDatabases.start("dir", dir.toString(), "appendonly", "yes", "appendfsync", "always");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    int port() {
        return server.port();
    }

    @Override
    Path dataDir() {
        return dir;
    }
}
