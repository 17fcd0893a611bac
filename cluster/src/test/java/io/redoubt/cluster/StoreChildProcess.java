package io.redoubt.cluster;

import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Transaction;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The store in a JVM of its own, for {@link KillNineRecoveryTest}: creates the cluster, then commits one
 * Redis ACL after another and prints {@code ACK <name>} for each only once its proposal completed, until
 * the parent kills it.
 */
public final class StoreChildProcess {
    private StoreChildProcess() {}

    public static void main(String[] args) throws Exception {
        RaftConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(Path.of(args[0])).withSnapshotEveryEntries(7));
        store.propose(Transaction.of(new Change.CreateCluster(Samples.settings("kill9")))).get(20, TimeUnit.SECONDS);
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            String name = "acl-" + i;
            Commit c = store.propose(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, name)))).get(20, TimeUnit.SECONDS);
            if (c instanceof Commit.Applied) {
                System.out.println("ACK " + name);
                System.out.flush();
            }
        }
    }
}
