package io.redoubt.dataplane;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.resp.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO: client-side caching's commands, with Redis
 * 7.0's option checks in Redis's order and its error texts. The table and the invalidations are
 * {@link KeyTracking}'s.
 */
final class ClientTrackingCommands {
    private final ServerContext server;

    ClientTrackingCommands(ServerContext server) {
        this.server = server;
    }

    /** Adds the four subcommands to CLIENT, built with {@code sub} (CLIENT's common flags); returns CLIENT. */
    CommandSpec.Builder addTo(CommandSpec.Builder client,
                              java.util.function.BiFunction<String, Integer, CommandSpec.Builder> sub) {
        return client.sub(sub.apply("tracking", -3).since("6.0.0")
                        .complexity("O(1). Some options may introduce additional complexity.")
                        .args("status:oneof(ON OFF) client-id:integer=REDIRECT? prefix:string=PREFIX?*+ BCAST? OPTIN? "
                                + "OPTOUT? NOLOOP?")
                        .summary("Enable or disable server assisted client side caching support")
                        .handler(this::tracking))
                .sub(sub.apply("caching", 3).since("6.0.0").args("mode:oneof(YES NO)")
                        .summary("Instruct the server about tracking or not keys in the next request")
                        .handler(this::caching))
                .sub(sub.apply("getredir", 2).since("6.0.0")
                        .summary("Get tracking notifications redirection client ID if any")
                        .handler(ctx -> ctx.reply().integer(((Session) ctx).tracking().redirect())))
                .sub(sub.apply("trackinginfo", 2).since("6.2.0")
                        .summary("Return information about server assisted client side caching for the current connection")
                        .handler(this::trackingInfo));
    }

    /** CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP]. */
    private void tracking(CommandContext ctx) {
        Session s = (Session) ctx;
        byte[][] argv = ctx.argv();
        long redirect = 0;
        boolean bcast = false;
        boolean optIn = false;
        boolean optOut = false;
        boolean noLoop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int j = 3; j < argv.length; j++) {
            boolean more = j < argv.length - 1;
            if (Args.is(argv[j], "REDIRECT") && more) {
                j++;
                if (redirect != 0) {
                    throw new CommandException("ERR A client can only redirect to a single other client");
                }
                Long id = Args.parseLongOrNull(argv[j]);
                if (id == null) {
                    throw new CommandException(Errors.NOT_INTEGER);
                }
                // the client must exist now, though it may go away later: still a useful check (Redis's words)
                if (server.clients().byId(id) == null) {
                    throw new CommandException("ERR The client ID you want redirect to does not exist");
                }
                redirect = id;
            } else if (Args.is(argv[j], "BCAST")) {
                bcast = true;
            } else if (Args.is(argv[j], "OPTIN")) {
                optIn = true;
            } else if (Args.is(argv[j], "OPTOUT")) {
                optOut = true;
            } else if (Args.is(argv[j], "NOLOOP")) {
                noLoop = true;
            } else if (Args.is(argv[j], "PREFIX") && more) {
                prefixes.add(argv[++j]);
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        KeyTracking tracking = server.tracking();
        if (Args.is(argv[2], "ON")) {
            checkCompatible(s.tracking(), bcast, optIn, optOut, prefixes);
            tracking.enable(s, redirect, bcast, optIn, optOut, noLoop, prefixes);
        } else if (Args.is(argv[2], "OFF")) {
            tracking.disable(s);
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        ctx.reply().ok();
    }

    /** The checks of Redis's CLIENT TRACKING ON, in its order, against the options and the current mode. */
    private static void checkCompatible(ClientTracking current, boolean bcast, boolean optIn, boolean optOut,
                                        List<byte[]> prefixes) {
        if (!bcast && !prefixes.isEmpty()) {
            throw new CommandException("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (current.on() && current.bcast() != bcast) {
            throw new CommandException("ERR You can't switch BCAST mode on/off before disabling tracking for "
                    + "this client, and then re-enabling it with a different mode.");
        }
        if (bcast && (optIn || optOut)) {
            throw new CommandException("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (optIn && optOut) {
            throw new CommandException("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if ((optIn && current.optOut()) || (optOut && current.optIn())) {
            throw new CommandException("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for "
                    + "this client, and then re-enabling it with a different mode.");
        }
        if (bcast) {
            checkPrefixCollisions(current, prefixes);
        }
    }

    /**
     * Two prefixes of one client collide when one starts with the other: a key under both would be
     * announced twice. Redis 7.0 answers a collision between two given prefixes after the first
     * with the error and then OK, enabling them anyway (a bug, fixed in later versions); Redoubt
     * answers the error alone and enables nothing.
     */
    private static void checkPrefixCollisions(ClientTracking current, List<byte[]> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            byte[] p = prefixes.get(i);
            for (byte[] existing : current.prefixes()) {
                if (overlap(existing, p)) {
                    throw new CommandException("ERR Prefix '" + Args.text(p) + "' overlaps with an existing prefix '"
                            + Args.text(existing) + "'. Prefixes for a single client must not overlap.");
                }
            }
            for (int j = i + 1; j < prefixes.size(); j++) {
                if (overlap(p, prefixes.get(j))) {
                    throw new CommandException("ERR Prefix '" + Args.text(p) + "' overlaps with another provided prefix '"
                            + Args.text(prefixes.get(j)) + "'. Prefixes for a single client must not overlap.");
                }
            }
        }
    }

    private static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    /** CLIENT CACHING YES|NO: applies to the next command (or transaction) only. */
    private void caching(CommandContext ctx) {
        ClientTracking t = ((Session) ctx).tracking();
        if (!t.on()) {
            throw new CommandException("ERR CLIENT CACHING can be called only when the client is in tracking mode "
                    + "with OPTIN or OPTOUT mode enabled");
        }
        byte[] mode = ctx.argv()[2];
        if (Args.is(mode, "YES")) {
            if (!t.optIn()) {
                throw new CommandException("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (Args.is(mode, "NO")) {
            if (!t.optOut()) {
                throw new CommandException("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        t.caching(true);
        ctx.reply().ok();
    }

    /** CLIENT TRACKINGINFO: flags (a set), redirect, prefixes, as Redis lists them. */
    private void trackingInfo(CommandContext ctx) {
        ClientTracking t = ((Session) ctx).tracking();
        List<String> flags = new ArrayList<>();
        flags.add(t.on() ? "on" : "off");
        if (t.bcast()) {
            flags.add("bcast");
        }
        if (t.optIn()) {
            flags.add("optin");
            if (t.caching()) {
                flags.add("caching-yes");
            }
        }
        if (t.optOut()) {
            flags.add("optout");
            if (t.caching()) {
                flags.add("caching-no");
            }
        }
        if (t.noLoop()) {
            flags.add("noloop");
        }
        if (t.brokenRedirect()) {
            flags.add("broken_redirect");
        }
        var r = ctx.reply();
        r.map(3);
        r.bulk("flags");
        r.set(flags.size());
        for (String f : flags) {
            r.bulk(f);
        }
        r.bulk("redirect");
        r.integer(t.redirect());
        r.bulk("prefixes");
        r.array(t.prefixes().size());
        for (byte[] p : t.prefixes()) {
            r.bulk(p);
        }
    }
}
