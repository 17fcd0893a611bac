package io.redoubt.audit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The database audit: what is recorded ({@link Mode}), where it is sent ({@code host:port}, a
 * collector reading one JSON object per line over TCP, or over TLS when {@code tls}: the syslog
 * output's TLS, trusting only the CAs of {@code caFile}, null for the JDK's defaults), and whose
 * activity: connections of {@code users} (empty: everyone) from {@code sources} (empty: anywhere).
 */
public record AuditSettings(Mode mode, String host, int port, Set<String> users, CidrSet sources, boolean tls,
                            Path caFile) {
    /** off; connections (open, authentication, close); commands (those and every command). */
    public enum Mode {
        OFF, CONNECTIONS, COMMANDS;

        public static Mode byName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public static final AuditSettings OFF = new AuditSettings(Mode.OFF, "", 0, Set.of(), CidrSet.ANY);

    /** Plain TCP to the collector. */
    public AuditSettings(Mode mode, String host, int port, Set<String> users, CidrSet sources) {
        this(mode, host, port, users, sources, false, null);
    }

    public AuditSettings {
        users = Set.copyOf(users);
    }

    /** Whether anything is recorded and sent. */
    public boolean enabled() {
        return mode != Mode.OFF && !host.isEmpty() && port > 0;
    }

    /** Whether activity of {@code user} is recorded (its source address is checked at connection). */
    public boolean recordsUser(String user) {
        return users.isEmpty() || users.contains(user);
    }
}
