package io.redoubt.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.redoubt.security.ManualClock;
import io.redoubt.security.sealing.NodeMasterKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private static final TokenSubject ALICE = new TokenSubject("7", "alice@example.com");
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-08T02:00:00Z"));
    private final byte[] key = NodeMasterKey.generate().deriveKey("jwt-signing");
    private final ApiTokens tokens = new ApiTokens(key, clock);

    private static void rejected(ThrowingCallable call, TokenRejectedException.Reason reason, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(text).doesNotContain("\n");
        });
    }

    private String signed(JWSAlgorithm algorithm, byte[] macKey, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(macKey));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().subject("7").claim("name", "alice@example.com").issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID("id-1");
    }

    @Test
    void issuesAndVerifiesWithTheClaimsTheApiNeeds() throws Exception {
        String token = tokens.issue(ALICE, ApiTokens.DEFAULT_TTL);
        TokenClaims claims = tokens.verify(token);
        assertThat(claims.subject()).isEqualTo(ALICE);
        assertThat(claims.issuedAt()).isEqualTo(clock.instant());
        assertThat(claims.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(tokens.verify(tokens.issue(ALICE, ApiTokens.DEFAULT_TTL)).tokenId()).isNotEqualTo(claims.tokenId());
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"").contains("\"typ\":\"JWT\"");
    }

    @Test
    void expiresAtTheClocksExpiryWithNoLeeway() throws Exception {
        String token = tokens.issue(ALICE, Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.verify(token).subject()).isEqualTo(ALICE);
        clock.advance(Duration.ofSeconds(1));
        rejected(() -> tokens.verify(token), TokenRejectedException.Reason.EXPIRED, "expired at 2026-12-08T02:01:00Z");
    }

    @Test
    void ttlMustBeOneToOneDayInWholeSeconds() throws Exception {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), Duration.ofSeconds(86_401),
                Duration.ofMillis(1500)}) {
            assertThatThrownBy(() -> tokens.issue(ALICE, bad)).hasMessageContaining("ttl must be 1..86400 seconds");
        }
        assertThat(tokens.verify(tokens.issue(ALICE, Duration.ofSeconds(1))).expiresAt())
                .isEqualTo(clock.instant().plusSeconds(1));
        assertThat(tokens.verify(tokens.issue(ALICE, ApiTokens.MAX_TTL)).expiresAt())
                .isEqualTo(clock.instant().plusSeconds(86_400));
    }

    @Test
    void refusesUnsignedTokens() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"7\",\"name\":\"alice@example.com\",\"iat\":" + clock.instant().getEpochSecond()
                + ",\"exp\":" + (clock.instant().getEpochSecond() + 300) + ",\"jti\":\"x\"}").getBytes(StandardCharsets.UTF_8))
                + ".";
        rejected(() -> tokens.verify(none), TokenRejectedException.Reason.ALGORITHM_NOT_ALLOWED, "only HS256");
        String noneWithSignature = none + b64.encodeToString(new byte[32]);
        assertThatThrownBy(() -> tokens.verify(noneWithSignature)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void refusesEveryOtherAlgorithmEvenWithTheRightKey() throws Exception {
        byte[] key64 = new byte[64];
        new java.security.SecureRandom().nextBytes(key64);
        ApiTokens withLongKey = new ApiTokens(key64, clock);
        Instant now = clock.instant();
        String hs512 = signed(JWSAlgorithm.HS512, key64, claims(now, now.plusSeconds(300)).build());
        rejected(() -> withLongKey.verify(hs512), TokenRejectedException.Reason.ALGORITHM_NOT_ALLOWED,
                "signed with HS512; only HS256");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(now, now.plusSeconds(300)).build());
        rs256.sign(new RSASSASigner(rsa.generateKeyPair().getPrivate()));
        rejected(() -> tokens.verify(rs256.serialize()), TokenRejectedException.Reason.ALGORITHM_NOT_ALLOWED,
                "signed with RS256");
    }

    @Test
    void refusesOtherKeysAndAlteredTokens() throws Exception {
        String theirs = ApiTokens.withGeneratedKey(clock).issue(ALICE, ApiTokens.DEFAULT_TTL);
        rejected(() -> tokens.verify(theirs), TokenRejectedException.Reason.BAD_SIGNATURE, "signature is wrong");

        String[] parts = tokens.issue(new TokenSubject("8", "bob"), ApiTokens.DEFAULT_TTL).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"sub\":\"8\"", "\"sub\":\"1\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(promoted).isNotEqualTo(String.join(".", parts));
        rejected(() -> tokens.verify(promoted), TokenRejectedException.Reason.BAD_SIGNATURE, "signature is wrong");
    }

    @Test
    void refusesMalformedTokensAndMissingOrImpossibleClaims() throws Exception {
        rejected(() -> tokens.verify(""), TokenRejectedException.Reason.MALFORMED, "empty or too long");
        rejected(() -> tokens.verify("x".repeat(5000)), TokenRejectedException.Reason.MALFORMED, "empty or too long");
        rejected(() -> tokens.verify("not.a.token"), TokenRejectedException.Reason.MALFORMED, "not a JSON Web Token");
        rejected(() -> tokens.verify("Basic YWxpY2U6cGFzcw=="), TokenRejectedException.Reason.MALFORMED,
                "not a JSON Web Token");

        Instant now = clock.instant();
        String noId = signed(JWSAlgorithm.HS256, key, claims(now, now.plusSeconds(60)).jwtID(null).build());
        rejected(() -> tokens.verify(noId), TokenRejectedException.Reason.INVALID_CLAIMS, "lacks sub, name, iat, exp or jti");
        String fromTheFuture = signed(JWSAlgorithm.HS256, key, claims(now.plusSeconds(3600), now.plusSeconds(3700)).build());
        rejected(() -> tokens.verify(fromTheFuture), TokenRejectedException.Reason.INVALID_CLAIMS, "lifetime");
        String tooLong = signed(JWSAlgorithm.HS256, key, claims(now, now.plus(Duration.ofDays(2))).build());
        rejected(() -> tokens.verify(tooLong), TokenRejectedException.Reason.INVALID_CLAIMS, "lifetime");
        String slightlyAhead = signed(JWSAlgorithm.HS256, key, claims(now.plusSeconds(30), now.plusSeconds(90)).build());
        assertThat(tokens.verify(slightlyAhead).subject()).as("another node's clock may run ahead").isEqualTo(ALICE);
    }

    @Test
    void refreshGivesANewTokenForAValidOne() throws Exception {
        String first = tokens.issue(ALICE, Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(50));
        String second = tokens.refresh(first, ApiTokens.DEFAULT_TTL);
        TokenClaims claims = tokens.verify(second);
        assertThat(claims.subject()).isEqualTo(ALICE);
        assertThat(claims.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(claims.tokenId()).isNotEqualTo(tokens.verify(first).tokenId());
        clock.advance(Duration.ofSeconds(10));
        rejected(() -> tokens.refresh(first, ApiTokens.DEFAULT_TTL), TokenRejectedException.Reason.EXPIRED, "expired");
        assertThat(tokens.verify(second).subject()).isEqualTo(ALICE);
    }

    @Test
    void aKeyFromTheMasterKeyOutlivesTheObjectAndBelongsToItsCluster() throws Exception {
        NodeMasterKey master = NodeMasterKey.generate();
        String token = ApiTokens.fromMasterKey(master, clock).issue(ALICE, ApiTokens.DEFAULT_TTL);
        assertThat(ApiTokens.fromMasterKey(master, clock).verify(token).subject()).isEqualTo(ALICE);
        rejected(() -> ApiTokens.fromMasterKey(NodeMasterKey.generate(), clock).verify(token),
                TokenRejectedException.Reason.BAD_SIGNATURE, "signature is wrong");
        assertThatThrownBy(() -> new ApiTokens(new byte[31], clock)).hasMessageContaining("at least 32 bytes");
    }
}
