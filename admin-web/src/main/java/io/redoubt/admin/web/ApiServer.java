package io.redoubt.admin.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.redoubt.admin.Answer;
import io.redoubt.admin.ApiException;
import io.redoubt.admin.ApiRequest;
import io.redoubt.admin.Caller;
import io.redoubt.admin.ControlPlane;
import io.redoubt.admin.Credentials;
import io.redoubt.admin.api.Access;
import io.redoubt.admin.api.ApiError;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.HttpMethod;
import io.redoubt.admin.api.JwtRequest;
import io.redoubt.admin.api.Route;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.security.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API: HTTPS only, on one address and port, serving exactly the {@link Route} table. Each
 * request is matched against the table, its caller signed in and authorized by the control plane, its
 * body read and checked, and the service's answer written as JSON. Every refusal is
 * {@code {"error_code", "description"}}; an unexpected failure is a 500 {@code internal_error} whose
 * cause goes to the log, never to the client.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String JSON = "application/json";
    private static final String OPENAPI_RESOURCE = "/io/redoubt/admin/api/openapi.yaml";

    private final ControlPlane plane;
    private final TlsConnector tls;
    private final JsonBodies bodies = new JsonBodies();
    private final byte[] openApi;
    private Javalin app;
    private ServerConnector connector;
    private ConfigStore.Watch settingsWatch;
    private ConfigStore.Watch certificateWatch;

    private ApiServer(ControlPlane plane, TlsConnector tls, byte[] openApi) {
        this.plane = plane;
        this.tls = tls;
        this.openApi = openApi;
    }

    /**
     * Starts the API on {@code bind}:{@code port} (0 picks a free port, see {@link #port()}) with the
     * {@code api} certificate and key. The TLS minimum and ciphers follow the cluster settings, applied to
     * new connections whenever they change, and so does the {@code api} certificate when the control plane
     * can unseal keys (a {@code PUT /v1/cluster/certificates} is served to the next connections).
     */
    public static ApiServer start(ControlPlane plane, ApiTls tlsMaterial, String bind, int port) throws Exception {
        byte[] document;
        try (InputStream in = Route.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("admin-api lacks " + OPENAPI_RESOURCE);
            }
            document = in.readAllBytes();
        }
        ApiServer server = new ApiServer(plane, new TlsConnector(tlsMaterial, plane.state().settings()), document);
        server.startJavalin(bind, port);
        server.settingsWatch = plane.watchSettings(settings -> {
            try {
                server.tls.settings(settings);
            } catch (Exception e) {
                LOG.error("the API's TLS settings could not be applied; the previous ones stay in force: {}",
                        e.getMessage());
            }
        });
        if (plane.canUnsealCertificates()) {
            server.certificateWatch = plane.watchApiCertificate((chain, key) -> {
                try {
                    server.tls.replace(new ApiTls(chain, key));
                    LOG.info("the API serves the api certificate from the configuration store to new connections");
                } catch (Exception e) {
                    LOG.error("the stored api certificate cannot be used; the API keeps its certificate: {}",
                            e.getMessage());
                }
            });
        }
        return server;
    }

    /** The port the API listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** A replaced {@code api} certificate and key: new connections use them, open ones keep theirs. */
    public void replaceTls(ApiTls material) throws Exception {
        tls.replace(material);
    }

    @Override
    public void close() {
        if (settingsWatch != null) {
            settingsWatch.close();
        }
        if (certificateWatch != null) {
            certificateWatch.close();
        }
        app.stop();
    }

    private void startJavalin(String bind, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // the body is read by JsonBodies with its own bound; Javalin's must not cut it first
            config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES * 2L;
            config.jetty.addConnector((server, httpConfig) -> {
                HttpConfiguration https = new HttpConfiguration(httpConfig);
                https.setSendServerVersion(false);
                https.setSendXPoweredBy(false);
                SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                connector = new ServerConnector(server, new SslConnectionFactory(tls.factory(), "http/1.1"),
                        new HttpConnectionFactory(https));
                connector.setHost(bind);
                connector.setPort(port);
                return connector;
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.routes.before(ApiServer::securityHeaders);
            for (Route route : Route.values()) {
                config.routes.addHttpHandler(handlerType(route.method()), route.path(), this::handle);
            }
            config.routes.exception(Exception.class, this::failure);
            config.routes.error(404, ctx -> {
                // a 404 of a route (an object not found) is JSON already; Javalin's own is text
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(JSON)) {
                    error(ctx, new ApiException(ErrorCode.NOT_FOUND, "no such route: see /v1/openapi.yaml"));
                }
            });
            config.routes.error(405, ctx -> error(ctx, new ApiException(ErrorCode.NOT_FOUND,
                    "no such route for this method: see /v1/openapi.yaml")));
        }).start();
    }

    private void handle(Context ctx) throws IOException {
        Optional<Route.Match> match = Route.match(HttpMethod.valueOf(ctx.method().name()), ctx.req().getRequestURI());
        if (match.isEmpty()) {
            error(ctx, new ApiException(ErrorCode.NOT_FOUND, "no such route: see /v1/openapi.yaml"));
            return;
        }
        Route route = match.get().route();
        Map<String, String> parameters = match.get().parameters();
        Caller caller = null;
        String source = ctx.req().getRemoteAddr();
        Credentials credentials = credentials(ctx.header("Authorization"));
        Object body = null;
        if (route == Route.USER_AUTHORIZE && credentials instanceof Credentials.None) {
            // RE's authorize carries username and password in its (bounded) body: read it before signing in;
            // a body that cannot be read offers no credentials, so the answer is the 401 of any caller without
            try {
                body = readBody(ctx, route);
            } catch (ApiException unreadable) {
                body = JwtRequest.ttlOnly(null);
            }
            if (body instanceof JwtRequest jwt && jwt.hasCredentials()) {
                credentials = new Credentials.TokenRequest(jwt.username(), Secret.of(jwt.password()));
            }
        }
        if (route.access().kind() != Access.Kind.UNAUTHENTICATED) {
            caller = plane.authenticate(credentials, source);
            plane.authorize(caller, route, parameters);
        }
        if (body == null && route.requestBody().isPresent()) {
            body = readBody(ctx, route);
        }
        if (route == Route.OPENAPI_DOCUMENT) {
            ctx.status(200).contentType("application/yaml").result(openApi);
            return;
        }
        Answer answer;
        if (route == Route.USER_REFRESH_JWT) {
            if (!(credentials instanceof Credentials.Bearer bearer)) {
                throw new ApiException(ErrorCode.INVALID_PARAM, "refresh_jwt renews a token: sign in with "
                        + "'Authorization: Bearer <token>'");
            }
            answer = plane.refreshJwt(caller, bearer.token(), body == null ? JwtRequest.ttlOnly(null) : (JwtRequest) body);
        } else {
            answer = plane.call(caller, new ApiRequest(route, parameters, firstValues(ctx.queryParamMap()), body),
                    source);
        }
        ctx.status(answer.status());
        if (answer.body() != null) {
            ctx.contentType(JSON).result(bodies.mapper().writeValueAsBytes(answer.body()));
        }
    }

    private Object readBody(Context ctx, Route route) throws IOException {
        byte[] bytes = JsonBodies.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        return bodies.parse(bytes, route.requestBody().orElseThrow());
    }

    private void failure(Exception e, Context ctx) {
        if (e instanceof ApiException api) {
            error(ctx, api);
        } else if (e instanceof HttpResponseException h) {
            error(ctx, new ApiException(ApiError.of(h.getStatus() == 413 ? ErrorCode.REQUEST_TOO_LARGE
                    : h.getStatus() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_SCHEMA, "the request was refused"),
                    h.getStatus()));
        } else {
            // the cause is logged by class and stack; messages of our code never hold secrets
            LOG.error("internal error answering {} {}", ctx.method(), ctx.req().getRequestURI().length() > 200
                    ? ctx.req().getRequestURI().substring(0, 200) : ctx.req().getRequestURI(), e);
            error(ctx, new ApiException(new ApiError("internal_error", "the node failed to answer; the cause is in "
                    + "its log"), 500));
        }
    }

    private void error(Context ctx, ApiException e) {
        try {
            ctx.status(e.status()).contentType(JSON).result(bodies.mapper().writeValueAsBytes(e.error()));
        } catch (IOException io) {
            ctx.status(500).contentType(JSON).result("{\"error_code\":\"internal_error\"}");
        }
        if (e.status() == 413) {
            // the rest of the body stays unread: the connection cannot be reused
            ctx.header("Connection", "close");
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"redoubt\", charset=\"UTF-8\"");
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("Strict-Transport-Security", "max-age=31536000");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** The Authorization header as credentials; anything malformed is no credentials (a 401). */
    static Credentials credentials(String header) {
        if (header == null) {
            return Credentials.NONE;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? Credentials.NONE : new Credentials.Bearer(token);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Credentials.Basic(decoded.substring(0, colon), Secret.of(decoded.substring(colon + 1)));
                }
            } catch (IllegalArgumentException e) {
                return Credentials.NONE;
            }
        }
        return Credentials.NONE;
    }

    private static Map<String, String> firstValues(Map<String, List<String>> query) {
        Map<String, String> first = new HashMap<>();
        query.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
        return first;
    }

    private static HandlerType handlerType(HttpMethod m) {
        return switch (m) {
            case GET -> HandlerType.GET;
            case PUT -> HandlerType.PUT;
            case POST -> HandlerType.POST;
            case DELETE -> HandlerType.DELETE;
        };
    }
}
