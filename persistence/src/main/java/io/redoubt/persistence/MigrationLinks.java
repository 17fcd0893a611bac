package io.redoubt.persistence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * MIGRATE's open connections, one per target {@code host:port} as given, as Redis's
 * migrate_cached_sockets: at most 64 (a new one closes one at random), each closed once unused for
 * more than 10 seconds ({@link #closeIdle}, called once a second) or after an I/O error.
 */
public final class MigrationLinks implements AutoCloseable {
    static final int MAX_LINKS = 64;
    static final long IDLE_SECONDS = 10;

    private final Map<String, MigrationLink> links = new LinkedHashMap<>();

    /** The cached connection to {@code host:port}, or a new one connected before the deadline. */
    synchronized MigrationLink get(String host, String port, long nowSeconds, long deadlineNanos)
            throws IOException {
        String name = host + ":" + port;
        MigrationLink link = links.get(name);
        if (link == null) {
            if (links.size() >= MAX_LINKS) {
                List<String> names = new ArrayList<>(links.keySet());
                links.remove(names.get(ThreadLocalRandom.current().nextInt(names.size()))).close();
            }
            int portNumber = atoi(port);
            if (portNumber < 0 || portNumber > 65535) {
                link = MigrationLink.unreachable("no such port " + port);
            } else {
                InetSocketAddress address = new InetSocketAddress(resolve(host, deadlineNanos), portNumber);
                link = MigrationLink.connect(address, deadlineNanos);
            }
            links.put(name, link);
        }
        link.used(nowSeconds);
        return link;
    }

    /**
     * The target's address, looked up on a virtual thread so that a slow name server holds the shard's
     * thread no longer than the deadline (Redis waits for getaddrinfo); a failure is Redis's
     * "error or timeout connecting".
     */
    private static InetAddress resolve(String host, long deadlineNanos) throws IOException {
        FutureTask<InetAddress> lookup = new FutureTask<>(() -> InetAddress.getByName(host));
        Thread.ofVirtual().name("migrate-resolve").start(lookup);
        try {
            return lookup.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            lookup.cancel(true);
            throw new IOException("cannot resolve target host " + host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted resolving " + host, e);
        }
    }

    /** Closes and forgets the connection to {@code host:port}, if any (after an I/O error). */
    synchronized void drop(String host, String port) {
        MigrationLink link = links.remove(host + ":" + port);
        if (link != null) {
            link.close();
        }
    }

    /** Closes the connections unused for more than 10 seconds (Redis's migrateCloseTimedoutSockets). */
    public synchronized void closeIdle(long nowSeconds) {
        for (Iterator<MigrationLink> it = links.values().iterator(); it.hasNext(); ) {
            MigrationLink link = it.next();
            if (nowSeconds - link.lastUseSeconds() > IDLE_SECONDS) {
                link.close();
                it.remove();
            }
        }
    }

    /** How many connections are open (for INFO-like checks and tests). */
    public synchronized int size() {
        return links.size();
    }

    @Override
    public synchronized void close() {
        links.values().forEach(MigrationLink::close);
        links.clear();
    }

    /** C's atoi, as Redis reads MIGRATE's port: leading digits, anything else 0. */
    static int atoi(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && value < Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return (int) Math.min(Integer.MAX_VALUE, negative ? -value : value);
    }
}
