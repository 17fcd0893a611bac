package io.redoubt.node;

import io.redoubt.dataplane.Endpoint;
import io.redoubt.dataplane.EndpointSettings;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.dataplane.StandardCommands;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import java.net.InetSocketAddress;
import java.time.InstantSource;

/**
 * A running node with one database: the parameters, the shard, the server context and the endpoint.
 * Tests start one in-process with {@link #start} on port 0 and read the bound port from
 * {@link #port()}.
 */
public final class RedoubtServer implements AutoCloseable {
    private final ConfigRegistry config;
    private final Shard shard;
    private final ServerContext context;
    private final Endpoint endpoint;

    private RedoubtServer(ConfigRegistry config, Shard shard, ServerContext context, Endpoint endpoint) {
        this.config = config;
        this.shard = shard;
        this.context = context;
        this.endpoint = endpoint;
    }

    /**
     * Builds and starts a node from validated parameters. {@code listenPort} overrides the {@code port}
     * parameter when not null (0 picks a free port; tests use this).
     */
    public static RedoubtServer start(ServerConfig settings, Integer listenPort) throws Exception {
        return start(settings, listenPort, false);
    }

    /**
     * Starts a node for the launcher: as {@link #start}, plus the secure first start (a generated
     * default-user password) when the configuration names no users.
     */
    public static RedoubtServer launch(ServerConfig settings) throws Exception {
        return start(settings, null, true);
    }

    private static RedoubtServer start(ServerConfig settings, Integer listenPort, boolean secureFirstStart)
            throws Exception {
        InstantSource clock = InstantSource.system();
        ConfigRegistry registry = settings.registry();
        try {
            java.nio.file.Files.createDirectories(settings.dataDir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data folder (dir) " + settings.dataDir() + ": "
                    + e.getMessage(), e);
        }
        if (!java.nio.file.Files.isWritable(settings.dataDir())) {
            throw new IllegalStateException("The data folder (dir) " + settings.dataDir() + " is not writable");
        }

        Shard shard = new Shard(0, Integer.parseInt(registry.get("databases")), clock, ShardSettings.DEFAULT);
        ServerContext context = new ServerContext(shard, registry, clock, EndpointSettings.DEFAULT,
                StandardCommands::build);
        settings.bind(shard, context);
        if (secureFirstStart && !settings.explicitUsers()) {
            FirstStartPassword.apply(settings.dataDir(), Integer.parseInt(registry.get("port")), context.acl().users(),
                    System.out);
        }
        if (settings.configFile() != null) {
            context.onConfigRewrite(settings::rewriteFile);
        }
        Endpoint endpoint = new Endpoint(context);
        RedoubtServer server = new RedoubtServer(registry, shard, context, endpoint);
        int port = listenPort != null ? listenPort : Integer.parseInt(registry.get("port"));
        try {
            if (port != 0 || listenPort != null) {
                for (String host : settings.bindAddresses()) {
                    boolean optional = host.startsWith("-");
                    String h = optional ? host.substring(1) : host;
                    try {
                        InetSocketAddress bound = endpoint.listen(h, port);
                        if (port == 0) {
                            port = bound.getPort(); // listen on every address with the same free port
                        }
                    } catch (Exception e) {
                        if (!optional) {
                            throw new IllegalStateException("Could not listen on " + h + ":" + port + ": "
                                    + e.getMessage(), e);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        context.onShutdown(() -> new Thread(server::close, "redoubt-shutdown").start());
        return server;
    }

    /** Starts a node with default parameters plus {@code overrides} ("maxmemory", "1mb", ...) on a free port. */
    public static RedoubtServer startForTest(String... overrides) throws Exception {
        return start(ServerConfig.fromPairs(overrides), 0);
    }

    public int port() {
        return endpoint.addresses().get(0).getPort();
    }

    public ConfigRegistry config() {
        return config;
    }

    public ServerContext context() {
        return context;
    }

    public Shard shard() {
        return shard;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
