package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * INFO commandstats, errorstats and latencystats, from {@link ServerStats}. A command appears once
 * it has been called, rejected or has failed; a container's subcommands appear as {@code config|get}.
 */
final class CommandStatsSections {
    private static final double[] PERCENTILES = {50, 99, 99.9};

    private final ServerContext server;

    CommandStatsSections(ServerContext server) {
        this.server = server;
    }

    void commandStats(InfoText out) {
        out.section("Commandstats");
        ServerStats s = server.stats();
        for (CommandSpec spec : server.commands().allSpecs()) {
            int id = spec.id();
            if (s.calls[id] == 0 && s.failedCalls[id] == 0 && s.rejectedCalls[id] == 0) {
                continue;
            }
            double perCall = s.calls[id] == 0 ? 0 : (double) s.usec[id] / s.calls[id];
            out.field("cmdstat_" + spec.fullName(), "calls=" + s.calls[id] + ",usec=" + s.usec[id]
                    + ",usec_per_call=" + InfoText.twoDecimals(perCall)
                    + ",rejected_calls=" + s.rejectedCalls[id] + ",failed_calls=" + s.failedCalls[id]);
        }
    }

    /** Error codes in byte order, as Redis's radix tree yields them. */
    void errorStats(InfoText out) {
        out.section("Errorstats");
        for (Map.Entry<String, Long> e : new TreeMap<>(server.stats().errorsByCode).entrySet()) {
            out.field("errorstat_" + e.getKey(), "count=" + e.getValue());
        }
    }

    void latencyStats(InfoText out) {
        out.section("Latencystats");
        ServerStats s = server.stats();
        for (CommandSpec spec : server.commands().allSpecs()) {
            LatencyHistogram h = s.latency[spec.id()];
            if (h == null || h.count() == 0) {
                continue;
            }
            StringBuilder v = new StringBuilder();
            for (double p : PERCENTILES) {
                if (v.length() > 0) {
                    v.append(',');
                }
                v.append('p').append(percentileName(p)).append('=')
                        .append(String.format(Locale.ROOT, "%.3f", h.valueAt(p) / 1000.0));
            }
            out.field("latency_percentiles_usec_" + spec.fullName(), v.toString());
        }
    }

    /** 50 → "50", 99.9 → "99.9", as Redis trims the zeros of {@code %f}. */
    private static String percentileName(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
