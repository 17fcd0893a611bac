package io.redoubt.dataplane;

import java.util.Arrays;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One client's CLIENT TRACKING mode: on or off, its options, where its invalidations go and, in BCAST
 * mode, its prefixes (kept in byte order, the order Redis lists them in). Changed only by
 * {@link KeyTracking}, on the shard's thread. The redirect id stays after TRACKING OFF, as in Redis,
 * but is reported only while tracking is on.
 */
final class ClientTracking {
    private boolean on;
    private boolean bcast;
    private boolean optIn;
    private boolean optOut;
    private boolean noLoop;
    private boolean caching;       // CLIENT CACHING YES (OPTIN) or NO (OPTOUT) for the next command
    private boolean brokenRedirect;
    private long redirect;
    private final NavigableSet<byte[]> prefixes = new TreeSet<>(Arrays::compareUnsigned);

    boolean on() {
        return on;
    }

    boolean bcast() {
        return bcast;
    }

    boolean optIn() {
        return optIn;
    }

    boolean optOut() {
        return optOut;
    }

    boolean noLoop() {
        return noLoop;
    }

    boolean caching() {
        return caching;
    }

    void caching(boolean given) {
        this.caching = given;
    }

    boolean brokenRedirect() {
        return brokenRedirect;
    }

    void redirectBroken() {
        this.brokenRedirect = true;
    }

    /** The client id invalidations go to, 0 for none; -1 while tracking is off (CLIENT GETREDIR). */
    long redirect() {
        return on ? redirect : -1;
    }

    long redirectTarget() {
        return redirect;
    }

    NavigableSet<byte[]> prefixes() {
        return prefixes;
    }

    /**
     * Redis's enableTracking: the options replace the previous ones (BCAST prefixes add to those
     * already held), and a broken redirect is forgotten.
     */
    void enable(long redirectTo, boolean bcast, boolean optIn, boolean optOut, boolean noLoop) {
        this.on = true;
        this.redirect = redirectTo;
        this.brokenRedirect = false;
        this.bcast = bcast;
        this.optIn = optIn;
        this.optOut = optOut;
        this.noLoop = noLoop;
    }

    void disable() {
        on = false;
        bcast = false;
        optIn = false;
        optOut = false;
        noLoop = false;
        caching = false;
        brokenRedirect = false;
        prefixes.clear();
    }

    /**
     * Whether the keys of the command that just ran are remembered for this client: always in the
     * default mode, in OPTIN mode only after CLIENT CACHING YES, in OPTOUT mode unless after CLIENT
     * CACHING NO.
     */
    boolean remembersKeys() {
        return !((optIn && !caching) || (optOut && caching));
    }

    /** CLIENT LIST's tracking flags, in Redis's order: t, then R, then B. */
    void appendFlags(StringBuilder flags) {
        if (on) {
            flags.append('t');
        }
        if (brokenRedirect) {
            flags.append('R');
        }
        if (bcast) {
            flags.append('B');
        }
    }
}
