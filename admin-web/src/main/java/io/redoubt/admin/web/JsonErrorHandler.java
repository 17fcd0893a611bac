package io.redoubt.admin.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed or ambiguous URI, a bad header, before any route runs) in the API's
 * shape, {@code {"error_code": ..., "description": ...}}, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object s = request.getAttribute(ERROR_STATUS);
        int status = s instanceof Integer i ? i : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        String code = status == 404 ? "not_found" : status == 413 ? "request_too_large"
                : status < 500 ? "invalid_param" : "internal_error";
        String body = "{\"error_code\":\"" + code + "\",\"description\":\"the request was refused before it reached "
                + "a route (HTTP " + status + ")\"}";
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // Jetty does not keep a connection after a message it could not parse; saying so keeps clients
        // from sending their next request on it
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
