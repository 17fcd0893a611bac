/**
 * The REST API over HTTPS: Javalin on Jetty 12 (the only module that uses them). {@link
 * io.redoubt.admin.web.ApiServer} registers exactly the routes of {@code io.redoubt.admin.api.Route};
 * every request is matched, authenticated, authorized (one call to the control plane's decision point),
 * its body read within bounds, and answered as JSON by {@code io.redoubt.admin.ControlPlane}.
 *
 * <p>How a node starts it (the master key seals certificate keys and signs tokens, so both survive a
 * restart):
 * <pre>{@code
 * NodeMasterKey key = NodeMasterKey.loadOrCreate(dir);
 * ControlPlane plane = ControlPlane.create(store, clock, ApiTokens.fromMasterKey(key, clock),
 *         ControlPlaneOptions.defaults().withAclRules(new RuleParser(commandTable))
 *                 .withSealer(new SecretSealer(key)).withEventLog(eventLog));
 * if (!store.current().created()) plane.bootstrap(name, "admin", generatedPassword, "bootstrap");  // --bootstrap auto
 * ApiServer api = ApiServer.start(plane, new ApiTls(apiChainPem, apiKeyPem), bind, apiPort);
 * }</pre>
 */
package io.redoubt.admin.web;
