package io.redoubt.node;

import io.redoubt.cluster.RaftConfigStore;
import io.redoubt.cluster.StoreSettings;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.dataplane.DatabaseRuntime;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.Transport;
import io.redoubt.persistence.OwnerOnlyFiles;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A node of the control plane: the configuration store (its Raft log and snapshots under
 * {@code data/raft}), the reconciler that runs the store's databases on the node's shared threads
 * (their files under {@code data/databases}), and their event logs under {@code log/}.
 *
 * <p>Layout under the node's folder: {@code data/} (everything the node must keep), {@code log/}.
 */
public final class RedoubtNode implements AutoCloseable {
    private final ConfigStore store;
    private final NodeLoops loops;
    private final Reconciler reconciler;
    private final ConfigStore.Watch watch;

    private RedoubtNode(ConfigStore store, NodeLoops loops, Reconciler reconciler, ConfigStore.Watch watch) {
        this.store = store;
        this.loops = loops;
        this.reconciler = reconciler;
        this.watch = watch;
    }

    /**
     * Opens (or creates) the node in {@code dir} and starts running what its store holds.
     *
     * @param bind the addresses its databases listen on, redis.conf's form ("127.0.0.1 -::1")
     */
    public static RedoubtNode start(Path dir, String bind) throws Exception {
        Path home = dir.toAbsolutePath().normalize();
        Path data = home.resolve("data");
        Path log = home.resolve("log");
        OwnerOnlyFiles.createDirectories(data);
        OwnerOnlyFiles.createDirectories(log);
        OwnerOnlyFiles.createDirectories(data.resolve("databases"));
        ConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(data.resolve("raft")));
        NodeLoops loops = new NodeLoops(Transport.resolve(Transport.AUTO), 1);
        Reconciler reconciler = new Reconciler(loops, home, data.resolve("databases"), log, bind);
        ConfigStore.Watch watch;
        try {
            watch = store.watch(reconciler);
        } catch (RuntimeException e) {
            store.close();
            loops.close();
            throw e;
        }
        return new RedoubtNode(store, loops, reconciler, watch);
    }

    /** The configuration store: what the control plane's services read and change. */
    public ConfigStore store() {
        return store;
    }

    /** The running database of that uid, if this node runs it now. */
    public Optional<DatabaseRuntime> database(long uid) {
        return reconciler.database(uid);
    }

    /** Why the store's database of that uid is not running here, if it is not. */
    public Optional<String> databaseFailure(long uid) {
        return reconciler.failure(uid);
    }

    @Override
    public void close() {
        watch.close();
        reconciler.close();
        store.close();
        loops.close();
    }
}
