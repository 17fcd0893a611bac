package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;

/**
 * What the endpoint observes about the commands it runs, and the server-wide client controls: the
 * slow log, the latency monitor, the MONITOR feed and CLIENT PAUSE. The dispatcher reports every
 * executed command here once ({@link #afterCommand}); the command families read and reset it.
 */
public final class ServerDiagnostics {
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private final InstantSource clock;
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latency = new LatencyMonitor();
    private final MonitorFeed monitors = new MonitorFeed();
    private final ClientPause pause;
    private volatile OutputBufferLimits outputLimits = OutputBufferLimits.DEFAULT;

    public ServerDiagnostics(InstantSource clock) {
        this.clock = clock;
        this.pause = new ClientPause(clock);
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public LatencyMonitor latency() {
        return latency;
    }

    public MonitorFeed monitors() {
        return monitors;
    }

    public ClientPause pause() {
        return pause;
    }

    /** {@code client-output-buffer-limit}; safe to replace from any thread. */
    public OutputBufferLimits outputLimits() {
        return outputLimits;
    }

    public void outputLimits(OutputBufferLimits limits) {
        this.outputLimits = limits;
    }

    /** Called by the dispatcher after every executed command, with its duration. */
    void afterCommand(Session session, CommandSpec spec, byte[][] argv, long micros) {
        boolean slow = slowLog.wants(micros) && !spec.has(CommandFlag.SKIP_SLOWLOG);
        boolean monitored = !monitors.isEmpty() && !spec.has(CommandFlag.ADMIN) && !spec.has(CommandFlag.SKIP_MONITOR);
        long millis = micros / 1000;
        if (latency.thresholdMillis() > 0 && millis >= latency.thresholdMillis()) {
            latency.addSampleIfNeeded(spec.has(CommandFlag.FAST) ? "fast-command" : "command", millis,
                    clock.millis() / 1000);
        }
        if (!slow && !monitored) {
            return;
        }
        byte[][] shown = redact(spec, argv, session.server().config());
        if (slow) {
            slowLog.add(shown, clock.millis() / 1000, micros, session.address(), session.name());
        }
        if (monitored) {
            Instant now = clock.instant();
            monitors.feed(session, session.dbIndex(), shown, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        }
    }

    /**
     * Redis hides passwords from the slow log and MONITOR: AUTH's arguments, HELLO's after AUTH, ACL
     * SETUSER's, and CONFIG SET's values of sensitive parameters.
     */
    static byte[][] redact(CommandSpec spec, byte[][] argv, io.redoubt.engine.config.ConfigRegistry config) {
        String name = spec.fullName();
        if (name.equals("config|set")) {
            byte[][] copy = argv;
            for (int i = 2; i + 1 < argv.length; i += 2) {
                io.redoubt.engine.config.ConfigParameter p = config.parameter(
                        new String(argv[i], StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT));
                if (p != null && p.sensitive()) {
                    copy = copy == argv ? argv.clone() : copy;
                    copy[i + 1] = REDACTED; // the value of a sensitive parameter (requirepass), as Redis
                }
            }
            return copy;
        }
        if (name.equals("auth")) {
            byte[][] copy = argv.clone();
            for (int i = 1; i < copy.length; i++) {
                copy[i] = REDACTED;
            }
            return copy;
        }
        if (name.equals("acl|setuser")) {
            byte[][] copy = argv.clone();
            for (int i = 2; i < copy.length; i++) {
                copy[i] = REDACTED; // the user name and every rule, as Redis hides them
            }
            return copy;
        }
        if (name.equals("hello") || name.equals("migrate")) {
            byte[][] copy = null;
            for (int i = 1; i < argv.length; i++) {
                String a = new String(argv[i], StandardCharsets.ISO_8859_1);
                int hidden = a.equalsIgnoreCase("AUTH") ? (name.equals("hello") ? 2 : 1)
                        : a.equalsIgnoreCase("AUTH2") ? 2 : 0;
                for (int j = 1; j <= hidden && i + j < argv.length; j++) {
                    if (copy == null) {
                        copy = argv.clone();
                    }
                    copy[i + j] = REDACTED;
                }
                i += hidden;
            }
            return copy == null ? argv : copy;
        }
        return argv;
    }
}
