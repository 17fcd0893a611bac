/**
 * The control plane: services over the cluster configuration store ({@code ConfigStore}) for every
 * route of {@code io.redoubt.admin.api.Route}, the sign-in of API callers, and the one RBAC decision
 * point ({@link io.redoubt.admin.AccessPolicy}). No HTTP here: {@code admin-web} parses requests and
 * calls {@link io.redoubt.admin.ControlPlane}; the console and the CLI use the same services.
 */
package io.redoubt.admin;
