package io.redoubt.admin;

import io.redoubt.acl.RuleParser;
import io.redoubt.audit.EventLog;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.security.password.PasswordHasher;
import io.redoubt.security.sealing.SecretSealer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a control plane is built with besides its store, clock and token keys.
 *
 * @param hasher the control plane's password hash (Argon2id by default)
 * @param aclRules the parser Redis ACL rules are checked with; the node passes one over its command table
 *        so rules naming commands are checked against the commands its databases run
 * @param eventLog the audit module's event log file, if the node keeps one
 * @param eventCapacity how many events {@code GET /v1/logs} keeps in memory
 * @param nodeMemoryBytes the most memory a database may ask for on this node
 * @param sealer seals certificate keys before they enter the store; without one certificates cannot be replaced
 */
public record ControlPlaneOptions(PasswordHasher hasher, RuleParser aclRules, Optional<EventLog> eventLog,
        int eventCapacity, long nodeMemoryBytes, Optional<SecretSealer> sealer) {
    public ControlPlaneOptions {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(aclRules, "aclRules");
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(sealer, "sealer");
        if (nodeMemoryBytes < 1) {
            throw new IllegalArgumentException("nodeMemoryBytes must be positive");
        }
    }

    /** Argon2id, rules checked by syntax and categories only, events in memory, the JVM host's memory. */
    public static ControlPlaneOptions defaults() {
        return new ControlPlaneOptions(PasswordHasher.argon2id(), new RuleParser(CommandTable.builder().build()),
                Optional.empty(), EventJournal.DEFAULT_CAPACITY, hostMemory(), Optional.empty());
    }

    public ControlPlaneOptions withHasher(PasswordHasher h) {
        return new ControlPlaneOptions(h, aclRules, eventLog, eventCapacity, nodeMemoryBytes, sealer);
    }

    public ControlPlaneOptions withAclRules(RuleParser p) {
        return new ControlPlaneOptions(hasher, p, eventLog, eventCapacity, nodeMemoryBytes, sealer);
    }

    public ControlPlaneOptions withEventLog(EventLog log) {
        return new ControlPlaneOptions(hasher, aclRules, Optional.of(log), eventCapacity, nodeMemoryBytes, sealer);
    }

    public ControlPlaneOptions withNodeMemoryBytes(long bytes) {
        return new ControlPlaneOptions(hasher, aclRules, eventLog, eventCapacity, bytes, sealer);
    }

    public ControlPlaneOptions withSealer(SecretSealer s) {
        return new ControlPlaneOptions(hasher, aclRules, eventLog, eventCapacity, nodeMemoryBytes, Optional.of(s));
    }

    private static long hostMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
