package io.redoubt.node;

import io.redoubt.engine.config.ConfigException;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code sbin/redoubt-check-config <config-file> [--name value ...]}: validates a configuration the
 * way the server would, without starting anything. Exit code 0 and "Configuration OK" when the
 * server would accept it; 1 and the same one-line message the server would print otherwise.
 */
public final class CheckConfig {
    private CheckConfig() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("Usage: redoubt-check-config <config-file> [--name value ...]");
            System.exit(2);
            return;
        }
        try {
            ServerConfig config = ServerConfig.fromArgs(Main.home(), Arrays.asList(args));
            System.out.println("Configuration OK: " + config.configFile() + " (port " + config.database().port()
                    + ", bind " + String.join(" ", config.database().bind()) + ", dir " + config.dataDir() + ")");
        } catch (ConfigException | IOException e) {
            System.err.println("redoubt-check-config: " + e.getMessage());
            System.exit(1);
        }
    }
}
