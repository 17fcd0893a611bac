package io.redoubt.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Route table: unique, complete for issue 16, matched safely, and its access rule. */
class RouteTableTest {

    @Test
    void methodAndPathAreUnique() {
        Set<String> seen = new HashSet<>();
        for (Route r : Route.values()) {
            assertThat(seen.add(r.method() + " " + r.path())).as(r.name()).isTrue();
        }
    }

    @Test
    void coversTheRoutesIssue16Needs() {
        List<String> table = Arrays.stream(Route.values()).map(r -> r.method() + " " + r.path()).toList();
        assertThat(table).contains(
                "GET /v1/bootstrap", "POST /v1/bootstrap/create_cluster",
                "GET /v1/cluster", "PUT /v1/cluster", "GET /v1/cluster/policy", "PUT /v1/cluster/policy",
                "GET /v1/cluster/certificates", "PUT /v1/cluster/certificates",
                "GET /v1/nodes", "GET /v1/nodes/{uid}",
                "GET /v1/bdbs", "POST /v1/bdbs", "GET /v1/bdbs/{uid}", "PUT /v1/bdbs/{uid}", "DELETE /v1/bdbs/{uid}",
                "GET /v1/bdbs/{uid}/passwords", "PUT /v1/bdbs/{uid}/passwords", "POST /v1/bdbs/{uid}/passwords",
                "DELETE /v1/bdbs/{uid}/passwords",
                "GET /v1/users", "POST /v1/users", "GET /v1/users/{uid}", "PUT /v1/users/{uid}",
                "DELETE /v1/users/{uid}", "POST /v1/users/password", "PUT /v1/users/password",
                "DELETE /v1/users/password", "POST /v1/users/authorize", "POST /v1/users/refresh_jwt",
                "GET /v1/roles", "POST /v1/roles", "GET /v1/roles/{uid}", "PUT /v1/roles/{uid}",
                "DELETE /v1/roles/{uid}",
                "GET /v1/redis_acls", "POST /v1/redis_acls", "GET /v1/redis_acls/{uid}", "PUT /v1/redis_acls/{uid}",
                "DELETE /v1/redis_acls/{uid}", "GET /v1/logs", "GET /v1/openapi.yaml");
    }

    @Test
    void resPermissionsOfItsRequestPages() {
        // the permissions RE's request pages name (requests/bdbs, users, bdbs/passwords)
        assertThat(Route.BDB_CREATE.access()).isEqualTo(Access.of(Permission.CREATE_BDB));
        assertThat(Route.BDB_DELETE.access()).isEqualTo(Access.of(Permission.DELETE_BDB));
        assertThat(Route.BDB_PASSWORDS_ADD.access()).isEqualTo(Access.of(Permission.UPDATE_BDB));
        assertThat(Route.USERS_LIST.access()).isEqualTo(Access.of(Permission.VIEW_ALL_USERS_INFO));
        assertThat(Route.USER_CREATE.access()).isEqualTo(Access.of(Permission.CREATE_NEW_USER));
        assertThat(Route.USER_DELETE.access()).isEqualTo(Access.of(Permission.DELETE_USER));
    }

    @Test
    void onlyBootstrapIsOpenAndOnlyPasswordsTokensAndTheDocumentNeedJustASignIn() {
        Set<Route> open = new HashSet<>();
        Set<Route> signedIn = new HashSet<>();
        for (Route r : Route.values()) {
            if (r.access().kind() == Access.Kind.UNAUTHENTICATED) {
                open.add(r);
            }
            if (r.access().kind() == Access.Kind.AUTHENTICATED) {
                signedIn.add(r);
            }
        }
        assertThat(open).containsExactlyInAnyOrder(Route.BOOTSTRAP_STATUS, Route.BOOTSTRAP_CREATE_CLUSTER);
        assertThat(signedIn).containsExactlyInAnyOrder(Route.USER_PASSWORD_ADD, Route.USER_PASSWORD_REPLACE,
                Route.USER_PASSWORD_DELETE, Route.USER_AUTHORIZE, Route.USER_REFRESH_JWT, Route.OPENAPI_DOCUMENT);
    }

