/**
 * The REST API over HTTPS: Javalin on Jetty 12 (the only module that uses them). {@link
 * io.redoubt.admin.web.ApiServer} registers exactly the routes of {@code io.redoubt.admin.api.Route};
 * every request is matched, authenticated, authorized (one call to the control plane's decision point),
 * its body read within bounds, and answered as JSON by {@code io.redoubt.admin.ControlPlane}.
 */
package io.redoubt.admin.web;
