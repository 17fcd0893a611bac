package io.redoubt.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context a listener's channel initializer reads for each new connection, replaceable while
 * running. A replacement (new settings from CONFIG SET, or files changed on disk) is built and checked
 * completely before it is swapped in; if it fails, the current context stays and the reason is
 * reported. Connections already open keep the context they were made with. Also warns, once a day,
 * about loaded certificates that expire within 30 days.
 *
 * <p>Thread-safe: the reference is atomic and reloads are serialized.
 */
public final class ReloadableTlsContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableTlsContext.class);
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    static final Duration WARNING_REPEAT = Duration.ofDays(1);

    /** What happened to a reload: for the log and, later, the security-event log. */
    public record ReloadOutcome(String trigger, boolean applied, String reason, TlsServerContext context) {
    }

    private final AtomicReference<TlsServerContext> current = new AtomicReference<>();
    private final Predicate<String> userEnabled;
    private final InstantSource clock;
    private Map<Path, String> fingerprints = Map.of();
    private Instant lastExpiryWarning;
    private volatile ReloadOutcome lastOutcome;
    private volatile java.util.function.Consumer<ReloadOutcome> outcomeListener = outcome -> { };
    private long reloads;
    private ScheduledExecutorService watcher;

    private ReloadableTlsContext(Predicate<String> userEnabled, InstantSource clock) {
        this.userEnabled = userEnabled;
        this.clock = clock;
    }

    /** Builds the first context; an error here stops the listener from starting. */
    public static ReloadableTlsContext start(TlsSettings settings, Predicate<String> userEnabled, InstantSource clock)
            throws TlsConfigException {
        ReloadableTlsContext r = new ReloadableTlsContext(userEnabled, clock);
        r.current.set(TlsServerContext.build(settings, userEnabled, clock.instant()));
        r.fingerprints = fingerprints(settings);
        r.warnIfExpiring();
        return r;
    }

    /** The context new connections use. */
    public TlsServerContext current() {
        return current.get();
    }

    public ReloadOutcome lastOutcome() {
        return lastOutcome;
    }

    /** Told every reload's outcome after it is logged (the node's security-event log listens). */
    public void onOutcome(java.util.function.Consumer<ReloadOutcome> listener) {
        this.outcomeListener = listener;
    }

    public synchronized long reloads() {
        return reloads;
    }

    /**
     * Replaces the context with one built from {@code settings} (CONFIG SET). Throws, leaving the
     * current context in place, when the new one cannot be built.
     */
    public synchronized void reload(TlsSettings settings, String trigger) throws TlsConfigException {
        try {
            TlsServerContext next = TlsServerContext.build(settings, userEnabled, clock.instant());
            current.set(next);
            fingerprints = fingerprints(settings);
            reloads++;
            reported(new ReloadOutcome(trigger, true, "", next));
            warnIfExpiring();
        } catch (TlsConfigException e) {
            reported(new ReloadOutcome(trigger, false, e.getMessage(), current.get()));
            throw e;
        }
    }

    /** Rebuilds the context when one of its files changed on disk; returns whether it reloaded. */
    public synchronized boolean reloadIfFilesChanged() {
        TlsSettings settings = current.get().settings();
        Map<Path, String> now = fingerprints(settings);
        if (now.equals(fingerprints)) {
            return false;
        }
        fingerprints = now; // a broken file is reported once, not at every poll
        try {
            reload(settings, "files changed on disk");
            return true;
        } catch (TlsConfigException e) {
            return false;
        }
    }

    /**
     * The one place a reload's outcome is reported: a log line, then the outcome listener (the
     * security-event log).
     */
    private void reported(ReloadOutcome outcome) {
        lastOutcome = outcome;
        if (outcome.applied()) {
            LoadedCertificate server = outcome.context().certificates().get(0);
            LOG.info("TLS certificates reloaded ({}): server certificate subject '{}' serial {} expires {}",
                    outcome.trigger(), server.subject(), server.serial(), server.notAfter());
        } else {
            LOG.warn("TLS reload rejected ({}), keeping the certificates in use: {}", outcome.trigger(),
                    outcome.reason());
        }
        outcomeListener.accept(outcome);
    }

    /** Logs the certificates that expire within 30 days, at most once a day; returns those it logged. */
    public synchronized java.util.List<LoadedCertificate> warnIfExpiring() {
        Instant now = clock.instant();
        if (lastExpiryWarning != null && now.isBefore(lastExpiryWarning.plus(WARNING_REPEAT))) {
            return java.util.List.of();
        }
        java.util.List<LoadedCertificate> expiring = new java.util.ArrayList<>();
        for (LoadedCertificate c : current.get().certificates()) {
            if (c.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
                long days = Duration.between(now, c.notAfter()).toDays();
                LOG.warn("TLS {} certificate '{}' (serial {}) expires on {}, in {} days: replace it", c.role(),
                        c.subject(), c.serial(), c.notAfter(), days);
                expiring.add(c);
            }
        }
        if (!expiring.isEmpty()) {
            lastExpiryWarning = now;
        }
        return expiring;
    }

    /**
     * Polls the files every {@code interval} and checks expiry with each poll; a zero interval polls
     * no files, and expiry is then checked hourly (it is logged at most daily either way).
     */
    public synchronized void watch(Duration interval) {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        boolean files = !interval.isZero() && !interval.isNegative();
        long period = files ? interval.toMillis() : Duration.ofHours(1).toMillis();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redoubt-tls-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                if (files) {
                    reloadIfFilesChanged();
                }
                warnIfExpiring();
            } catch (RuntimeException e) {
                LOG.error("TLS file check failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    /** A content hash per watched file (the CA folder's files included); missing files hash as "missing". */
    private static Map<Path, String> fingerprints(TlsSettings s) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path p : s.watchedPaths()) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.put(f, hash(f));
                    }
                } catch (IOException e) {
                    out.put(p, "unreadable");
                }
            } else {
                out.put(p, hash(p));
            }
        }
        return out;
    }

    private static String hash(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            return "missing";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
