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
 * @param protectedMode             {@code protected-mode}: while the default user needs no password,
 *                                  only loopback clients are served
 * @param debugCommand              {@code enable-debug-command}: who may run DEBUG
 * @param moduleCommand             {@code enable-module-command}: who may run MODULE LOAD/UNLOAD
 */
public record EndpointSettings(int maxClients, long idleTimeoutSecs, RespLimits limits, long authTimeoutSecs,
                               int maxUnauthenticatedPercent, boolean protectedMode, Allowed debugCommand,
                               Allowed moduleCommand) {

    /** Redis's yes / local / no for commands that are off by default: for every client, loopback clients only, none. */
    public enum Allowed {
        YES, LOCAL, NO;

        public static Allowed parse(String word) {
            return switch (word) {
                case "yes" -> YES;
                case "local" -> LOCAL;
                case "no" -> NO;
                default -> throw new IllegalArgumentException("expected yes, local or no: " + word);
            };
        }

        boolean permits(boolean localClient) {
            return this == YES || (this == LOCAL && localClient);
        }
    }

    public static final EndpointSettings DEFAULT = new EndpointSettings(10000, 0, RespLimits.DEFAULT, 10, 50, true,
            Allowed.NO, Allowed.NO);

    public EndpointSettings {
        if (maxUnauthenticatedPercent < 1 || maxUnauthenticatedPercent > 100) {
            throw new IllegalArgumentException("maxclients-unauthenticated-percent must be 1 to 100");
        }
    }

    public EndpointSettings withMaxClients(int v) {
        return new EndpointSettings(v, idleTimeoutSecs, limits, authTimeoutSecs, maxUnauthenticatedPercent,
                protectedMode, debugCommand, moduleCommand);
    }

    public EndpointSettings withIdleTimeoutSecs(long v) {
        return new EndpointSettings(maxClients, v, limits, authTimeoutSecs, maxUnauthenticatedPercent,
                protectedMode, debugCommand, moduleCommand);
    }

    public EndpointSettings withLimits(RespLimits v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, v, authTimeoutSecs, maxUnauthenticatedPercent,
                protectedMode, debugCommand, moduleCommand);
    }

    public EndpointSettings withAuthTimeoutSecs(long v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, v, maxUnauthenticatedPercent,
                protectedMode, debugCommand, moduleCommand);
    }

    public EndpointSettings withMaxUnauthenticatedPercent(int v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, authTimeoutSecs, v,
                protectedMode, debugCommand, moduleCommand);
    }

    public EndpointSettings withProtectedMode(boolean v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, authTimeoutSecs, maxUnauthenticatedPercent,
                v, debugCommand, moduleCommand);
    }

    public EndpointSettings withDebugCommand(Allowed v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, authTimeoutSecs, maxUnauthenticatedPercent,
                protectedMode, v, moduleCommand);
    }

    public EndpointSettings withModuleCommand(Allowed v) {
        return new EndpointSettings(maxClients, idleTimeoutSecs, limits, authTimeoutSecs, maxUnauthenticatedPercent,
                protectedMode, debugCommand, v);
    }
}
