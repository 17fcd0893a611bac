package io.redoubt.node;

import io.redoubt.audit.AuditSettings;
import io.redoubt.audit.CidrSet;
import io.redoubt.audit.Facility;
import io.redoubt.audit.Framing;
import io.redoubt.audit.SyslogSettings;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigRegistry;
import io.redoubt.engine.config.ConfigTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The parameters of the event log, local and remote syslog and the database audit (Redis's
 * {@code syslog-*} names are defined with the general ones). Values are validated here, once; the
 * remote syslog and audit parameters take effect at once through {@link NodeAudit} when CONFIG SET
 * changes them, the others at start.
 */
final class AuditParameters {
    private final ConfigRegistry registry;
    private final Path home;
    private volatile NodeAudit target;

    /** Applied once per CONFIG SET that changes any remote syslog parameter (see {@link #remote}). */
    private final ConfigParameter.GroupApplier remoteSyslogGroup = this::applyRemoteSyslog;
    /** Applied once per CONFIG SET that changes any database audit parameter. */
    private final ConfigParameter.GroupApplier databaseAuditGroup = this::applyDatabaseAudit;

    AuditParameters(ConfigRegistry registry, Path home) {
        this.registry = registry;
        this.home = home;
        define();
    }

    /** From now on, changes go to {@code audit}. */
    void bind(NodeAudit audit) {
        this.target = audit;
    }

    private void define() {
        reg(ConfigParameter.builder("syslog-local-port").defaultValue("514").type(ConfigTypes.integer(1, 65535))
                .immutable());
        reg(ConfigParameter.builder("event-log-file").defaultValue("events.jsonl").type(ConfigTypes.string())
                .immutable());
        reg(ConfigParameter.builder("event-log-queue-size").defaultValue("10000")
                .type(ConfigTypes.integer(1, 10_000_000)).immutable());
        remote("syslog-remote-host", "", hostName());
        remote("syslog-remote-port", "0", ConfigTypes.integer(0, 65535));
        remote("syslog-remote-protocol", "tls", ConfigTypes.oneOf("udp", "tcp", "tls"));
        remote("syslog-remote-framing", "octet-counting", ConfigTypes.oneOf("octet-counting", "newline"));
        remote("syslog-remote-ca-file", "", readableFileOrEmpty());
        reg(ConfigParameter.builder("syslog-remote-queue-size").defaultValue("10000")
                .type(ConfigTypes.integer(1, 10_000_000)).immutable());
        audit("audit-mode", "off", ConfigTypes.oneOf("off", "connections", "commands"));
        audit("audit-collector-host", "", hostName());
        audit("audit-collector-port", "0", ConfigTypes.integer(0, 65535));
        audit("audit-collector-protocol", "tcp", ConfigTypes.oneOf("tcp", "tls"));
        audit("audit-collector-ca-file", "", readableFileOrEmpty());
        audit("audit-users", "", ConfigTypes.string());
        audit("audit-sources", "", cidrList());
        reg(ConfigParameter.builder("audit-queue-size").defaultValue("10000")
                .type(ConfigTypes.integer(1, 10_000_000)).immutable());
    }

    /**
     * A remote syslog parameter. The group is applied once per CONFIG SET, after every value of the
     * command is in place, so changing protocol, port and framing together never connects to a
     * half-changed destination (which could be a stalled one).
     */
    private void remote(String name, String dflt, ConfigParameter.Normalizer type) {
        reg(ConfigParameter.builder(name).defaultValue(dflt).type(type).onChangeTogether(remoteSyslogGroup));
    }

    /** A database audit parameter, applied as a group as {@link #remote} is. */
    private void audit(String name, String dflt, ConfigParameter.Normalizer type) {
        reg(ConfigParameter.builder(name).defaultValue(dflt).type(type).onChangeTogether(databaseAuditGroup));
    }

    private void applyRemoteSyslog() throws ConfigException {
        NodeAudit a = target;
        if (a != null) {
            a.remoteSyslog(syslogSettings());
        }
    }

