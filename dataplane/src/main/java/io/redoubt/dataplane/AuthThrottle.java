package io.redoubt.dataplane;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * Brute-force protection (Redis has none): after {@code maxFailures} failed AUTH or HELLO AUTH
 * attempts from one client source within {@code windowMillis}, further attempts from that source
 * are refused for {@code lockoutMillis}. A source is an IPv4 address, or the /64 network of an IPv6
 * address (one host usually holds a whole /64, so counting single IPv6 addresses would let it try
 * without limit); an IPv4-mapped IPv6 address counts as its IPv4 address. Other sources and
 * connections already authenticated are not affected. {@code maxFailures == 0} turns it off. A
 * success does not clear earlier failures, so a valid account cannot reset an attacker's count.
 *
 * <p>Invariant: at most {@code maxTracked} sources are remembered, and a flood of new sources never
 * makes it forget a locked one: when the table is full, sources whose lock has ended go first, then
 * the source whose latest failure is the oldest among those not locked out. When every remembered
 * source is locked, the failures of sources it has no room for count together in one shared record,
 * which locks them out together: under such a flood a new source may be refused, but no attacker is
 * forgotten. Each attempt costs amortized constant time (no scan of the table), so a flood cannot
 * turn it into a CPU drain either.
 */
public final class AuthThrottle {
    /** How many sources are tracked at most unless {@code auth-tracked-sources} says otherwise. */
    public static final int DEFAULT_MAX_TRACKED = 100_000;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Settings, validated by the node's configuration. */
    public record Settings(int maxFailures, long windowMillis, long lockoutMillis) {
        public static final Settings DEFAULT = new Settings(10, 60_000, 60_000);
    }

    private static final class Record {
        long windowStart;
        int failures;
        long lockedUntil;

        Record(long now) {
            this.windowStart = now;
        }
    }

    private final InstantSource clock;
    private int maxTracked;
    /** Sources with failures and no lock, in order of their latest failure (oldest first). */
    private final LinkedHashMap<String, Record> counting = new LinkedHashMap<>();
    /** Locked-out sources, in the order they were locked: those whose lock ended first come first. */
    private final LinkedHashMap<String, Record> locked = new LinkedHashMap<>();
    /** The failures of sources there was no room for (see the class comment). */
    private final Record overflow = new Record(0);
    private volatile Settings settings = Settings.DEFAULT;

    AuthThrottle(InstantSource clock) {
        this(clock, DEFAULT_MAX_TRACKED);
    }

    AuthThrottle(InstantSource clock, int maxTracked) {
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    public void settings(Settings s) {
        this.settings = s;
    }

    public Settings settings() {
        return settings;
    }

    /** {@code auth-tracked-sources}: a smaller bound takes effect as new sources need room. */
    public synchronized void maxTracked(int sources) {
        this.maxTracked = Math.max(1, sources);
    }

    /** Whether an attempt from {@code host} (an IP address as text) must be refused now. */
    synchronized boolean refused(String host) {
        if (settings.maxFailures() == 0) {
            return false;
        }
        return lockedUntil(sourceOf(host)) > clock.millis();
    }

    /** Seconds until {@code host} may try again (for the error text). */
    synchronized long secondsLeft(String host) {
        long until = lockedUntil(sourceOf(host));
        if (until == 0) {
            return 0;
        }
        return Math.max(1, (until - clock.millis() + 999) / 1000);
    }

    private long lockedUntil(String source) {
        Record r = locked.get(source);
        if (r != null) {
            return r.lockedUntil;
        }
        return counting.containsKey(source) ? 0 : overflow.lockedUntil;
    }

    synchronized void failed(String host) {
        Settings s = settings;
        if (s.maxFailures() == 0) {
            return;
        }
        long now = clock.millis();
        String source = sourceOf(host);
        Record r = locked.get(source);
        if (r != null) {
            if (r.lockedUntil > now) {
                return; // still locked out: further attempts do not extend the lock
            }
            locked.remove(source); // the lock ended: the source starts counting again
            r = null;
        }
        if (r == null) {
            r = counting.remove(source); // put back below: the latest failure goes last
        }
        if (r == null) {
            if (!makeRoom(now)) {
                count(overflow, now, s);
                return;
            }
            r = new Record(now);
        }
        count(r, now, s);
        (r.lockedUntil > now ? locked : counting).put(source, r);
    }

    /** How many sources are remembered. */
    synchronized int tracked() {
        return counting.size() + locked.size();
    }

    private static void count(Record r, long now, Settings s) {
        if (r.lockedUntil > now) {
            return;
        }
        if (now - r.windowStart >= s.windowMillis()) {
            r.windowStart = now;
            r.failures = 0;
        }
        r.failures++;
        if (r.failures >= s.maxFailures()) {
            r.lockedUntil = now + s.lockoutMillis();
            r.failures = 0;
            r.windowStart = r.lockedUntil;
        }
    }

    /**
     * Whether there is room for one more source, after dropping, if the table is full, the locks
     * that have ended (they are at the head of {@link #locked}), else the counting source whose
     * latest failure is the oldest. Never drops a source that is locked out.
     */
    private boolean makeRoom(long now) {
        Iterator<Record> ended = locked.values().iterator();
        while (tracked() >= maxTracked && ended.hasNext()) {
            if (ended.next().lockedUntil > now) {
                break;
            }
            ended.remove();
        }
        Iterator<Record> oldest = counting.values().iterator();
        while (tracked() >= maxTracked && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return tracked() < maxTracked;
    }

    /**
     * The source {@code host} counts as: an IPv4 address as itself, an IPv6 address as its /64
     * network, an IPv4-mapped IPv6 address as the IPv4 address; anything that is not an IP literal
     * (a Unix socket) as itself. Never a DNS lookup: only literals are parsed.
     */
    static String sourceOf(String host) {
        InetAddress address = literal(host);
        if (address instanceof Inet4Address v4) {
            return v4.getHostAddress();
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return host;
    }

    private static InetAddress literal(String host) {
        int zone = host.indexOf('%');
        String address = zone >= 0 ? host.substring(0, zone) : host; // a link-local zone is not the address
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = address.indexOf(':') >= 0 && IPV6.matcher(address).matches();
        if (!v4 && !v6) {
            return null; // not a literal: getByName would look it up in DNS
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
