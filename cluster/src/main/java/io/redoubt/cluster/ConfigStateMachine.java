package io.redoubt.cluster;

import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.Transition;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine of the configuration store: decodes each committed entry, applies it with
 * {@link Transition} (deterministic, so every peer reaches the same state) and replies with the outcome.
 * The state and the log position it reflects change together, under one reference, so a snapshot never
 * pairs a state with the wrong index. Ratis calls apply and snapshot on its one state-machine thread.
 */
final class ConfigStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStateMachine.class);
    /** Two snapshots kept: the newest, and one before it should the newest be cut short by a crash. */
    private static final SnapshotRetentionPolicy KEEP_TWO = new SnapshotRetentionPolicy() {
        @Override
        public int getNumSnapshotsRetained() {
            return 2;
        }
    };

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Consumer<ClusterState> onApplied;
    private final AppliedIndexWaiters appliedIndex;
    private volatile ClusterState state = ClusterState.EMPTY;

    /**
     * @param onApplied called on the state-machine thread with each state a transaction produced; must only
     *        hand it on, never block
     */
    ConfigStateMachine(Consumer<ClusterState> onApplied, AppliedIndexWaiters appliedIndex) {
        this.onApplied = onApplied;
        this.appliedIndex = appliedIndex;
    }

    ClusterState state() {
        return state;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        if (snapshot.hasMd5()) {
            MD5Hash computed = MD5FileUtil.computeMd5ForFile(file.toFile());
            if (!computed.equals(snapshot.getFile().getFileDigest())) {
                throw new IOException("snapshot " + file + " does not match its MD5 file: refusing to load a damaged snapshot");
            }
        }
        state = SnapshotCodec.decode(Files.readAllBytes(file));
        setLastAppliedTermIndex(snapshot.getTermIndex());
        appliedIndex.advanceTo(snapshot.getIndex());
        LOG.info("configuration store loaded snapshot {} (revision {})", file.getFileName(), state.revision());
    }

    /**
     * Checks an entry on the leader before it enters the log: an entry no peer can decode would stop every
     * peer that applies it, so it is refused here and its proposer gets the error instead.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            EntryCodec.decode(request.getMessage().getContent().toByteArray());
        } catch (StoredFormatException e) {
            trx.setException(e);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        Transaction tx = EntryCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        Transition transition = Transition.apply(state, tx, index);
        ClusterState next = transition.state();
        // state first, then the index: a snapshot taken in between would otherwise claim an entry it lacks
        state = next;
        updateLastAppliedTermIndex(entry.getTerm(), index);
        if (transition.commit() instanceof Commit.Applied) {
            onApplied.accept(next);
        }
        appliedIndex.advanceTo(index);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(ReplyCodec.encode(transition.commit()))));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        appliedIndex.advanceTo(index);
    }

    @Override
    public long takeSnapshot() throws IOException {
        ClusterState snapshotState = state;
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        writeDurably(tmp, SnapshotCodec.encode(snapshotState));
        Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        ownerOnly(MD5FileUtil.getDigestFileForFile(target).toPath());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
        storage.cleanupOldSnapshots(KEEP_TWO);
        LOG.info("configuration store snapshot at index {} (revision {})", last.getIndex(), snapshotState.revision());
        return last.getIndex();
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ownerOnly(file);
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }

    static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
    }
}
