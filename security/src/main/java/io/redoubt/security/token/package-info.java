/**
 * Signed API tokens for {@code POST /v1/users/authorize} and {@code POST /v1/users/refresh_jwt}: JSON Web
 * Tokens with HS256 only ({@link io.redoubt.security.token.ApiTokens}). The only user of nimbus-jose-jwt.
 */
package io.redoubt.security.token;
