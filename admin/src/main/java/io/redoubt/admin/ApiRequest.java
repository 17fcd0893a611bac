package io.redoubt.admin;

import io.redoubt.admin.api.Route;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a route, parsed by the HTTP layer: the path parameters, the query parameters (first value
 * of each), and the body read into the route's request record (null when the route takes none or the
 * body was empty).
 */
public record ApiRequest(Route route, Map<String, String> parameters, Map<String, String> query, Object body) {
    public ApiRequest {
        Objects.requireNonNull(route, "route");
        parameters = Map.copyOf(parameters);
        query = Map.copyOf(query);
    }

    /** RE's {@code ?dry_run}: validate only (present with no value, or any value but false/0). */
    public boolean dryRun() {
        String v = query.get("dry_run");
        return v != null && !v.equals("false") && !v.equals("0");
    }

    long uid() {
        return Long.parseLong(parameters.get("uid"));
    }

    @SuppressWarnings("unchecked")
    <T> T bodyOr(T empty) {
        return body == null ? empty : (T) body;
    }
}
