package io.redoubt.cluster;

import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.ConfigStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's queue of states, drained in order by its own thread, so that the state-machine thread
 * only enqueues and a slow or failing listener delays nobody else.
 */
final class WatchDelivery implements ConfigStore.Watch {
    private static final Logger LOG = LoggerFactory.getLogger(WatchDelivery.class);

    private final Consumer<ClusterState> listener;
    private final ExecutorService thread;
    private final Runnable onClose;
    private long lastQueuedRevision = -1;

    WatchDelivery(Consumer<ClusterState> listener, String name, Runnable onClose) {
        this.listener = listener;
        this.onClose = onClose;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a state unless the listener already has it or a newer one (a state applied while the watch was
     * being registered arrives both as the current state and as the next applied one). Callers serialize.
     */
    void deliver(ClusterState state) {
        if (state.revision() <= lastQueuedRevision) {
            return;
        }
        lastQueuedRevision = state.revision();
        try {
            thread.execute(() -> {
                try {
                    listener.accept(state);
                } catch (RuntimeException e) {
                    // the next state still comes: a listener reconciles towards the newest state, not a diff
                    LOG.warn("configuration listener failed on revision {}", state.revision(), e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed concurrently: nothing more to deliver
        }
    }

    @Override
    public void close() {
        onClose.run();
        thread.shutdown();
    }
}
