package io.redoubt.admin;

import io.redoubt.admin.api.BdbPasswordRequest;
import io.redoubt.admin.api.BdbRequest;
import io.redoubt.admin.api.BootstrapRequest;
import io.redoubt.admin.api.BootstrapStatus;
import io.redoubt.admin.api.CertificatesRequest;
import io.redoubt.admin.api.ClusterPolicy;
import io.redoubt.admin.api.ClusterRequest;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.HttpMethod;
import io.redoubt.admin.api.JwtRequest;
import io.redoubt.admin.api.JwtResponse;
import io.redoubt.admin.api.LogQuery;
import io.redoubt.admin.api.NewPasswordRequest;
import io.redoubt.admin.api.OldPasswordRequest;
import io.redoubt.admin.api.RedisAclRequest;
import io.redoubt.admin.api.RoleRequest;
import io.redoubt.admin.api.Route;
import io.redoubt.admin.api.UserRequest;
import io.redoubt.cluster.api.AuthMethod;
import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import io.redoubt.security.PemWriter;
import io.redoubt.security.Secret;
import io.redoubt.security.sealing.SealedSecretException;
import io.redoubt.security.sealing.SecretSealer;
import io.redoubt.security.token.ApiTokens;
import io.redoubt.security.token.TokenRejectedException;
import io.redoubt.security.token.TokenSubject;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of a node: every route's service over the configuration store, sign-in and the
 * decision point. The HTTP layer calls, per request, {@link #authenticate} (unless the route needs no
 * caller), {@link #authorize}, then {@link #call}. Thread-safe: state lives in the store.
 */
public final class ControlPlane {
    private final StoreWriter store;
    private final ConfigStore configStore;
    private final InstantSource clock;
    private final ApiTokens tokens;
    private final AccessPolicy policy = new AccessPolicy();
    private final EventJournal journal;
    private final PasswordRules passwords;
    private final Authenticator authenticator;
    private final ClusterService cluster;
    private final UserService users;
    private final RoleService roles;
    private final RedisAclService redisAcls;
    private final DatabaseService databases;
    private final Optional<SecretSealer> sealer;
    /** The routes that validate only with {@code ?dry_run} (RE: PUT/POST of users, roles, redis_acls; Redoubt adds bdbs and deletes). */
    private static final Set<Route> DRY_RUN_ROUTES = EnumSet.of(Route.USER_CREATE,
            Route.USER_UPDATE, Route.USER_DELETE, Route.ROLE_CREATE, Route.ROLE_UPDATE, Route.ROLE_DELETE,
            Route.REDIS_ACL_CREATE, Route.REDIS_ACL_UPDATE, Route.REDIS_ACL_DELETE, Route.BDB_CREATE, Route.BDB_UPDATE,
            Route.BDB_DELETE);
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private ControlPlane(ConfigStore store, InstantSource clock, ApiTokens tokens, ControlPlaneOptions options) {
        this.configStore = store;
        this.store = new StoreWriter(store);
        this.clock = clock;
        this.tokens = tokens;
        this.journal = new EventJournal(clock, options.eventCapacity(), options.eventLog());
        this.passwords = new PasswordRules(options.hasher(), clock);
        this.authenticator = new Authenticator(this.store, passwords, tokens, clock, journal);
        this.cluster = new ClusterService(this.store, journal, clock, options.sealer());
        this.users = new UserService(this.store, passwords, policy, journal, clock);
        this.roles = new RoleService(this.store, policy, journal);
        this.redisAcls = new RedisAclService(this.store, options.aclRules(), journal);
        this.databases = new DatabaseService(this.store, policy, journal, options.nodeMemoryBytes());
        this.sealer = options.sealer();
    }

    /**
     * A control plane over {@code store}. {@code tokens} signs the API's JWTs (the node derives its key
     * from the master key, so tokens survive a restart); {@code clock} is the time of lockouts, expiry
     * and events.
     */
    public static ControlPlane create(ConfigStore store, InstantSource clock, ApiTokens tokens,
            ControlPlaneOptions options) {
        return new ControlPlane(store, clock, tokens, options);
    }

    public AccessPolicy accessPolicy() {
        return policy;
    }

    /** Signs a request's caller in, or throws a 401 {@link ApiException}. */
    public Caller authenticate(Credentials credentials, String sourceAddress) {
        return authenticator.authenticate(credentials, sourceAddress);
    }

    /** The one access decision of a request: throws a 403 (or 401 password_expired) {@link ApiException}. */
    public void authorize(Caller caller, Route route, Map<String, String> parameters) {
        policy.check(caller, route, parameters);
    }

    /**
     * Runs the route's service. {@code caller} is null only for unauthenticated routes. Refusals are
     * {@link ApiException}s; a refused change is recorded in the event log.
     */
    public Answer call(Caller caller, ApiRequest request, String sourceAddress) {
        try {
            return dispatch(caller, request, sourceAddress);
        } catch (ApiException e) {
            if (caller != null && request.route().method() != HttpMethod.GET) {
                journal.record(request.route().name().toLowerCase(Locale.ROOT), false, caller, null,
                        sourceAddress, objectOf(request), null, null, e.error().errorCode());
            }
            throw e;
        } catch (IllegalArgumentException e) {
            // a stored record refused a value the request checks let through: the client's input, not our fault
            throw new ApiException(ErrorCode.INVALID_PARAM, e.getMessage());
        }
    }

    private Answer dispatch(Caller caller, ApiRequest r, String source) {
        boolean dry = r.dryRun();
        if (dry && !DRY_RUN_ROUTES.contains(r.route())) {
            // a client asking for a dry run must never get a real change
            throw new ApiException(ErrorCode.INVALID_PARAM, "dry_run is not available on " + r.route().method() + " "
                    + r.route().path());
        }
        return switch (r.route()) {
            case BOOTSTRAP_STATUS -> bootstrapStatus();
            case BOOTSTRAP_CREATE_CLUSTER -> createCluster(r.bodyOr(null), source);
            case CLUSTER_GET -> cluster.get();
            case CLUSTER_UPDATE -> cluster.update(caller, body(r, ClusterRequest.class));
            case CLUSTER_POLICY_GET -> cluster.policy();
            case CLUSTER_POLICY_UPDATE -> cluster.updatePolicy(caller, body(r, ClusterPolicy.class));
            case CLUSTER_CERTIFICATES_GET -> cluster.certificates();
            case CLUSTER_CERTIFICATES_UPDATE -> cluster.updateCertificates(caller, body(r, CertificatesRequest.class));
            case NODES_LIST -> Answer.ok(store.current().nodes().values().stream().map(this::node).toList());
            case NODE_GET -> Answer.ok(node(store.current().node(r.uid()).orElseThrow(() ->
                    new ApiException(ErrorCode.NOT_FOUND, "no node with uid " + r.uid()))));
            case BDBS_LIST -> databases.list(caller);
            case BDB_GET -> databases.get(r.uid());
            case BDB_CREATE -> databases.create(caller, body(r, BdbRequest.class), dry);
            case BDB_UPDATE -> databases.update(caller, r.uid(), body(r, BdbRequest.class), dry);
            case BDB_DELETE -> databases.delete(caller, r.uid(), dry);
            case BDB_PASSWORDS_GET -> databases.passwords(r.uid());
            case BDB_PASSWORDS_REPLACE, BDB_PASSWORDS_ADD, BDB_PASSWORDS_DELETE ->
                    databases.changePasswords(caller, r.uid(), r.route(), body(r, BdbPasswordRequest.class));
            case USERS_LIST -> users.list();
            case USER_GET -> users.get(r.uid());
            case USER_CREATE -> users.create(caller, body(r, UserRequest.class), dry);
            case USER_UPDATE -> users.update(caller, r.uid(), body(r, UserRequest.class), dry);
            case USER_DELETE -> users.delete(caller, r.uid(), dry);
            case USER_PASSWORD_REPLACE -> users.replacePasswords(caller, body(r, NewPasswordRequest.class));
            case USER_PASSWORD_ADD -> users.addPassword(caller, body(r, NewPasswordRequest.class));
            case USER_PASSWORD_DELETE -> users.deletePassword(caller, body(r, OldPasswordRequest.class));
            case USER_AUTHORIZE -> authorizeJwt(caller, r.bodyOr(JwtRequest.ttlOnly(null)));
            case USER_REFRESH_JWT -> throw new ApiException(ErrorCode.INVALID_PARAM,
                    "refresh_jwt needs the current token: call refreshJwt");
            case ROLES_LIST -> roles.list();
            case ROLE_GET -> roles.get(r.uid());
            case ROLE_CREATE -> roles.create(caller, body(r, RoleRequest.class), dry);
            case ROLE_UPDATE -> roles.update(caller, r.uid(), body(r, RoleRequest.class), dry);
            case ROLE_DELETE -> roles.delete(caller, r.uid(), dry);
            case REDIS_ACLS_LIST -> redisAcls.list();
            case REDIS_ACL_GET -> redisAcls.get(r.uid());
            case REDIS_ACL_CREATE -> redisAcls.create(caller, body(r, RedisAclRequest.class), dry);
            case REDIS_ACL_UPDATE -> redisAcls.update(caller, r.uid(), body(r, RedisAclRequest.class), dry);
            case REDIS_ACL_DELETE -> redisAcls.delete(caller, r.uid(), dry);
            case LOGS -> logs(caller, r.query());
            case OPENAPI_DOCUMENT -> throw new ApiException(ErrorCode.NOT_FOUND, "the HTTP layer serves the document");
        };
    }

    /**
     * {@code POST /v1/users/refresh_jwt}: a new token for the caller of the valid {@code currentToken}
     * (the caller signed in with it).
     */
    public Answer refreshJwt(Caller caller, String currentToken, JwtRequest request) {
        request.validate().ifPresent(e -> { throw ApiException.of(e); });
        try {
            return Answer.ok(new JwtResponse(tokens.refresh(currentToken, Duration.ofSeconds(request.ttlSeconds()))));
        } catch (TokenRejectedException e) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, e.getMessage());
        }
    }

    private Answer authorizeJwt(Caller caller, JwtRequest request) {
        request.validate().ifPresent(e -> { throw ApiException.of(e); });
        String token = tokens.issue(new TokenSubject(Long.toString(caller.userUid()), caller.name()),
                Duration.ofSeconds(request.ttlSeconds()));
        journal.record("authentication_ok", true, caller, null, caller.sourceAddress(), "user:" + caller.userUid(),
                null, null, "token issued for " + request.ttlSeconds() + " s");
        return Answer.ok(new JwtResponse(token));
    }

    private Answer bootstrapStatus() {
        boolean done = store.current().created();
        return Answer.ok(new BootstrapStatus(new BootstrapStatus.State(done ? "completed" : "idle", null, null)));
    }

    private Answer createCluster(BootstrapRequest r, String source) {
        if (r == null) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "the body needs 'cluster' and 'credentials'");
        }
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        bootstrap(r.cluster().name(), r.credentials().username(), Secret.of(r.credentials().password()), source);
        return Answer.noContent();
    }

    /**
     * Creates the cluster (RE's defaults, complexity on), its built-in roles, the "Full Access" Redis ACL
     * and the first admin user, in one transaction; refused once a cluster exists. The node's
     * {@code --bootstrap auto} calls this with a generated password.
     */
    public void bootstrap(String clusterName, String adminName, Secret adminPassword, String source) {
        store.commit(s -> {
            if (s.created()) {
                throw new ApiException(ErrorCode.INVALID_PARAM, "the cluster already exists: bootstrap is done");
            }
            ClusterSettings settings = ClusterSettings.defaults(clusterName);
            List<Change> changes = new ArrayList<>();
            changes.add(new Change.CreateCluster(settings));
            changes.addAll(BuiltIns.changes());
            long adminRole = s.nextUids().role() + ManagementRole.ADMIN.ordinal();
            UserPassword pw = passwords.create(settings, new String(adminPassword.reveal()), "", List.of());
            changes.add(new Change.PutUser(new User(0, adminName, "", AuthMethod.REGULAR, "",
                    List.of(adminRole), List.of(pw), LoginLockout.CLEAR)));
            return new Transaction(changes, OptionalLong.of(s.revision()));
        }, false);
        journal.record("cluster_created", true, null, adminName, source, "cluster", null, List.of("name"),
                "cluster '" + clusterName + "' created with admin user '" + adminName + "'");
    }

    /** RE: a role scoped to some databases does not see the events of the others. */
    private Answer logs(Caller caller, Map<String, String> q) {
        LogQuery query = new LogQuery(q.get("stime"), q.get("etime"), q.get("order"), q.get("limit"), q.get("offset"));
        query.validate().ifPresent(e -> { throw ApiException.of(e); });
        return Answer.ok(journal.query(query, e -> e.bdbUid() == null
                || policy.sees(caller, Route.BDB_GET, Long.parseLong(e.bdbUid()))));
    }

    /** Calls {@code listener} with the cluster settings now and after each change (e.g. TLS minimums). */
    public ConfigStore.Watch watchSettings(Consumer<Optional<ClusterSettings>> listener) {
        AtomicReference<Optional<ClusterSettings>> last = new AtomicReference<>();
        return configStore.watch(state -> {
            if (!state.settings().equals(last.getAndSet(state.settings()))) {
                listener.accept(state.settings());
            }
        });
    }

    /** Whether {@link #watchApiCertificate} can be used (the options gave a sealer). */
    public boolean canUnsealCertificates() {
        return sealer.isPresent();
    }

    /**
     * Calls {@code listener} with the {@code api} certificate chain and its unsealed private key (both PEM)
     * whenever the store's {@code api} certificate changes ({@code PUT /v1/cluster/certificates}), first
     * with the current one if the store has one. Needs the sealer of {@link ControlPlaneOptions}; a key that
     * cannot be unsealed is logged and skipped (the server keeps its certificate).
     */
    public ConfigStore.Watch watchApiCertificate(BiConsumer<String, String> listener) {
        SecretSealer seal = sealer.orElseThrow(() ->
                new IllegalStateException("the control plane has no sealer to unseal certificate keys with"));
        AtomicReference<Optional<Certificate>> last = new AtomicReference<>(Optional.empty());
        return configStore.watch(state -> {
            Optional<Certificate> api = state.certificate(CertificateName.API);
            if (api.isEmpty() || api.equals(last.getAndSet(api))) {
                return;
            }
            try {
                PrivateKey key = seal.unsealPrivateKey(api.get().sealedPrivateKey().bytes(),
                        "certificate:" + CertificateName.API.reName());
                listener.accept(api.get().chainPem(), PemWriter.privateKey(key,
                        PemWriter.KeyFormat.PKCS8, Secret.none()));
            } catch (SealedSecretException | IOException e) {
                LOG.error("the stored api certificate's key cannot be unsealed; the API keeps its certificate: {}",
                        e.getMessage());
            }
        });
    }

    /** The current state, for a reader that must not change it (the node's reconciler has its own watch). */
    public ClusterState state() {
        return store.current();
    }

    private io.redoubt.admin.api.Node node(io.redoubt.cluster.api.Node n) {
        return new io.redoubt.admin.api.Node(Math.toIntExact(n.uid()), n.address(), "active", null,
                Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors(), 0, 0, null);
    }

    private static String objectOf(ApiRequest r) {
        String uid = r.parameters().get("uid");
        String kind = r.route().path().split("/")[2];
        return uid == null ? kind : kind + ":" + uid;
    }

    private static <T> T body(ApiRequest r, Class<T> type) {
        if (r.body() == null) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "this route needs a JSON body");
        }
        return type.cast(r.body());
    }
}
