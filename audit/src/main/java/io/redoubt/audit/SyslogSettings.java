package io.redoubt.audit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where remote syslog goes: {@code transport} to {@code host:port}, streams framed by {@code framing}
 * (TLS always uses octet counting, RFC 5425), TLS trusting the CAs in {@code caFile} (null: the JDK's
 * defaults). An empty host means remote syslog is off.
 */
public record SyslogSettings(Transport transport, String host, int port, Framing framing, Path caFile) {
    /** udp, tcp or tls. */
    public enum Transport {
        UDP, TCP, TLS;

        public static Transport byName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public static final SyslogSettings OFF = new SyslogSettings(Transport.TCP, "", 0, Framing.OCTET_COUNTING, null);

    public boolean enabled() {
        return !host.isEmpty() && port > 0;
    }
}
