package io.redoubt.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins Permission and ManagementRole against RE's REST permission matrix, parsed from a verbatim copy of
 * the reference table (rest-permission-matrix.md), so the code's matrix is never a second transcription.
 */
class ManagementRoleMatrixTest {
    /** permission name → roles holding it, as the reference table says. */
    private static Map<String, Set<String>> table;
    private static List<String> roleColumns;

    @BeforeAll
    static void parseReferenceTable() throws IOException {
        String text;
        try (InputStream in = ManagementRoleMatrixTest.class.getResourceAsStream("rest-permission-matrix.md")) {
            assertThat(in).as("test resource rest-permission-matrix.md").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("|")) {
                rows.add(Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(String::trim).toList());
            }
        }
        roleColumns = rows.get(0).subList(1, rows.get(0).size());
        table = new java.util.LinkedHashMap<>();
        for (List<String> row : rows.subList(2, rows.size())) {
            String permission = row.get(0).replace("`", "");
            Set<String> holders = new LinkedHashSet<>();
            for (int i = 1; i < row.size(); i++) {
                assertThat(row.get(i)).as(permission + " cell " + i).isIn("Y", "-");
                if (row.get(i).equals("Y")) {
                    holders.add(roleColumns.get(i - 1));
                }
            }
            assertThat(table.put(permission, holders)).as("duplicate row " + permission).isNull();
        }
    }

    @Test
    void theTableIsTheWholeReferenceTable() {
        assertThat(roleColumns).containsExactly("admin", "cluster_member", "cluster_viewer", "db_member",
                "db_viewer", "user_manager");
        assertThat(table).hasSize(96);
    }

    @Test
    void permissionsAreExactlyTheReferenceNames() {
        Set<String> ours = Arrays.stream(Permission.values()).map(Permission::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ours).isEqualTo(new TreeSet<>(table.keySet()));
        for (Permission p : Permission.values()) {
            assertThat(Permission.fromWireName(p.wireName())).contains(p);
        }
    }

    @Test
    void everyRoleHoldsExactlyItsColumn() {
        Map<ManagementRole, Set<Permission>> expected = new EnumMap<>(ManagementRole.class);
        for (ManagementRole r : ManagementRole.values()) {
            expected.put(r, EnumSet.noneOf(Permission.class));
        }
        table.forEach((name, holders) -> holders.forEach(role -> expected
                .get(ManagementRole.fromWireName(role).orElseThrow())
                .add(Permission.fromWireName(name).orElseThrow())));
        for (ManagementRole r : ManagementRole.values()) {
            assertThat(r.permissions()).as(r.wireName()).isEqualTo(expected.get(r));
            for (Permission p : Permission.values()) {
                assertThat(r.holds(p)).as(r + " holds " + p).isEqualTo(expected.get(r).contains(p));
            }
        }
    }

    @Test
    void roleNoneHoldsNothingAndAdminEverything() {
        assertThat(ManagementRole.NONE.permissions()).isEmpty();
        assertThat(ManagementRole.ADMIN.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void theSevenRolesHaveResWireNames() {
        assertThat(Arrays.stream(ManagementRole.values()).map(ManagementRole::wireName)).containsExactly(
                "admin", "cluster_member", "cluster_viewer", "db_member", "db_viewer", "user_manager", "none");
    }

    @Test
    void notablePointsOfTheReferenceHold() {
        // spelled out in the reference under the table: a second reading of the same facts
        assertThat(Permission.VIEW_REDIS_PASS.holders()).containsExactlyInAnyOrder(ManagementRole.ADMIN,
                ManagementRole.CLUSTER_MEMBER, ManagementRole.DB_MEMBER, ManagementRole.USER_MANAGER);
        assertThat(ManagementRole.DB_VIEWER.holds(Permission.VIEW_LOGGED_EVENTS)).isFalse();
        assertThat(Permission.VIEW_ALL_METRICS.holders()).containsExactlyInAnyOrder(ManagementRole.ADMIN,
                ManagementRole.CLUSTER_MEMBER, ManagementRole.CLUSTER_VIEWER);
        assertThat(Permission.START_NODE_ACTION.holders()).containsExactly(ManagementRole.ADMIN);
        assertThat(ManagementRole.CLUSTER_MEMBER.holds(Permission.UPDATE_CLUSTER)).isFalse();
    }
}
