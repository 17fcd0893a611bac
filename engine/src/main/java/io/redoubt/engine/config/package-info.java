/**
 * Server parameters with Redis's names: each {@link io.redoubt.engine.config.ConfigParameter} knows
 * how to validate, normalize and apply a value. The {@link io.redoubt.engine.config.ConfigRegistry}
 * serves the config file, {@code --name value} overrides and CONFIG GET/SET/REWRITE from one list.
 */
package io.redoubt.engine.config;
