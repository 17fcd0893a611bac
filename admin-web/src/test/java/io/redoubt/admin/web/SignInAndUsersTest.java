package io.redoubt.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in and user rules over HTTPS, each test with users of its own: lockout after RE's 5 failures and
 * unlock by an admin's password reset; token expiry on the injected clock and refresh; password
 * rotation; the last-admin rule; dry_run; Basic turned off; database-scoped roles; the
 * event log.
 */
class SignInAndUsersTest {
    @TempDir
    static Path dir;
    static ApiNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ApiNode.bootstrapped(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void fiveFailuresLockTheUserUntilAnAdminResetsThePassword() throws Exception {
        long uid = node.createUser("locky", "L0cky-Pa55word!", "db_viewer");
        for (int i = 0; i < 5; i++) {
            assertThat(node.call("GET", "/v1/users/" + uid, ApiNode.basic("locky", "wrong-" + i), null).status())
                    .isEqualTo(401);
        }
        ApiNode.Reply locked = node.call("GET", "/v1/users/" + uid, ApiNode.basic("locky", "L0cky-Pa55word!"), null);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.errorCode()).isEqualTo("user_locked");
        assertThat(node.call("GET", "/v1/users/" + uid, node.adminAuth(), null).json().get("status").asText())
                .isEqualTo("locked");
        ApiNode.Reply reset = node.call("PUT", "/v1/users/" + uid, node.adminAuth(), "{\"password\":\"N3w-L0cky-Pa55!\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(node.call("GET", "/v1/users/" + uid, ApiNode.basic("locky", "N3w-L0cky-Pa55!"), null).status())
                .isEqualTo(200);
        assertThat(node.call("GET", "/v1/users/" + uid, ApiNode.basic("locky", "L0cky-Pa55word!"), null).status())
                .isEqualTo(401);
        // the event log shows the failures and the lock, never a password
        ApiNode.Reply logs = node.call("GET", "/v1/logs?order=desc&limit=50", node.adminAuth(), null);
        assertThat(logs.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        logs.json().forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("authentication_err", "user_locked", "user_updated");
        assertThat(logs.body()).doesNotContain("L0cky").doesNotContain("wrong-");
    }

    @Test
    void tokensExpireOnTheClockAndRefreshBeforeThat() throws Exception {
        node.createUser("tokeny", "T0keny-Pa55word!", "cluster_viewer");
        String token = node.token("tokeny", "T0keny-Pa55word!", 60);
        assertThat(node.call("GET", "/v1/cluster", ApiNode.bearer(token), null).status()).isEqualTo(200);
        node.clock.advance(Duration.ofSeconds(50));
        ApiNode.Reply refreshed = node.call("POST", "/v1/users/refresh_jwt", ApiNode.bearer(token), "{\"ttl\":600}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String newer = refreshed.json().get("access_token").asText();
        node.clock.advance(Duration.ofSeconds(11));
        ApiNode.Reply expired = node.call("GET", "/v1/cluster", ApiNode.bearer(token), null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorCode()).isEqualTo("unauthorized");
        assertThat(node.call("GET", "/v1/cluster", ApiNode.bearer(newer), null).status()).isEqualTo(200);
        assertThat(node.call("POST", "/v1/users/refresh_jwt", ApiNode.bearer(token), null).status()).isEqualTo(401);
        assertThat(node.call("POST", "/v1/users/authorize", ApiNode.basic("tokeny", "T0keny-Pa55word!"),
                "{\"ttl\":86401}").errorCode()).isEqualTo("invalid_param");
    }

    @Test
    void twoPasswordsDuringARotationThenTheOldOneStops() throws Exception {
        node.createUser("rotor", "R0tor-Old-Pa55!", "db_member");
        String old = ApiNode.basic("rotor", "R0tor-Old-Pa55!");
        ApiNode.Reply added = node.call("POST", "/v1/users/password", old, "{\"new_password\":\"R0tor-New-Pa55!\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String fresh = ApiNode.basic("rotor", "R0tor-New-Pa55!");
        assertThat(node.call("GET", "/v1/bdbs", old, null).status()).isEqualTo(200);
        assertThat(node.call("GET", "/v1/bdbs", fresh, null).status()).isEqualTo(200);
        assertThat(node.call("POST", "/v1/users/password", fresh, "{\"new_password\":\"R0tor-Old-Pa55!\"}").errorCode())
                .isEqualTo("new_password_same_as_current");
        assertThat(node.call("DELETE", "/v1/users/password", fresh, "{\"old_password\":\"R0tor-Old-Pa55!\"}").status())
                .isEqualTo(200);
        assertThat(node.call("GET", "/v1/bdbs", old, null).status()).isEqualTo(401);
        assertThat(node.call("GET", "/v1/bdbs", fresh, null).status()).isEqualTo(200);
        assertThat(node.call("DELETE", "/v1/users/password", fresh, "{\"old_password\":\"R0tor-New-Pa55!\"}").errorCode())
                .isEqualTo("cannot_delete_last_password");
        // the data plane's form is Redis's SHA-256, the control plane's Argon2id
        var stored = node.plane.state().userNamed("rotor").orElseThrow().passwords().get(0);
        assertThat(stored.controlPlaneHash()).startsWith("$argon2id$");
        assertThat(stored.redisSha256Hex()).hasSize(64);
    }

    @Test
    void theLastAdminKeepsTheAdminRole() throws Exception {
        long admin = node.plane.state().userNamed("admin").orElseThrow().uid();
        ApiNode.Reply demote = node.call("PUT", "/v1/users/" + admin, node.adminAuth(), "{\"role\":\"db_viewer\"}");
        assertThat(demote.status()).isEqualTo(400);
        assertThat(demote.errorCode()).isEqualTo("change_last_admin_role_not_allowed");
        assertThat(node.call("DELETE", "/v1/users/" + admin, node.adminAuth(), null).errorCode())
                .isEqualTo("change_last_admin_role_not_allowed");
        long adminRole = node.plane.state().roleNamed("Admin").orElseThrow().uid();
        assertThat(node.call("PUT", "/v1/roles/" + adminRole, node.adminAuth(), "{\"management\":\"db_viewer\"}")
                .errorCode()).isEqualTo("change_last_admin_role_not_allowed");
        // a user manager cannot make itself (or anyone) admin
        node.createUser("manny", "M4nny-Pa55word!", "user_manager");
        ApiNode.Reply raise = node.call("POST", "/v1/users", ApiNode.basic("manny", "M4nny-Pa55word!"),
                "{\"name\":\"evil\",\"password\":\"Ev1l-Pa55word!\",\"role\":\"admin\"}");
        assertThat(raise.status()).isEqualTo(403);
        // nor take an admin account over by resetting its password, nor delete it
        ApiNode.Reply takeover = node.call("PUT", "/v1/users/" + admin, ApiNode.basic("manny", "M4nny-Pa55word!"),
                "{\"password\":\"T4ken-Over-Pa55!\"}");
        assertThat(takeover.status()).isEqualTo(403);
        assertThat(node.call("DELETE", "/v1/users/" + admin, ApiNode.basic("manny", "M4nny-Pa55word!"), null).status())
                .isEqualTo(403);
        assertThat(node.call("GET", "/v1/cluster", node.adminAuth(), null).status()).isEqualTo(200);
    }

    @Test
    void dryRunValidatesAndChangesNothing() throws Exception {
        long revision = node.plane.state().revision();
        ApiNode.Reply dry = node.call("POST", "/v1/users?dry_run", node.adminAuth(),
                "{\"name\":\"dryrun\",\"password\":\"Dry-Run-Pa55!\",\"role\":\"db_viewer\"}");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("name").asText()).isEqualTo("dryrun");
        assertThat(node.call("POST", "/v1/users?dry_run", node.adminAuth(),
                "{\"name\":\"dryrun\",\"password\":\"weak\"}").errorCode()).isEqualTo("password_not_complex");
        assertThat(node.call("POST", "/v1/bdbs?dry_run", node.adminAuth(), "{\"name\":\"drydb\",\"memory_size\":1024}")
                .status()).isEqualTo(200);
        assertThat(node.call("POST", "/v1/roles?dry_run", node.adminAuth(), "{\"name\":\"dry\",\"management\":\"db_member\"}")
                .status()).isEqualTo(200);
        // a route without a dry run refuses one rather than changing anything
        ApiNode.Reply cluster = node.call("PUT", "/v1/cluster?dry_run", node.adminAuth(), "{\"password_min_length\":12}");
        assertThat(cluster.errorCode()).isEqualTo("invalid_param");
        assertThat(node.plane.state().revision()).isEqualTo(revision);
        assertThat(node.plane.state().userNamed("dryrun")).isEmpty();
    }

    @Test
    void aRoleScopedToTwoDatabasesSeesOnlyThose() throws Exception {
        String auth = node.adminAuth();
        List<Long> dbs = new ArrayList<>();
        for (String name : List.of("scope-a", "scope-b", "scope-c")) {
            dbs.add(node.call("POST", "/v1/bdbs", auth, "{\"name\":\"" + name + "\",\"memory_size\":1048576}")
                    .json().get("uid").asLong());
        }
        ApiNode.Reply role = node.call("POST", "/v1/roles", auth, "{\"name\":\"scoped\",\"management\":\"db_member\","
                + "\"resources\":[{\"type\":\"db\",\"uids\":[\"" + dbs.get(0) + "\",\"" + dbs.get(1) + "\"]}]}");
        assertThat(role.status()).as(role.body()).isEqualTo(200);
        ApiNode.Reply user = node.call("POST", "/v1/users", auth, "{\"name\":\"scopy\",\"password\":\"Sc0py-Pa55word!\","
                + "\"role_uids\":[" + role.json().get("uid").asLong() + "]}");
        assertThat(user.status()).as(user.body()).isEqualTo(200);
        String scopy = ApiNode.basic("scopy", "Sc0py-Pa55word!");
        assertThat(node.call("GET", "/v1/bdbs/" + dbs.get(0), scopy, null).status()).isEqualTo(200);
        assertThat(node.call("GET", "/v1/bdbs/" + dbs.get(2), scopy, null).status()).isEqualTo(403);
        assertThat(node.call("DELETE", "/v1/bdbs/" + dbs.get(2), scopy, null).status()).isEqualTo(403);
        List<Long> seen = new ArrayList<>();
        for (JsonNode db : node.call("GET", "/v1/bdbs", scopy, null).json()) {
            seen.add(db.get("uid").asLong());
        }
        assertThat(seen).containsExactlyInAnyOrder(dbs.get(0), dbs.get(1));
        // nor the events of the other databases
        List<String> objects = new ArrayList<>();
        node.call("GET", "/v1/logs", scopy, null).json().forEach(e -> objects.add(e.path("object").asText()));
        assertThat(objects).contains("bdb:" + dbs.get(0)).doesNotContain("bdb:" + dbs.get(2));
    }

    @Test
    void basicOffLeavesTokens() throws Exception {
        node.createUser("basher", "B4sher-Pa55word!", "admin");
        String token = node.token("basher", "B4sher-Pa55word!", 3600);
        try {
            assertThat(node.call("PUT", "/v1/cluster", ApiNode.bearer(token),
                    "{\"control_plane_basic_authentication\":false}").status()).isEqualTo(200);
            assertThat(node.call("GET", "/v1/cluster", ApiNode.basic("basher", "B4sher-Pa55word!"), null).status())
                    .isEqualTo(401);
            assertThat(node.call("GET", "/v1/cluster", ApiNode.bearer(token), null).status()).isEqualTo(200);
            // RE's authorize body still gives a token (how a client signs in with Basic off); a wrong one does not
            ApiNode.Reply issued = node.call("POST", "/v1/users/authorize", null,
                    "{\"username\":\"basher\",\"password\":\"B4sher-Pa55word!\",\"ttl\":60}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            String fromBody = issued.json().path("access_token").asText();
            assertThat(node.call("GET", "/v1/cluster", ApiNode.bearer(fromBody), null).status()).isEqualTo(200);
            assertThat(node.call("POST", "/v1/users/authorize", null,
                    "{\"username\":\"basher\",\"password\":\"wrong\"}").status()).isEqualTo(401);
            assertThat(node.call("POST", "/v1/users/authorize", null, "{\"username\":\"basher\"}").status())
                    .isEqualTo(401);
        } finally {
            assertThat(node.call("PUT", "/v1/cluster", ApiNode.bearer(token),
                    "{\"control_plane_basic_authentication\":true}").status()).isEqualTo(200);
        }
    }
}
