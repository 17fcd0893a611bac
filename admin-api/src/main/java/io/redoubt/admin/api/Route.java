package io.redoubt.admin.api;

import static io.redoubt.admin.api.HttpMethod.DELETE;
import static io.redoubt.admin.api.HttpMethod.GET;
import static io.redoubt.admin.api.HttpMethod.POST;
import static io.redoubt.admin.api.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST API: every route, with the access it needs and the records it reads and answers. Table first:
 * a route exists when it is listed here; the HTTP server registers exactly these, the OpenAPI document
 * describes exactly these (a test compares them), and the permission meta-test calls every one as every
 * role. Paths are RE's, with {@code {uid}} for a numeric id (Javalin's path-parameter syntax too).
 *
 * <p>Invariant: (method, path) pairs are unique, and every route declares its {@link Access}.
 */
public enum Route {
    BOOTSTRAP_STATUS(GET, "/v1/bootstrap", Access.unauthenticated(), null, BootstrapStatus.class),
    BOOTSTRAP_CREATE_CLUSTER(POST, "/v1/bootstrap/create_cluster", Access.unauthenticated(),
            BootstrapRequest.class, null),

    CLUSTER_GET(GET, "/v1/cluster", Access.of(Permission.VIEW_CLUSTER_INFO), null, Cluster.class),
    CLUSTER_UPDATE(PUT, "/v1/cluster", Access.of(Permission.UPDATE_CLUSTER), ClusterRequest.class, Cluster.class),
    CLUSTER_POLICY_GET(GET, "/v1/cluster/policy", Access.of(Permission.VIEW_CLUSTER_INFO), null,
            ClusterPolicy.class),
    CLUSTER_POLICY_UPDATE(PUT, "/v1/cluster/policy", Access.of(Permission.UPDATE_CLUSTER),
            ClusterPolicy.class, ClusterPolicy.class),
    CLUSTER_CERTIFICATES_GET(GET, "/v1/cluster/certificates", Access.of(Permission.VIEW_CLUSTER_INFO), null,
            ClusterCertificates.class),
    CLUSTER_CERTIFICATES_UPDATE(PUT, "/v1/cluster/certificates", Access.of(Permission.UPDATE_CLUSTER),
            CertificatesRequest.class, null),

    NODES_LIST(GET, "/v1/nodes", Access.of(Permission.VIEW_ALL_NODES_INFO), null, Node.class),
    NODE_GET(GET, "/v1/nodes/{uid}", Access.of(Permission.VIEW_NODE_INFO), null, Node.class),

    BDBS_LIST(GET, "/v1/bdbs", Access.of(Permission.VIEW_ALL_BDBS_INFO), null, Bdb.class),
    BDB_GET(GET, "/v1/bdbs/{uid}", Access.of(Permission.VIEW_BDB_INFO), null, Bdb.class),
    BDB_CREATE(POST, "/v1/bdbs", Access.of(Permission.CREATE_BDB), BdbRequest.class, Bdb.class),
    BDB_UPDATE(PUT, "/v1/bdbs/{uid}", Access.of(Permission.UPDATE_BDB), BdbRequest.class, Bdb.class),
    BDB_DELETE(DELETE, "/v1/bdbs/{uid}", Access.of(Permission.DELETE_BDB), null, null),
    BDB_PASSWORDS_GET(GET, "/v1/bdbs/{uid}/passwords", Access.of(Permission.VIEW_REDIS_PASS), null,
            BdbPasswords.class),
    BDB_PASSWORDS_REPLACE(PUT, "/v1/bdbs/{uid}/passwords", Access.of(Permission.UPDATE_BDB),
            BdbPasswordRequest.class, null),
    BDB_PASSWORDS_ADD(POST, "/v1/bdbs/{uid}/passwords", Access.of(Permission.UPDATE_BDB),
            BdbPasswordRequest.class, null),
    BDB_PASSWORDS_DELETE(DELETE, "/v1/bdbs/{uid}/passwords", Access.of(Permission.UPDATE_BDB),
            BdbPasswordRequest.class, null),

