package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.admin.api.Access;
import io.redoubt.admin.api.ManagementRole;
import io.redoubt.admin.api.Permission;
import io.redoubt.admin.api.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the table called as every management role (users made through the API, signed in with
 * tokens) and with no or wrong credentials: 401 without valid credentials, 403 when the role lacks the
 * route's permission, anything else when it holds it; compared with {@link Access#permits} and with rows
 * of RE's matrix copied from the reference. Role {@code none} cannot sign in to the API at all (401). A
 * call that passes authorization is made to stop before it changes anything: its body has a wrong type
 * (400) or it names an object that does not exist (404).
 */
class PermissionMetaTest {
    @TempDir
    static Path dir;
    static ApiNode node;
    static final Map<ManagementRole, String> TOKENS = new EnumMap<>(ManagementRole.class);
    static final Map<ManagementRole, Long> UIDS = new EnumMap<>(ManagementRole.class);
    static long databaseUid;

    @BeforeAll
    static void start() throws Exception {
        node = ApiNode.bootstrapped(dir);
        for (ManagementRole role : ManagementRole.values()) {
            String name = "u-" + role.wireName().replace('_', '-');
            String password = "Pa55-" + role.wireName() + "-Xy!";
            UIDS.put(role, node.createUser(name, password, role.wireName()));
            if (role != ManagementRole.NONE) {
                TOKENS.put(role, node.token(name, password, 3600));
            }
        }
        ApiNode.Reply db = node.call("POST", "/v1/bdbs", node.adminAuth(), "{\"name\":\"db1\",\"memory_size\":1048576}");
        assertThat(db.status()).as(db.toString()).isEqualTo(200);
        databaseUid = db.json().get("uid").asLong();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyRouteDeclaresItsAccess() {
        for (Route r : Route.values()) {
            assertThat(r.access()).as(r.name()).isNotNull();
            assertThat(r.access().kind() != Access.Kind.PERMISSION || r.access().requiredPermission().isPresent())
                    .as(r.name()).isTrue();
        }
    }

    @Test
    void everyRouteAsEveryRoleAnswersAsTheMatrixSays() throws Exception {
        long revision = node.plane.state().revision();
        List<String> mismatches = new ArrayList<>();
        for (Route route : Route.values()) {
            String path = concretePath(route);
            String body = route.requestBody().isPresent() ? wrongTypeBody(route) : null;
            Map<String, ApiNode.Reply> replies = new LinkedHashMap<>();
            replies.put("nobody", node.call(route.method().name(), path, null, body));
            replies.put("wrong-password", node.call(route.method().name(), path, ApiNode.basic("ghost", "nope"), body));
            replies.put("bad-token", node.call(route.method().name(), path, ApiNode.bearer("e30.e30.e30"), body));
            for (ManagementRole role : ManagementRole.values()) {
                String auth = role == ManagementRole.NONE ? ApiNode.basic("u-none", "Pa55-none-Xy!")
                        : ApiNode.bearer(TOKENS.get(role));
                replies.put(role.wireName(), node.call(route.method().name(), path, auth, body));
            }
            for (var e : replies.entrySet()) {
                int expected = expectedClass(route, e.getKey());
                int status = e.getValue().status();
                boolean ok = expected == 0 ? status != 401 && status != 403 && status < 500 : status == expected;
                if (!ok || (status >= 400 && e.getValue().errorCode() == null)) {
                    mismatches.add(route + " as " + e.getKey() + ": " + status + " " + e.getValue().body());
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // every call stopped before it changed anything
        assertThat(node.plane.state().revision()).isEqualTo(revision);
    }

    /** Rows of RE's REST matrix (reference §1.4), independent of the code's table. */
    @Test
    void agreesWithReferenceRows() {
        assertThat(Permission.CREATE_BDB.holders()).containsExactlyInAnyOrder(ManagementRole.ADMIN,
                ManagementRole.CLUSTER_MEMBER, ManagementRole.DB_MEMBER);
        assertThat(Permission.VIEW_ALL_USERS_INFO.holders()).containsExactlyInAnyOrder(ManagementRole.ADMIN,
                ManagementRole.USER_MANAGER);
        assertThat(Permission.VIEW_LOGGED_EVENTS.holders()).containsExactlyInAnyOrder(ManagementRole.ADMIN,
                ManagementRole.CLUSTER_MEMBER, ManagementRole.CLUSTER_VIEWER, ManagementRole.DB_MEMBER,
                ManagementRole.USER_MANAGER);
        assertThat(Permission.UPDATE_CLUSTER.holders()).containsExactly(ManagementRole.ADMIN);
        assertThat(ManagementRole.NONE.permissions()).isEmpty();
    }

    @Test
    void aUserReadsItselfWithoutViewUserInfo() throws Exception {
        long self = UIDS.get(ManagementRole.DB_VIEWER);
        ApiNode.Reply own = node.call("GET", "/v1/users/" + self, ApiNode.bearer(TOKENS.get(ManagementRole.DB_VIEWER)),
                null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("Pa55").doesNotContain("argon2").doesNotContain("password\"");
        ApiNode.Reply raise = node.call("PUT", "/v1/users/" + self, ApiNode.bearer(TOKENS.get(ManagementRole.DB_VIEWER)),
                "{\"role\":\"admin\"}");
        assertThat(raise.status()).isEqualTo(403);
        assertThat(raise.errorCode()).isEqualTo("forbidden");
    }

    /** 0: any answer but 401/403 (the route is allowed); else the exact status expected. */
    private static int expectedClass(Route route, String caller) {
        if (route.access().kind() == Access.Kind.UNAUTHENTICATED) {
            return 0;
        }
        if (caller.equals("nobody") || caller.equals("wrong-password") || caller.equals("bad-token")
                || caller.equals("none")) {
            return 401;
        }
        ManagementRole role = ManagementRole.fromWireName(caller).orElseThrow();
        return route.access().permits(role, false) ? 0 : 403;
    }

    private static String concretePath(Route route) {
        String path = route.path();
        if (!path.contains("{uid}")) {
            return path;
        }
        long uid;
        if (path.startsWith("/v1/bdbs/")) {
            // deletes name a database that does not exist (404 after authorization), the rest the real one
            uid = route.method().name().equals("DELETE") && !path.endsWith("passwords") ? 999 : databaseUid;
        } else if (path.startsWith("/v1/users/")) {
            uid = route.method().name().equals("DELETE") ? 999 : UIDS.get(ManagementRole.ADMIN) + 1000;
        } else {
            uid = 999;
        }
        return path.replace("{uid}", Long.toString(uid));
    }

    /** A body whose first field has the wrong type for every request record: refused after authorization. */
    private static String wrongTypeBody(Route route) {
        return switch (route) {
            case BOOTSTRAP_CREATE_CLUSTER -> "{\"cluster\":7}";
            case CLUSTER_UPDATE -> "{\"password_complexity\":\"yes\"}";
            case CLUSTER_POLICY_UPDATE -> "{\"login_lockout_threshold\":\"five\"}";
            case CLUSTER_CERTIFICATES_UPDATE -> "{\"certificates\":\"x\"}";
            case BDB_CREATE, BDB_UPDATE -> "{\"memory_size\":\"big\"}";
            case BDB_PASSWORDS_REPLACE, BDB_PASSWORDS_ADD, BDB_PASSWORDS_DELETE -> "{\"password\":[1]}";
            case USER_CREATE, USER_UPDATE -> "{\"role_uids\":\"1\"}";
            case USER_PASSWORD_REPLACE, USER_PASSWORD_ADD -> "{\"new_password\":[1]}";
            case USER_PASSWORD_DELETE -> "{\"old_password\":[1]}";
            case USER_AUTHORIZE, USER_REFRESH_JWT -> "{\"ttl\":\"long\"}";
            case ROLE_CREATE, ROLE_UPDATE -> "{\"management\":[1]}";
            case REDIS_ACL_CREATE, REDIS_ACL_UPDATE -> "{\"acl\":{}}";
            default -> throw new IllegalArgumentException("no wrong body for " + route);
        };
    }
}