    private void applyDatabaseAudit() throws ConfigException {
        NodeAudit a = target;
        if (a != null) {
            a.databaseAudit(auditSettings(registry::get));
        }
    }

    private void reg(ConfigParameter.Builder b) {
        registry.register(b.build());
    }

    /** The remote syslog settings of the current values ({@code get} may override one being set). */
    SyslogSettings syslogSettings(UnaryOperator<String> get) {
        SyslogSettings.Transport transport = SyslogSettings.Transport.byName(get.apply("syslog-remote-protocol"));
        int port = Integer.parseInt(get.apply("syslog-remote-port"));
        if (port == 0) {
            port = transport == SyslogSettings.Transport.TLS ? 6514 : 514; // RFC 5425 / RFC 5426 ports
        }
        String ca = get.apply("syslog-remote-ca-file");
        return new SyslogSettings(transport, get.apply("syslog-remote-host"), port,
                get.apply("syslog-remote-framing").equals("newline") ? Framing.NEWLINE : Framing.OCTET_COUNTING,
                ca.isEmpty() ? null : resolve(ca));
    }

    SyslogSettings syslogSettings() {
        return syslogSettings(registry::get);
    }

    AuditSettings auditSettings(UnaryOperator<String> get) {
        Set<String> users = new LinkedHashSet<>();
        for (String u : get.apply("audit-users").trim().split("\\s+")) {
            if (!u.isEmpty()) {
                users.add(u);
            }
        }
        String ca = get.apply("audit-collector-ca-file");
        return new AuditSettings(AuditSettings.Mode.byName(get.apply("audit-mode")),
                get.apply("audit-collector-host"), Integer.parseInt(get.apply("audit-collector-port")), users,
                CidrSet.parse(get.apply("audit-sources")), get.apply("audit-collector-protocol").equals("tls"),
                ca.isEmpty() ? null : resolve(ca));
    }

    AuditSettings auditSettings() {
        return auditSettings(registry::get);
    }

    /** How the audit's destinations start: syslog identity, queue sizes, the local syslog daemon. */
    record Outputs(String syslogIdent, Facility syslogFacility, int eventLogQueueSize, int syslogQueueSize,
                   boolean localSyslog, int localSyslogPort, int auditQueueSize) {
    }

    Outputs outputs() {
        return new Outputs(registry.get("syslog-ident"), Facility.byName(registry.get("syslog-facility")),
                Integer.parseInt(registry.get("event-log-queue-size")),
                Integer.parseInt(registry.get("syslog-remote-queue-size")), registry.get("syslog-enabled").equals("yes"),
                Integer.parseInt(registry.get("syslog-local-port")), Integer.parseInt(registry.get("audit-queue-size")));
    }

    /** The event log file, or null when {@code event-log-file} is empty; a relative name is under log/. */
    Path eventLogFile() {
        String f = registry.get("event-log-file");
        return f.isEmpty() ? null : home.resolve("log").resolve(f).normalize();
    }

    private Path resolve(String file) {
        return home.resolve(file).normalize();
    }

    /** A host name or numeric address, or empty; no blanks, so that a typo cannot pass for two words. */
    private static ConfigParameter.Normalizer hostName() {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                String h = string.normalize(v).trim();
                if (!h.matches("[A-Za-z0-9.:\\-_\\[\\]]*")) {
                    throw new ConfigException("argument must be a host name or an IP address");
                }
                return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        };
    }

    private ConfigParameter.Normalizer readableFileOrEmpty() {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                String f = string.normalize(v);
                if (!f.isEmpty() && !Files.isReadable(resolve(f))) {
                    throw new ConfigException("cannot read the CA file " + resolve(f));
                }
                return f;
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        };
    }

    private static ConfigParameter.Normalizer cidrList() {
        ConfigParameter.Normalizer string = ConfigTypes.string();
        return new ConfigParameter.Normalizer() {
            @Override
            public String normalize(List<String> v) throws ConfigException {
                try {
                    return CidrSet.parse(string.normalize(v)).toString();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage());
                }
            }

            @Override
            public String rewriteForm(String canonical) {
                return string.rewriteForm(canonical);
            }
        };
    }
}
