package io.redoubt.dataplane;

import io.redoubt.resp.RespLimits;

/**
 * Connection-level settings a running endpoint reads; replaced as a whole on CONFIG SET.
 *
 * @param maxClients                {@code maxclients}
 * @param idleTimeoutSecs           {@code timeout}: close clients idle this long (0: never)
 * @param limits                    protocol limits applied by each connection's parser
 * @param authTimeoutSecs           {@code auth-timeout}: close a connection that has not authenticated
 *                                  this long after connecting, when authentication is required (0: never)
 * @param maxUnauthenticatedPercent {@code maxclients-unauthenticated-percent}: the share of
 *                                  {@code maxclients} that connections not yet authenticated may take
 */
public record EndpointSettings(int maxClients, long idleTimeoutSecs, RespLimits limits, long authTimeoutSecs,
                               int maxUnauthenticatedPercent) {

    public static final EndpointSettings DEFAULT = new EndpointSettings(10000, 0, RespLimits.DEFAULT, 10, 50);

    public EndpointSettings {
        if (maxUnauthenticatedPercent < 1 || maxUnauthenticatedPercent > 100) {
            throw new IllegalArgumentException("maxclients-unauthenticated-percent must be 1 to 100");
        }
    }

    public EndpointSettings withMaxClients(int v) {
        return new EndpointSettings(v, idleTimeoutSecs, limits, authTimeoutSecs, maxUnauthenticatedPercent);
    }

    public EndpointSettings withIdleTimeoutSecs(long v) {
        return new EndpointSettings(maxClients, v, limits, authTimeoutSecs, maxUnauthenticatedPercent);
    }

    public EndpointSettings withLimits(RespLimits v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, v, authTimeoutSecs, maxUnauthenticatedPercent);
    }

    public EndpointSettings withAuthTimeoutSecs(long v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, v, maxUnauthenticatedPercent);
    }

    public EndpointSettings withMaxUnauthenticatedPercent(int v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, authTimeoutSecs, v);
    }
}
