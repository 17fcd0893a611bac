/**
 * The REST API's contract, shared by the server, the console and the CLI: the {@link
 * io.redoubt.admin.api.Route} table (every route with the access it needs), Redis Software's {@link
 * io.redoubt.admin.api.Permission} matrix and {@link io.redoubt.admin.api.ManagementRole}s, request and
 * response records in RE's JSON shapes, {@link io.redoubt.admin.api.ErrorCode}s and the OpenAPI document
 * ({@code openapi.yaml} beside these classes). Only the JDK and Jackson's annotations: no behaviour that
 * needs state, no HTTP server.
 *
 * <p>Request records implement {@link io.redoubt.admin.api.RequestBody}: they refuse unknown fields
 * whatever the mapper's settings, check their own fields ({@code validate()}) and never print a secret.
 * Response records never hold a secret; {@code @JsonInclude(NON_NULL)} leaves out what is unset, as RE
 * does.
 */
package io.redoubt.admin.api;
