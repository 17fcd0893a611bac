package io.redoubt.dataplane;

import io.redoubt.resp.RespLimits;

/**
 * Connection-level settings a running endpoint reads; replaced as a whole on CONFIG SET.
 *
 * @param maxClients      {@code maxclients}
 * @param idleTimeoutSecs {@code timeout}: close clients idle this long (0: never)
 * @param limits          protocol limits applied by each connection's parser
 */
public record EndpointSettings(int maxClients, long idleTimeoutSecs, RespLimits limits) {

    public static final EndpointSettings DEFAULT = new EndpointSettings(10000, 0, RespLimits.DEFAULT);

    public EndpointSettings withMaxClients(int v) {
        return new EndpointSettings(v, idleTimeoutSecs, limits);
    }

    public EndpointSettings withIdleTimeoutSecs(long v) {
        return new EndpointSettings(maxClients, v, limits);
    }

    public EndpointSettings withLimits(RespLimits v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, v);
    }
}
