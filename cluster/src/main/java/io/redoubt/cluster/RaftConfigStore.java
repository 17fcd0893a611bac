package io.redoubt.cluster;

import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.StoreUnavailableException;
import io.redoubt.cluster.api.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConfigStore} on Apache Ratis. A node runs one peer today; the group, its id and the peer id
 * are on disk, so the cluster work adds peers to this group without changing the port. The first open of
 * an empty directory formats a new group (a random group id); every later open recovers it: snapshot first,
 * then the log after it.
 */
public final class RaftConfigStore implements ConfigStore {
    private static final Logger LOG = LoggerFactory.getLogger(RaftConfigStore.class);
    private static final AtomicInteger WATCH_THREADS = new AtomicInteger();

    private final StoreSettings settings;
    private final RaftGroup group;
    private final RaftServer server;
    private final RaftClient client;
    private final ConfigStateMachine stateMachine;
    private final AppliedIndexWaiters appliedIndex;
    private final List<WatchDelivery> watches = new CopyOnWriteArrayList<>();
    private final Object watchLock = new Object();
    /** Runs callers' continuations, so no caller code ever runs on a Ratis thread. */
    private final ExecutorService completions;
    private volatile boolean closed;

    private RaftConfigStore(StoreSettings settings, RaftGroup group, RaftServer server, RaftClient client,
            ConfigStateMachine stateMachine, AppliedIndexWaiters appliedIndex, ExecutorService completions) {
        this.settings = settings;
        this.group = group;
        this.server = server;
        this.client = client;
        this.stateMachine = stateMachine;
        this.appliedIndex = appliedIndex;
        this.completions = completions;
    }

    /**
     * Opens the store in {@code settings.directory()}, formatting it on first use, and returns once a leader
     * is known (on one peer: once this peer leads), so a proposal can be made at once.
     */
    public static RaftConfigStore open(StoreSettings settings) throws IOException {
        return open(settings, null);
    }

