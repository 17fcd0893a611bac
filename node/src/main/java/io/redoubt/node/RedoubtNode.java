package io.redoubt.node;

import io.redoubt.acl.RuleParser;
import io.redoubt.admin.ControlPlane;
import io.redoubt.admin.ControlPlaneOptions;
import io.redoubt.admin.web.ApiServer;
import io.redoubt.admin.web.ApiTls;
import io.redoubt.audit.EventLog;
import io.redoubt.audit.FileRotation;
import io.redoubt.cluster.RaftConfigStore;
import io.redoubt.cluster.StoreSettings;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.dataplane.DatabaseRuntime;
import io.redoubt.dataplane.EndpointSettings;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.dataplane.StandardCommands;
import io.redoubt.dataplane.Transport;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import io.redoubt.persistence.OwnerOnlyFiles;
import io.redoubt.security.sealing.NodeMasterKey;
import io.redoubt.security.sealing.SecretSealer;
import io.redoubt.security.token.ApiTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of the control plane, the composition root of {@code redoubt-node}: the configuration store
 * (its Raft log and snapshots under {@code data/raft}), the reconciler that runs the store's databases
 * on the node's shared threads (their files under {@code data/databases}), the control plane's services
 * and the REST API over HTTPS, its certificates and the node's master key (under {@code data/keys}),
 * and the event logs under {@code log/}.
 */
public final class RedoubtNode implements AutoCloseable {
    private final List<AutoCloseable> parts; // closed in reverse order
    private final Reconciler reconciler;
    private final ConfigStore store;
    private final ApiServer api;
    private final NodeLayout layout;

    private RedoubtNode(List<AutoCloseable> parts, Reconciler reconciler, ConfigStore store, ApiServer api,
                        NodeLayout layout) {
        this.parts = parts;
        this.reconciler = reconciler;
        this.store = store;
        this.api = api;
        this.layout = layout;
    }

    /**
     * Opens (or creates) the node in {@code options.dir()}, starts running what its store holds and
     * serves the API. A fresh node with {@code --bootstrap auto} creates its cluster, an admin user whose
     * generated password it prints once on {@code out} and keeps owner-only in {@code data/}, and a first
     * database that the admin reaches with its own credentials.
     */
    public static RedoubtNode start(NodeOptions options, PrintStream out) throws Exception {
        InstantSource clock = InstantSource.system();
        NodeLayout layout = NodeLayout.create(options.dir());
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            // the Raft port speaks mutual TLS: a local process without the peer's key cannot propose a change
            ConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(layout.raft()),
                    RaftPeerCertificate.loadOrCreate(layout.keys().resolve("raft"), clock));
            parts.add(store);
            NodeLoops loops = new NodeLoops(Transport.resolve(Transport.AUTO), 1);
            parts.add(loops::close);
            NodeMasterKey key = NodeMasterKey.loadOrCreate(layout.keys());
            SecretSealer sealer = new SecretSealer(key);
            Reconciler reconciler = new Reconciler(loops, layout.home(), layout.databases(), layout.log(),
                    options.bind(), new DatabaseCertificates(sealer));
            parts.add(reconciler);
            parts.add(store.watch(reconciler));

            EventLog events = new EventLog(layout.log().resolve("control-plane-events.jsonl"),
                    new FileRotation(100L << 20, FileRotation.Period.DAILY, 14), 1024, clock);
            parts.add(events);
            ControlPlane plane = ControlPlane.create(store, clock, ApiTokens.fromMasterKey(key, clock),
                    ControlPlaneOptions.defaults().withAclRules(new RuleParser(commandTable(layout.home())))
                            .withSealer(sealer).withEventLog(events));
            NodeCertificates certificates = NodeCertificates.loadOrGenerate(store, sealer, options.bind(), clock);
            parts.add(store.watch(certificates::storeOnceCreated));
            if (options.bootstrap() == NodeOptions.Bootstrap.AUTO && !store.current().created()) {
                FirstCluster.create(plane, store, layout, options.firstDatabasePort(), out);
            }
            certificates.writeAuthority(layout.authorityFile());
            ApiServer api = ApiServer.start(plane, certificates.api(), options.bind(), options.apiPort());
            parts.add(api);
            return new RedoubtNode(parts, reconciler, store, api, layout);
        } catch (Exception | Error e) {
            closeAll(parts);
            throw e;
        }
    }

    /**
     * The command table the control plane checks Redis ACL rules against (command names and categories):
     * the data plane's own, built once for the node.
     */
    private static CommandTable commandTable(Path home) throws Exception {
        ServerConfig defaults = ServerConfig.fromLines(home, List.of());
        Shard shard = new Shard(0, 1, InstantSource.system(), ShardSettings.DEFAULT);
        return new ServerContext(shard, defaults.registry(), InstantSource.system(), EndpointSettings.DEFAULT,
                StandardCommands::build, null).commands();
    }

    /** The configuration store: what the control plane's services read and change. */
    public ConfigStore store() {
        return store;
    }

    /** The port the REST API listens on (HTTPS). */
    public int apiPort() {
        return api.port();
    }

    /** The cluster CA's certificate (PEM file): what clients trust for the API and TLS databases. */
    public Path authorityFile() {
        return layout.authorityFile();
    }

    /** The file holding the generated admin password of an automatic bootstrap (owner-only). */
    public Path adminPasswordFile() {
        return layout.adminPasswordFile();
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
        closeAll(parts);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(RedoubtNode.class).warn("Stopping {} failed: {}",
                        parts.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        parts.clear();
    }

    /** Where a node keeps what: the install layout's {@code data/} and {@code log/} parts. */
    record NodeLayout(Path home, Path data, Path log) {
        static NodeLayout create(Path dir) throws java.io.IOException {
            Path home = dir.toAbsolutePath().normalize();
            NodeLayout layout = new NodeLayout(home, home.resolve("data"), home.resolve("log"));
            OwnerOnlyFiles.createDirectories(layout.data());
            OwnerOnlyFiles.createDirectories(layout.log());
            OwnerOnlyFiles.createDirectories(layout.databases());
            return layout;
        }

        Path raft() {
            return data.resolve("raft");
        }

        Path databases() {
            return data.resolve("databases");
        }

        Path keys() {
            return data.resolve("keys");
        }

        Path authorityFile() {
            return data.resolve("cluster-ca.pem");
        }

        Path adminPasswordFile() {
            return data.resolve("admin.password");
        }
    }
}
