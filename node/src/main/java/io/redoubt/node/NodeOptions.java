package io.redoubt.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code redoubt-node} starts with: {@code --dir} (its data and state; default the install
 * folder), {@code --bind} (the address the API and the databases listen on; default 127.0.0.1),
 * {@code --api-port} (HTTPS, default 9443; 0 picks a free port) and {@code --bootstrap} ({@code auto}:
 * a fresh node creates its cluster, an admin user and a first database; {@code manual}: it waits for
 * {@code POST /v1/bootstrap/create_cluster}). The same names can come from a file given with
 * {@code --config FILE}, one {@code name value} per line ({@code #} starts a comment); the command line
 * wins. An unknown name or a bad value stops the start with one line saying which.
 */
public record NodeOptions(Path dir, String bind, int apiPort, Bootstrap bootstrap, int firstDatabasePort) {
    /** How a fresh node becomes a cluster. */
    public enum Bootstrap {
        AUTO, MANUAL
    }

    static final int DEFAULT_API_PORT = 9443;
    static final int DEFAULT_DATABASE_PORT = 6379;

    /** A node in {@code dir} on loopback, with its API on a free port: for tests and tools. */
    public static NodeOptions inFolder(Path dir, Bootstrap bootstrap, int firstDatabasePort) {
        return new NodeOptions(dir, "127.0.0.1", 0, bootstrap, firstDatabasePort);
    }

    static NodeOptions parse(Path home, List<String> args) throws IllegalArgumentException, IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> commandLine = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("Unexpected argument '" + a + "': use redoubt-node [--dir DIR] "
                        + "[--bind ADDR] [--api-port PORT] [--bootstrap auto|manual] [--config FILE]");
            }
            commandLine.put(a.substring(2), args.get(++i));
        }
        String file = commandLine.remove("config");
        if (file != null) {
            for (String raw : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+", 2);
                if (words.length != 2) {
                    throw new IllegalArgumentException("A line of " + file + " has a name and no value: " + words[0]);
                }
                values.put(words[0], words[1].strip());
            }
        }
        values.putAll(commandLine);
        Path dir = home;
        String bind = "127.0.0.1";
        int apiPort = DEFAULT_API_PORT;
        int databasePort = DEFAULT_DATABASE_PORT;
        Bootstrap bootstrap = Bootstrap.AUTO;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "dir" -> dir = home.resolve(v).toAbsolutePath().normalize();
                case "bind" -> bind = v;
                case "api-port" -> apiPort = port("api-port", v, true);
                case "database-port" -> databasePort = port("database-port", v, false);
                case "bootstrap" -> bootstrap = switch (v) {
                    case "auto" -> Bootstrap.AUTO;
                    case "manual" -> Bootstrap.MANUAL;
                    default -> throw new IllegalArgumentException("--bootstrap takes auto or manual, not '" + v + "'");
                };
                default -> throw new IllegalArgumentException("Unknown setting '" + e.getKey()
                        + "': redoubt-node knows dir, bind, api-port, database-port, bootstrap and config");
            }
        }
        return new NodeOptions(dir, bind, apiPort, bootstrap, databasePort);
    }

    private static int port(String name, String value, boolean zeroAllowed) {
        try {
            int p = Integer.parseInt(value);
            if (p >= (zeroAllowed ? 0 : 1) && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException("--" + name + " takes a port number" + (zeroAllowed ? " (0: any free port)" : "")
                + ", not '" + value + "'");
    }
}