    /**
     * As {@link #open(StoreSettings)}, with the Raft port under mutual TLS ({@code tls}; null: plain, for
     * tests): the server, its own client and its admin service present {@code tls}'s certificate and accept
     * only peers whose certificates chain to its trusted ones.
     */
    public static RaftConfigStore open(StoreSettings settings, PeerTls tls) throws IOException {
        Path dir = settings.directory();
        Files.createDirectories(dir);
        ConfigStateMachine.ownerOnly(dir);
        Optional<RaftGroupId> existing = existingGroup(dir);
        RaftGroupId groupId = existing.orElseGet(() -> RaftGroupId.valueOf(UUID.randomUUID()));
        int port = settings.bind().getPort() != 0 ? settings.bind().getPort() : freePort(settings.bind());
        String host = settings.bind().getHostString();
        RaftPeer self = RaftPeer.newBuilder().setId(RaftPeerId.valueOf(settings.peerId()))
                .setAddress(host + ":" + port).build();
        RaftGroup group = RaftGroup.valueOf(groupId, self);
        RaftProperties props = properties(settings, host, port);

        AppliedIndexWaiters appliedIndex = new AppliedIndexWaiters();
        Holder holder = new Holder();
        ConfigStateMachine stateMachine = new ConfigStateMachine(s -> holder.publish(s), appliedIndex);
        org.apache.ratis.conf.Parameters parameters = new org.apache.ratis.conf.Parameters();
        if (tls != null) {
            org.apache.ratis.grpc.GrpcTlsConfig conf = new org.apache.ratis.grpc.GrpcTlsConfig(tls.key(),
                    tls.certificate(), tls.trusted(), true);
            GrpcConfigKeys.Server.setTlsConf(parameters, conf);
            GrpcConfigKeys.Client.setTlsConf(parameters, conf);
            GrpcConfigKeys.Admin.setTlsConf(parameters, conf);
            GrpcConfigKeys.TLS.setConf(parameters, conf);
        }
        RaftServer server = RaftServer.newBuilder().setServerId(self.getId()).setGroup(group)
                .setStateMachine(stateMachine).setProperties(props).setParameters(parameters)
                .setOption(existing.isPresent() ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        RaftClient client = RaftClient.newBuilder().setProperties(props).setParameters(parameters).setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) Math.max(1, settings.requestTimeout().toMillis() / 100), TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
        // cached, not single: a caller may block in a continuation on another proposal's outcome
        ExecutorService completions = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "config-store-completion");
            t.setDaemon(true);
            return t;
        });
        RaftConfigStore store = new RaftConfigStore(settings, group, server, client, stateMachine, appliedIndex, completions);
        holder.store = store;
        try {
            store.awaitLeader();
            restrictFiles(dir);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("configuration store {} at {} (group {}, {}), revision {}", settings.peerId(), self.getAddress(),
                groupId.getUuid(), existing.isPresent() ? "recovered" : "formatted", stateMachine.state().revision());
        return store;
    }

    /** The state machine exists before the store; applied states reach the store's watches through this. */
    private static final class Holder {
        volatile RaftConfigStore store;

        void publish(ClusterState s) {
            RaftConfigStore st = store;
            if (st != null) {
                st.publish(s);
            }
        }
    }

    private static RaftProperties properties(StoreSettings settings, String host, int port) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(props, host);
        GrpcConfigKeys.Server.setPort(props, port);
        RaftServerConfigKeys.setStorageDir(props, List.of(settings.directory().toFile()));
        TimeDuration min = TimeDuration.valueOf(settings.rpcTimeoutMin().toMillis(), TimeUnit.MILLISECONDS);
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, min);
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, min.multiply(2));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, settings.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setCreationGap(props, 1);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf(settings.logSegmentBytes()));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
        RaftServerConfigKeys.Log.setPurgeGap(props, 1);
        RaftClientConfigKeys.Rpc.setRequestTimeout(props,
                TimeDuration.valueOf(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        return props;
    }

    /** The group a previous open formatted here: Ratis names its directory after the group's UUID. */
    private static Optional<RaftGroupId> existingGroup(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> groups = entries.filter(p -> Files.isDirectory(p.resolve("current"))).toList();
            if (groups.size() > 1) {
                throw new IOException(dir + " holds " + groups.size() + " Raft groups; expected one");
            }
            if (groups.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(RaftGroupId.valueOf(UUID.fromString(groups.get(0).getFileName().toString())));
            } catch (IllegalArgumentException e) {
                throw new IOException(groups.get(0) + " is not a Raft group directory", e);
            }
        }
    }

    private static int freePort(InetSocketAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind.getAddress())) {
            return s.getLocalPort();
        }
    }

    /** Owner-only: the directory and what Ratis wrote so far (new files land in owner-only directories). */
    private static void restrictFiles(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                ConfigStateMachine.ownerOnly(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void awaitLeader() throws IOException {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        DivisionInfo info = server.getDivision(group.getGroupId()).getInfo();
        while (!(info.isLeader() ? info.isLeaderReady() : info.getLeaderId() != null)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no Raft leader within " + settings.requestTimeout());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a Raft leader", e);
            }
        }
    }

    @Override
    public ClusterState current() {
        return stateMachine.state();
    }

    @Override
    public CompletableFuture<Commit> propose(Transaction transaction) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the configuration store is closed", null));
        }
        // the supplier is what Ratis prints when a request fails: never the entry, which holds password hashes
        int changes = transaction.changes().size();
        Message entry = Message.valueOf(ByteString.copyFrom(EntryCodec.encode(transaction)),
                () -> "configuration transaction of " + changes + " change(s)");
        Duration timeout = settings.requestTimeout();
        return client.async().send(entry)
                .thenCompose(this::appliedHere)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((commit, error) -> {
                    if (error == null) {
                        return commit;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof StoreUnavailableException u) {
                        throw u;
                    }
                    throw new StoreUnavailableException(cause instanceof TimeoutException
                            ? "no commit within " + timeout + " (no quorum?)" : "the proposal failed: " + cause, cause);
                }, completions);
    }

    /** The reply's outcome, once this peer applied the entry too. */
    private CompletableFuture<Commit> appliedHere(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the proposal was not committed: "
                    + reply.getException(), reply.getException()));
        }
        Commit commit = ReplyCodec.decode(reply.getMessage().getContent().toByteArray());
        return appliedIndex.await(reply.getLogIndex()).thenApply(v -> commit);
    }

    @Override
    public Watch watch(Consumer<ClusterState> listener) {
        WatchDelivery[] self = new WatchDelivery[1];
        self[0] = new WatchDelivery(listener, "config-watch-" + WATCH_THREADS.incrementAndGet(),
                () -> watches.remove(self[0]));
        synchronized (watchLock) {
            // under the lock publish takes too: the listener sees the current state, then every later one
            watches.add(self[0]);
            self[0].deliver(stateMachine.state());
        }
        return self[0];
    }

    private void publish(ClusterState state) {
        synchronized (watchLock) {
            for (WatchDelivery w : watches) {
                w.deliver(state);
            }
        }
    }

    /** The Raft group, for tests that talk to it as a raw Ratis client would. */
    RaftGroup group() {
        return group;
    }

    /** The directory this store keeps its log and snapshots in. */
    public Path directory() {
        return settings.directory();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        appliedIndex.close(new StoreUnavailableException("the configuration store is closed", null));
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft client failed", e);
        }
        try {
            server.close(); // takes a snapshot first (trigger-when-stop)
        } catch (IOException e) {
            LOG.warn("closing the Raft server failed", e);
        }
        watches.forEach(WatchDelivery::close);
        completions.shutdown();
    }
}
