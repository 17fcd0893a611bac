package io.redoubt.admin.api;

/** The HTTP methods the REST API uses (RE's API uses these four; PATCH only for a route Redoubt lacks). */
public enum HttpMethod {
    GET,
    PUT,
    POST,
    DELETE
}
