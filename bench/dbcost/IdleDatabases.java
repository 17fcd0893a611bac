import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.Transport;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.node.ShardedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code count} databases in this process, each with its own free port and folder under
 * {@code dir}: with {@code shards} 1, each a plain node with its own threads (RedoubtServer); with 2 or
 * more, databases of that many shards on one node's shared threads (as TwoDatabasesOneProcessTest
 * does). Prints "ready" and their ports, then idles until its standard input closes.
 * bench/dbcost.py measures it.
 */
public final class IdleDatabases {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int shards = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        NodeLoops node = new NodeLoops(Transport.resolve(Transport.AUTO), 1);
        List<AutoCloseable> databases = new ArrayList<>();
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Path own = Files.createDirectories(dir.resolve("db-" + i));
            String[] settings = {"dir", own.toString(), "save", "", "appendonly", "no"};
            if (shards == 1) {
                RedoubtServer db = RedoubtServer.start(ServerConfig.fromPairs(settings), 0);
                databases.add(db);
                ports.append(' ').append(db.port());
            } else {
                ShardedDatabase db = ShardedDatabase.startForTest(node, shards, false, settings);
                databases.add(db);
                ports.append(' ').append(db.port());
            }
        }
        System.out.println("ready" + ports);
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the driver closes our standard input
        }
        for (AutoCloseable db : databases) {
            db.close();
        }
        node.close();
    }
}
