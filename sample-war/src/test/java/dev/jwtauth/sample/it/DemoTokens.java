package dev.jwtauth.sample.it;


import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jwtauth.token.Encryption;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.SigningKey;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerificationKey;

/** Mints tokens the way a jwtauth issuer does, with the sample's documented demo key unless told otherwise. */
final class DemoTokens {
    /** The demo key in sample-war's microprofile-config.properties. */
    static final String DEMO_KEY = "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=";

    static final TokenUser ALICE = TokenUser.of("42", List.of("User"), List.of("read", "write"))
            .withUserName("alice").withProfile(Profile.empty().withEmail("alice@example.com").withDisplayName("Alice A."));
    static final TokenUser ADMIN = TokenUser.of("1", List.of("Admin", "User"), List.of())
            .withUserName("admin");

    private final TokenWriter writer;

    private DemoTokens(TokenWriter writer) {
        this.writer = writer;
    }

    static DemoTokens demo() {
        return hmac(DEMO_KEY, Duration.ZERO);
    }

    /** Tokens signed with an HMAC key, issued {@code age} ago (so a 14-day age gives an expired token). */
    static DemoTokens hmac(String base64Key, Duration age) {
        HmacKey key = HmacKey.fromBase64(base64Key);
        return of(JwsAlgorithm.HS256, key, key, Duration.ofDays(14), age);
    }

    /** Tokens of {@code tenant}, signed with an HMAC key. */
    static DemoTokens tenant(String tenant, String base64Key) {
        HmacKey key = HmacKey.fromBase64(base64Key);
        return of(JwsAlgorithm.HS256, key, key, Duration.ofDays(14), Duration.ZERO, Optional.of(tenant));
    }

    static DemoTokens of(JwsAlgorithm algorithm, SigningKey signing, VerificationKey verification,
                         Duration lifetime, Duration age) {
        return of(algorithm, signing, verification, lifetime, age, Optional.empty());
    }

    private static DemoTokens of(JwsAlgorithm algorithm, SigningKey signing, VerificationKey verification,
                                 Duration lifetime, Duration age, Optional<String> tenant) {
        TokenPolicy policy = new TokenPolicy(algorithm, true, new KeyRing(Optional.of(signing), List.of(verification)),
                "ssjwt", List.of(), false, lifetime, Optional.empty(), Duration.ofSeconds(30), 8192, tenant, false, Encryption.NONE,
                false, Optional.empty());
        return new DemoTokens(new TokenWriter(policy, Clock.offset(Clock.systemUTC(), age.negated()), new SecureRandom()));
    }

    String token(TokenUser user) {
        return writer.create(user);
    }

    /** A token for {@code user} with extra claims merged into the standard payload. */
    String token(TokenUser user, Map<String, Object> extraClaims) {
        Map<String, Object> payload = writer.payload(user);
        payload.putAll(extraClaims);
        return writer.sign(writer.header(), payload);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
