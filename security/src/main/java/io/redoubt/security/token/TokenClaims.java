package io.redoubt.security.token;

import java.time.Instant;

/**
 * What a verified token says.
 *
 * @param subject   the user
 * @param issuedAt  when it was issued (whole seconds, as JWTs carry time)
 * @param expiresAt when it stops being accepted
 * @param tokenId   its unique id ({@code jti}), e.g. for revocation lists
 */
public record TokenClaims(TokenSubject subject, Instant issuedAt, Instant expiresAt, String tokenId) {
}
