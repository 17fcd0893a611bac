package io.redoubt.node;

import io.redoubt.acl.RuleParser;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.PasswordRemovalDisconnect;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.dataplane.DatabaseRuntime;
import io.redoubt.dataplane.NodeLoops;
import io.redoubt.dataplane.ServerContext;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state in, running databases out: the node's side of the control plane. Called by the store's
 * watch with every applied state, one at a time, it starts the databases the store holds and this node
 * does not run, applies changes to running ones (memory, eviction, persistence and users at once;
 * port, shard count and TLS by a restart that keeps the data), and stops and deletes the data of those
 * the store no longer holds. A database that fails to start (its port taken by another program) is
 * logged with the reason and tried again at the next state; the others keep serving.
 */
final class Reconciler implements Consumer<ClusterState>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final NodeLoops loops;
    private final Path home;
    private final Path dataRoot;
    private final Path logDir;
    private final String bind;
    private final DatabaseCertificates certificates;
    /** By database uid; touched only by the watch's thread (and close). */
    private final Map<Long, Running> running = new HashMap<>();
    private final Map<Long, String> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /** One database this node runs, with what it was started from. */
    private record Running(Database spec, Map<String, String> parameters, Map<String, List<String>> users,
                           ServerConfig config, DatabaseRuntime runtime) {
    }

    /**
     * @param dataRoot where each database keeps its files ({@code bdb-<uid>})
     * @param logDir   where each database writes its event log ({@code bdb-<uid>-events.jsonl})
     * @param bind     the addresses databases listen on (redis.conf's {@code bind} form)
     * @param certificates writes a TLS database's certificate files from the store
     */
    Reconciler(NodeLoops loops, Path home, Path dataRoot, Path logDir, String bind, DatabaseCertificates certificates) {
        this.certificates = certificates;
        this.loops = loops;
        this.home = home;
        this.dataRoot = dataRoot;
        this.logDir = logDir;
        this.bind = bind;
    }

    @Override
    public synchronized void accept(ClusterState state) {
        for (Long uid : new ArrayList<>(running.keySet())) {
            if (state.database(uid).isEmpty()) {
                stop(uid, true);
            }
        }
        failures.keySet().removeIf(uid -> state.database(uid).isEmpty());
        for (Database database : state.databases().values()) {
            Map<String, String> parameters;
            try {
                ManagedDatabaseLines.TlsFiles tlsFiles = database.tlsMode() == TlsMode.ENABLED
                        ? certificates.write(database, state, dataDir(database.uid())) : null;
                parameters = ManagedDatabaseLines.parameters(database, bind, dataDir(database.uid()),
                        logDir.resolve("bdb-" + database.uid() + "-events.jsonl"), tlsFiles, state.settings());
            } catch (Exception e) {
                failures.put(database.uid(), "its certificate files: " + e.getMessage());
                LOG.error("Database {} ({}): its certificate files cannot be written: {}", database.uid(),
                        database.name(), e.getMessage());
                continue;
            }
            Map<String, List<String>> users = ManagedDatabaseLines.users(database, state);
            boolean disconnectOnPasswordRemoval = state.settings()
                    .map(c -> c.disconnectClientsOnPasswordRemoval() != PasswordRemovalDisconnect.DISABLED)
                    .orElse(true);
            Running current = running.get(database.uid());
            try {
                if (current == null) {
                    start(database, parameters, users);
                } else if (needsRestart(current, database, parameters)) {
                    LOG.info("Restarting database {} ({}) for a change of port, shards or TLS", database.uid(),
                            database.name());
                    stop(database.uid(), false);
                    start(database, parameters, users);
                } else if (!current.parameters().equals(parameters) || !current.users().equals(users)) {
                    applyLive(current, database, parameters, users, disconnectOnPasswordRemoval);
                }
                failures.remove(database.uid());
            } catch (Exception e) {
                failures.put(database.uid(), e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.error("Database {} ({}) is not running: {}", database.uid(), database.name(), e.getMessage());
            }
        }
    }

    /** The running database of that uid, if this node runs it. */
    synchronized java.util.Optional<DatabaseRuntime> database(long uid) {
        Running r = running.get(uid);
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.runtime());
    }

    /** Why a database of the store is not running on this node, if it is not. */
    java.util.Optional<String> failure(long uid) {
        return java.util.Optional.ofNullable(failures.get(uid));
    }

    private Path dataDir(long uid) {
        return dataRoot.resolve("bdb-" + uid);
    }

    /** Port, shard count, TLS mode, or any parameter a running database cannot take (see LIVE). */
    private static boolean needsRestart(Running current, Database is, Map<String, String> parameters) {
        Database was = current.spec();
        if (was.port() != is.port() || was.shardsCount() != is.shardsCount() || was.tlsMode() != is.tlsMode()) {
            return true;
        }
        java.util.Set<String> names = new java.util.HashSet<>(parameters.keySet());
        names.addAll(current.parameters().keySet());
        for (String name : names) {
            if (!ManagedDatabaseLines.LIVE.contains(name)
                    && !Objects.equals(current.parameters().get(name), parameters.get(name))) {
                return true;
            }
        }
        return false;
    }

    private void start(Database database, Map<String, String> parameters, Map<String, List<String>> users)
            throws Exception {
        ServerConfig config = ServerConfig.fromLines(home, ManagedDatabaseLines.lines(parameters, users));
        io.redoubt.persistence.OwnerOnlyFiles.createDirectories(config.dataDir());
        DatabaseRuntime runtime;
        if (database.shardsCount() > 1) {
            int port = config.database().port();
            runtime = ShardedDatabase.start(loops, false, config, config.database().bind(), port == 0 ? null : port,
                    null, null);
        } else {
            runtime = RedoubtServer.start(loops, config, null, null);
        }
        runtime.firstShard().acl().database().managedByControlPlane(true);
        long uid = database.uid();
        runtime.onFatalStop(reason -> {
            synchronized (this) {
                running.remove(uid);
            }
            failures.put(uid, reason);
        });
        running.put(uid, new Running(database, parameters, users, config, runtime));
        LOG.info("Database {} ({}) serves on port {}", uid, database.name(), database.port());
    }

    /** A change a running database takes at once: CONFIG SET's values, then its users replaced whole. */
    private void applyLive(Running current, Database database, Map<String, String> parameters,
                           Map<String, List<String>> users, boolean disconnectOnPasswordRemoval) throws ConfigException {
        List<String> pairs = new ArrayList<>();
        for (String name : ManagedDatabaseLines.LIVE) {
            if (!Objects.equals(current.parameters().get(name), parameters.get(name))) {
                pairs.add(name);
                pairs.add(parameters.get(name));
            }
        }
        ConfigRegistry registry = current.config().registry();
        if (!pairs.isEmpty()) {
            try {
                registry.setAll(pairs, true);
                current.config().settle(); // the shards apply on their threads; the next state sees it done
            } catch (ConfigRegistry.SetFailure e) {
                throw new ConfigException(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigException("interrupted while the database applied the change");
            }
        }
        if (!current.users().equals(users)) {
            replaceUsers(current.runtime().firstShard(), current.users(), users, disconnectOnPasswordRemoval);
        }
        running.put(database.uid(), new Running(database, parameters, users, current.config(), current.runtime()));
    }

    /**
     * ACL LOAD's way: users kept by name change in place (their connections see the new rules at the
     * next command), users gone are deleted and their connections closed. A user who lost a password
     * (a rotation finished, a reset) has its connections closed too, unless the cluster's
     * {@code disconnect_clients_on_password_removal} is disabled: a client authenticated with a removed
     * password must not keep its access. Built here, swapped on the database's first shard's thread,
     * where ACL commands run.
     */
    private static void replaceUsers(ServerContext first, Map<String, List<String>> was,
                                     Map<String, List<String>> users, boolean disconnectOnPasswordRemoval)
            throws ConfigException {
        UserDirectory directory = first.acl().users();
        Map<String, UserState> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> user : users.entrySet()) {
            try {
                loaded.put(user.getKey(), directory.build(RuleParser.mergeSelectorArgs(user.getValue())));
            } catch (UserDirectory.RuleError | io.redoubt.acl.AclRuleException e) {
                throw new ConfigException("The ACL of user " + user.getKey() + " is refused: " + e.getMessage());
            }
        }
        List<String> lostPasswords = new ArrayList<>();
        if (disconnectOnPasswordRemoval) {
            for (Map.Entry<String, List<String>> user : users.entrySet()) {
                List<String> before = was.get(user.getKey());
                // the default user cannot be deleted: its clients keep their connection (its passwords are the
                // database's own, RE does not rotate them)
                if (before != null && !user.getKey().equals(UserDirectory.DEFAULT_USER)
                        && !passwords(user.getValue()).containsAll(passwords(before))) {
                    lostPasswords.add(user.getKey());
                }
            }
        }
        first.onShardThreadLater(() -> {
            lostPasswords.forEach(directory::delete); // closes its connections; the user comes back below
            directory.replaceAll(loaded);
        });
    }

    private static List<String> passwords(List<String> rules) {
        return rules.stream().filter(r -> r.startsWith("#")).toList();
    }

    private void stop(long uid, boolean deleteData) {
        Running r = running.remove(uid);
        if (r != null) {
            r.runtime().close();
        }
        if (deleteData) {
            try {
                deleteTree(dataDir(uid));
            } catch (IOException e) {
                LOG.warn("Could not remove the files of deleted database {}: {}", uid, e.getMessage());
            }
            LOG.info("Database {} deleted", uid);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stops every database, keeping its data (the node is shutting down). */
    @Override
    public synchronized void close() {
        for (Long uid : new ArrayList<>(running.keySet())) {
            stop(uid, false);
        }
    }
}
