package io.redoubt.node;

import io.redoubt.admin.ControlPlane;
import io.redoubt.cluster.api.AofPolicy;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.DataPersistence;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.EvictionPolicy;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.Secret;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --bootstrap auto} on a fresh node: the cluster with an admin user whose password is generated
 * (printed once, kept owner-only in {@code data/admin.password}, never logged), and a first database
 * {@code db1} whose default user is off: the admin reaches it with its own name and password, through the
 * "Full Access" ACL bound to the Admin role ({@code roles_permissions}). Its data is kept in an AOF
 * synced every second (RE's default would keep none).
 */
final class FirstCluster {
    static final String ADMIN = "admin";
    static final String DATABASE = "db1";
    static final long DATABASE_MEMORY = 1L << 30;
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SPECIAL = "-_.!%+";

    private FirstCluster() {
    }

    static void create(ControlPlane plane, ConfigStore store, RedoubtNode.NodeLayout layout, int port, PrintStream out)
            throws Exception {
        String password = generatePassword(new SecureRandom());
        plane.bootstrap("redoubt", ADMIN, Secret.of(password), "redoubt-node --bootstrap auto");
        Files.deleteIfExists(layout.adminPasswordFile()); // a bootstrap that failed after writing it
        FirstStartPassword.writeOwnerOnly(layout.adminPasswordFile(), password + "\n");
        ClusterState state = store.current();
        long adminRole = state.roles().values().stream().filter(r -> r.management() == ManagementRole.ADMIN)
                .map(Role::uid).findFirst().orElseThrow(() -> new IllegalStateException("no Admin role after bootstrap"));
        long fullAccess = state.redisAcls().values().stream().filter(a -> a.name().equals("Full Access"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Full Access ACL after bootstrap")).uid();
        Database first = new Database(0, DATABASE, port, DATABASE_MEMORY, 1, EvictionPolicy.VOLATILE_LRU,
                DataPersistence.AOF, AofPolicy.APPENDFSYNC_EVERY_SEC, List.of(), TlsMode.DISABLED, false, List.of(),
                false, List.of(), List.of(new RolePermission(adminRole, fullAccess)));
        Commit commit = store.propose(Transaction.of(new Change.PutDatabase(first))).get(30, TimeUnit.SECONDS);
        if (!(commit instanceof Commit.Applied)) {
            throw new IllegalStateException("the first database could not be created: " + commit);
        }
        out.println("Redoubt created its cluster. Admin user: " + ADMIN + ", password (shown once, also in "
                + layout.adminPasswordFile() + ", readable by you only): " + password);
        out.println("Database " + DATABASE + " on port " + port + ": REDISCLI_AUTH=\"$(cat "
                + layout.adminPasswordFile() + ")\" redis-cli -p " + port + " --user " + ADMIN + " ping");
    }

    /**
     * 24 characters with at least two of each class the password policy asks for, no character
     * repeated next to itself, from an alphabet without look-alikes (0/O, 1/l/I).
     */
    static String generatePassword(SecureRandom random) {
        List<Character> chars = new ArrayList<>();
        for (String alphabet : List.of(UPPER, LOWER, DIGITS, SPECIAL)) {
            for (int i = 0; i < 2; i++) {
                chars.add(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        String all = UPPER + LOWER + DIGITS + SPECIAL;
        while (chars.size() < 24) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        do {
            Collections.shuffle(chars, random);
        } while (hasRepeat(chars));
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }

    private static boolean hasRepeat(List<Character> chars) {
        for (int i = 1; i < chars.size(); i++) {
            if (chars.get(i).equals(chars.get(i - 1))) {
                return true;
            }
        }
        return false;
    }
}
