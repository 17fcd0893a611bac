package io.redoubt.dataplane;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis's defence against cross-protocol scripting ({@code securityWarningCommand}): a web page can make
 * a browser POST to the data port, and the HTTP request's lines would then run as inline commands
 * ({@code SET}, {@code CONFIG SET} ... in the body). A request named {@code POST} or {@code Host:} is
 * therefore never a command: the connection is closed at once, before authentication and before
 * anything else on it runs, with nothing more sent back. The log line is Redis's, at most once a
 * minute as in Redis (an attacker must not flood the log); each attempt is a security event.
 */
public final class CrossProtocolGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CrossProtocolGuard.class);
    private static final byte[] POST = "post".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST = "host:".getBytes(StandardCharsets.US_ASCII);
    private static final long LOG_INTERVAL_MILLIS = 60_000;
    static final String WARNING = "Possible SECURITY ATTACK detected. It looks like somebody is sending POST or "
            + "Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol "
            + "Scripting to compromise your Redis instance. Connection aborted.";

    private long loggedAtMillis = Long.MIN_VALUE / 2;

    /** Whether the request's name is {@code POST} or {@code Host:} (any case), the first line of an HTTP request or one of its headers. */
    public static boolean looksLikeHttp(byte[][] argv) {
        if (argv.length == 0) {
            return false;
        }
        byte[] name = argv[0];
        return name.length == POST.length && equalsIgnoreAsciiCase(name, POST)
                || name.length == HOST.length && equalsIgnoreAsciiCase(name, HOST);
    }

    private static boolean equalsIgnoreAsciiCase(byte[] given, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            byte b = given[i];
            if (b >= 'A' && b <= 'Z') {
                b = (byte) (b + ('a' - 'A'));
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Logs (rate-limited) and reports the attempt; the caller closes the connection. Shard thread only. */
    void refuse(Session session, byte[][] argv, AuditEvents audit, long nowMillis) {
        if (Math.abs(nowMillis - loggedAtMillis) > LOG_INTERVAL_MILLIS) {
            LOG.warn(WARNING);
            loggedAtMillis = nowMillis;
        }
        String name = argv[0].length == POST.length ? "POST" : "Host:";
        audit.possibleAttack(session.address(), "cross-protocol scripting: " + name
                + " sent as a command (an HTTP request on the data port); connection aborted");
    }
}