    USERS_LIST(GET, "/v1/users", Access.of(Permission.VIEW_ALL_USERS_INFO), null, User.class),
    USER_GET(GET, "/v1/users/{uid}", Access.selfOr(Permission.VIEW_USER_INFO), null, User.class),
    USER_CREATE(POST, "/v1/users", Access.of(Permission.CREATE_NEW_USER), UserRequest.class, User.class),
    USER_UPDATE(PUT, "/v1/users/{uid}", Access.selfOr(Permission.UPDATE_USER), UserRequest.class, User.class),
    USER_DELETE(DELETE, "/v1/users/{uid}", Access.of(Permission.DELETE_USER), null, null),
    USER_PASSWORD_REPLACE(PUT, "/v1/users/password", Access.authenticated(), NewPasswordRequest.class, null),
    USER_PASSWORD_ADD(POST, "/v1/users/password", Access.authenticated(), NewPasswordRequest.class, null),
    USER_PASSWORD_DELETE(DELETE, "/v1/users/password", Access.authenticated(), OldPasswordRequest.class, null),
    USER_AUTHORIZE(POST, "/v1/users/authorize", Access.authenticated(), JwtRequest.class, JwtResponse.class),
    USER_REFRESH_JWT(POST, "/v1/users/refresh_jwt", Access.authenticated(), JwtRequest.class,
            JwtResponse.class),

    ROLES_LIST(GET, "/v1/roles", Access.of(Permission.VIEW_ALL_ROLES_INFO), null, Role.class),
    ROLE_GET(GET, "/v1/roles/{uid}", Access.of(Permission.VIEW_ROLE_INFO), null, Role.class),
    ROLE_CREATE(POST, "/v1/roles", Access.of(Permission.CREATE_ROLE), RoleRequest.class, Role.class),
    ROLE_UPDATE(PUT, "/v1/roles/{uid}", Access.of(Permission.UPDATE_ROLE), RoleRequest.class, Role.class),
    ROLE_DELETE(DELETE, "/v1/roles/{uid}", Access.of(Permission.DELETE_ROLE), null, null),

    REDIS_ACLS_LIST(GET, "/v1/redis_acls", Access.of(Permission.VIEW_ALL_REDIS_ACLS_INFO), null, RedisAcl.class),
    REDIS_ACL_GET(GET, "/v1/redis_acls/{uid}", Access.of(Permission.VIEW_REDIS_ACL_INFO), null, RedisAcl.class),
    REDIS_ACL_CREATE(POST, "/v1/redis_acls", Access.of(Permission.CREATE_REDIS_ACL), RedisAclRequest.class,
            RedisAcl.class),
    REDIS_ACL_UPDATE(PUT, "/v1/redis_acls/{uid}", Access.of(Permission.UPDATE_REDIS_ACL), RedisAclRequest.class,
            RedisAcl.class),
    REDIS_ACL_DELETE(DELETE, "/v1/redis_acls/{uid}", Access.of(Permission.DELETE_REDIS_ACL), null, null),

    LOGS(GET, "/v1/logs", Access.of(Permission.VIEW_LOGGED_EVENTS), null, LogEvent.class),

    OPENAPI_DOCUMENT(GET, "/v1/openapi.yaml", Access.authenticated(), null, null);

    private final HttpMethod method;
    private final String path;
    private final Access access;
    private final Class<?> requestBody;
    private final Class<?> responseBody;
    private final PathTemplate template;

    Route(HttpMethod method, String path, Access access, Class<?> requestBody, Class<?> responseBody) {
        this.method = Objects.requireNonNull(method);
        this.path = Objects.requireNonNull(path);
        this.access = Objects.requireNonNull(access, "every route declares its access");
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.template = PathTemplate.parse(path);
    }

    public HttpMethod method() {
        return method;
    }

    /** RE's path template, e.g. {@code /v1/bdbs/{uid}}. */
    public String path() {
        return path;
    }

    public Access access() {
        return access;
    }

    /** The record the body is read into, if the route takes a body. */
    public Optional<Class<?>> requestBody() {
        return Optional.ofNullable(requestBody);
    }

    /** The record answered (one, or a JSON array of them on the list routes), if the route answers one. */
    public Optional<Class<?>> responseBody() {
        return Optional.ofNullable(responseBody);
    }

    public List<String> parameterNames() {
        return template.parameterNames();
    }

    /**
     * The route a request's method and path (without query) reach, with its path parameters. A path
     * parameter is digits only, and a literal segment wins over a parameter, so
     * {@code /v1/users/password} is never read as the user "password".
     */
    public static Optional<Match> match(HttpMethod method, String requestPath) {
        Match best = null;
        for (Route route : values()) {
            if (route.method != method) {
                continue;
            }
            Optional<Map<String, String>> params = route.template.match(requestPath);
            if (params.isPresent() && (best == null
                    || route.template.literalSegments() > best.route().template.literalSegments())) {
                best = new Match(route, params.get());
            }
        }
        return Optional.ofNullable(best);
    }

    /** A route and the values of its path parameters. */
    public record Match(Route route, Map<String, String> parameters) {}
}
