package io.redoubt.it.clients;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import io.redoubt.testkit.TestDatabases;

/** The bad-input suite on the plain port of a one-shard database, side by side with redis-server. */
class BadInputOneShardTest extends BadInputSuite {
    private RedoubtServer server;
    private RealRedis redis;

    static Socket plain(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Override
    protected Target startServer() throws Exception {
        server = TestDatabases.start("requirepass", PASSWORD);
        return () -> plain(server.port());
    }

    @Override
    protected void stopServer() {
        server.close();
    }

    @Override
    protected Target startReference() {
        redis = RealRedis.start();
        try (RespClient admin = RespClient.connect(redis.port())) {
            admin.call("CONFIG", "SET", "requirepass", PASSWORD);
        }
        return () -> plain(redis.port());
    }

    @Override
    protected void stopReference() {
        redis.close();
    }
}
