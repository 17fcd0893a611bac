package io.redoubt.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.redoubt.security.sealing.NodeMasterKey;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and verifies the control plane's JSON Web Tokens (Redis Enterprise's
 * {@code POST /v1/users/authorize}: a ttl of 1..86400 seconds, default 300). Tokens are signed with
 * HMAC-SHA256 under a 256-bit key and carry {@code sub} (user uid), {@code name}, {@code iat},
 * {@code exp} and a random {@code jti}. Verification pins the algorithm: a token whose header names
 * anything but HS256 (including {@code none}, and an RS256 token that hopes the HMAC key is used as
 * an RSA public key) is refused before its signature is looked at. Expiry is checked against the
 * injected clock, with no leeway; a token issued more than {@link #CLOCK_SKEW} in the future is
 * refused too. Thread-safe.
 */
public final class ApiTokens {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
    public static final Duration MAX_TTL = Duration.ofSeconds(86_400);
    /** How far a token's issue time may be ahead of this node's clock (another node's clock may run ahead). */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Longer tokens are refused unparsed: ours are a few hundred bytes. */
    static final int MAX_TOKEN_LENGTH = 4096;
    private static final String NAME_CLAIM = "name";

    private final byte[] key;
    private final InstantSource clock;

    /** Tokens signed with {@code key} (at least 32 bytes). */
    public ApiTokens(byte[] key, InstantSource clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an HS256 token key needs at least 32 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.clock = clock;
    }

    /**
     * Tokens signed with a key derived from the node's master key (purpose {@code "jwt-signing"}), so
     * they stay valid across restarts and need no key of their own in the store.
     */
    public static ApiTokens fromMasterKey(NodeMasterKey masterKey, InstantSource clock) {
        byte[] derived = masterKey.deriveKey("jwt-signing");
        try {
            return new ApiTokens(derived, clock);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Tokens signed with a new random key: every token ends with this object (a restart signs everyone out). */
    public static ApiTokens withGeneratedKey(InstantSource clock) {
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        return new ApiTokens(generated, clock);
    }

    /**
     * A token for {@code subject} valid for {@code ttl} from now.
     *
     * @throws IllegalArgumentException when {@code ttl} is not 1..86400 whole seconds
     */
    public String issue(TokenSubject subject, Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0
                || ttl.getNano() != 0) {
            throw new IllegalArgumentException("ttl must be 1..86400 seconds, got " + ttl.toSeconds());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject.userUid())
                .claim(NAME_CLAIM, subject.userName()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** What {@code token} says, if it is one of ours, unexpired and unaltered. */
    public TokenClaims verify(String token) throws TokenRejectedException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw rejected(TokenRejectedException.Reason.MALFORMED, "The token is empty or too long: sign in again");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw rejected(TokenRejectedException.Reason.MALFORMED, "The token is not a JSON Web Token: sign in again");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw rejected(TokenRejectedException.Reason.ALGORITHM_NOT_ALLOWED, "The token is unsigned or encrypted "
                    + "(algorithm " + parsed.getHeader().getAlgorithm() + "); only HS256 tokens are accepted: sign in "
                    + "again");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw rejected(TokenRejectedException.Reason.ALGORITHM_NOT_ALLOWED, "The token is signed with "
                    + signed.getHeader().getAlgorithm() + "; only HS256 tokens are accepted: sign in again");
        }
        try {
            if (!signed.verify(new MACVerifier(key))) {
                throw rejected(TokenRejectedException.Reason.BAD_SIGNATURE, "The token's signature is wrong (altered, "
                        + "or from another cluster): sign in again");
            }
        } catch (JOSEException e) {
            throw rejected(TokenRejectedException.Reason.BAD_SIGNATURE, "The token's signature cannot be checked: "
                    + "sign in again");
        }
        return claims(signed);
    }

    /** A new token for the subject of the valid {@code token}, valid for {@code ttl} from now. */
    public String refresh(String token, Duration ttl) throws TokenRejectedException {
        return issue(verify(token).subject(), ttl);
    }

    private TokenClaims claims(SignedJWT signed) throws TokenRejectedException {
        JWTClaimsSet set;
        String name;
        try {
            set = signed.getJWTClaimsSet();
            name = set.getStringClaim(NAME_CLAIM);
        } catch (ParseException e) {
            throw rejected(TokenRejectedException.Reason.INVALID_CLAIMS, "The token's claims are unreadable: "
                    + "sign in again");
        }
        Date issued = set.getIssueTime();
        Date expires = set.getExpirationTime();
        if (set.getSubject() == null || set.getSubject().isEmpty() || name == null || name.isEmpty()
                || issued == null || expires == null || set.getJWTID() == null) {
            throw rejected(TokenRejectedException.Reason.INVALID_CLAIMS, "The token lacks sub, name, iat, exp or jti: "
                    + "sign in again");
        }
        Instant now = clock.instant();
        Instant issuedAt = issued.toInstant();
        Instant expiresAt = expires.toInstant();
        if (!now.isBefore(expiresAt)) {
            throw rejected(TokenRejectedException.Reason.EXPIRED, "The token expired at " + expiresAt
                    + ": sign in again or refresh before it expires");
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || Duration.between(issuedAt, expiresAt).compareTo(MAX_TTL) > 0) {
            throw rejected(TokenRejectedException.Reason.INVALID_CLAIMS, "The token's lifetime is not one this cluster "
                    + "issues: sign in again");
        }
        return new TokenClaims(new TokenSubject(set.getSubject(), name), issuedAt, expiresAt, set.getJWTID());
    }

    private static TokenRejectedException rejected(TokenRejectedException.Reason reason, String message) {
        return new TokenRejectedException(reason, message);
    }

    @Override
    public String toString() {
        return "ApiTokens[HS256]";
    }
}