    @Test
    void roleNoneReachesNothingButBootstrap() {
        for (Route r : Route.values()) {
            boolean open = r.access().kind() == Access.Kind.UNAUTHENTICATED;
            assertThat(r.access().permits(ManagementRole.NONE, false)).as(r.name()).isEqualTo(open);
            assertThat(r.access().permits(ManagementRole.NONE, true)).as(r.name() + " on itself").isEqualTo(open);
        }
    }

    @Test
    void accessFollowsTheMatrix() {
        for (Route r : Route.values()) {
            for (ManagementRole role : ManagementRole.values()) {
                boolean expected = switch (r.access().kind()) {
                    case UNAUTHENTICATED -> true;
                    case AUTHENTICATED -> role != ManagementRole.NONE;
                    case PERMISSION, SELF_OR_PERMISSION -> r.access().permission().holders().contains(role);
                };
                assertThat(r.access().permits(role, false)).as(r + " as " + role).isEqualTo(expected);
            }
        }
        // a db_viewer may read and change itself, not others
        assertThat(Route.USER_GET.access().permits(ManagementRole.DB_VIEWER, true)).isTrue();
        assertThat(Route.USER_UPDATE.access().permits(ManagementRole.DB_VIEWER, true)).isTrue();
        assertThat(Route.USER_UPDATE.access().permits(ManagementRole.DB_VIEWER, false)).isFalse();
        assertThat(Route.USER_DELETE.access().permits(ManagementRole.DB_VIEWER, true)).isFalse();
    }

    @Test
    void accessDeclaresAPermissionExactlyWhenItsKindNeedsOne() {
        assertThatThrownBy(() -> new Access(Access.Kind.PERMISSION, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Access(Access.Kind.AUTHENTICATED, Permission.UPDATE_USER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchPicksTheRouteAndItsParameters() {
        assertThat(Route.match(HttpMethod.GET, "/v1/bdbs/12")).get().satisfies(m -> {
            assertThat(m.route()).isEqualTo(Route.BDB_GET);
            assertThat(m.parameters()).containsEntry("uid", "12").hasSize(1);
        });
        assertThat(Route.match(HttpMethod.PUT, "/v1/users/password")).get()
                .extracting(Route.Match::route).isEqualTo(Route.USER_PASSWORD_REPLACE);
        assertThat(Route.match(HttpMethod.PUT, "/v1/users/7")).get()
                .extracting(Route.Match::route).isEqualTo(Route.USER_UPDATE);
        assertThat(Route.match(HttpMethod.DELETE, "/v1/bdbs/3/passwords")).get()
                .extracting(Route.Match::route).isEqualTo(Route.BDB_PASSWORDS_DELETE);
        assertThat(Route.match(HttpMethod.GET, "/v1/bdbs")).get()
                .extracting(Route.Match::route).isEqualTo(Route.BDBS_LIST);
    }

    @Test
    void matchRefusesWhatNoRouteIs() {
        for (String path : List.of("/v1/bdbs/../users", "/v1/bdbs/1/../../users", "/v1/bdbs/%2e%2e", "/v1/bdbs/-1",
                "/v1/bdbs/1x", "/v1/bdbs/12345678901", "/v1/bdbs/", "/v1/bdbs//passwords", "v1/bdbs",
                "/v1/users/password/", "/V1/bdbs", "")) {
            assertThat(Route.match(HttpMethod.GET, path)).as(path).isEmpty();
        }
        assertThat(Route.match(HttpMethod.DELETE, "/v1/cluster")).isEmpty();
        assertThat(Route.match(HttpMethod.GET, "/v1/bootstrap/create_cluster")).isEmpty();
    }

    @Test
    void bodiesAreRequestRecordsAndAnswersAreNot() {
        for (Route r : Route.values()) {
            r.requestBody().ifPresent(c -> assertThat(RequestBody.class).as(r.name()).isAssignableFrom(c));
            r.responseBody().ifPresent(c -> {
                assertThat(c.isRecord()).as(r.name()).isTrue();
                assertThat(RequestBody.class.isAssignableFrom(c) && c != ClusterPolicy.class)
                        .as(r + ": an answer type is not a request type (ClusterPolicy is both: no secret, no read-only field)")
                        .isFalse();
            });
        }
    }
}
