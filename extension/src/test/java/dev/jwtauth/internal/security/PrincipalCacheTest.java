package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.TokenClaims;
import dev.jwtauth.token.VerifiedToken;

class PrincipalCacheTest {
    private static final long NOW = 1_800_000_000L;

    @Test
    void aRememberedPrincipalIsReturnedUntilItsTokenExpires() {
        PrincipalCache cache = new PrincipalCache(10);
        JwtPrincipal principal = principal("t1", NOW + 60);
        cache.put(principal);
        assertEquals(Optional.of(principal), cache.get("t1", NOW), "remembered");
        assertEquals(Optional.of(principal), cache.get("t1", NOW + 59), "one second before exp");
        assertEquals(Optional.empty(), cache.get("t1", NOW + 60), "now >= exp is expired, cached or not");
        assertEquals(Optional.empty(), cache.get("other", NOW), "never seen");
    }

    @Test
    void asManyTokensAsTheCapacityInRoundRobinAreAllRemembered() {
        PrincipalCache cache = new PrincipalCache(100);
        for (int i = 0; i < 100; i++) {
            cache.put(principal("t" + i, NOW + 600));
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < 100; i++) {
                assertTrue(cache.get("t" + i, NOW).isPresent(), "pass " + pass + ", token " + i);
            }
        }
    }

    @Test
    void itHoldsAtMostTwiceItsCapacityAndKeepsTokensInUse() {
        PrincipalCache cache = new PrincipalCache(4);
        JwtPrincipal inUse = principal("in-use", NOW + 600);
        cache.put(inUse);
        for (int i = 0; i < 100; i++) {
            cache.put(principal("t" + i, NOW + 600));
            assertTrue(cache.get("in-use", NOW).isPresent(), "a token used all the time survives " + i + " others");
        }
        for (int i = 97; i < 100; i++) {
            assertTrue(cache.get("t" + i, NOW).isPresent(), "t" + i + " is among the last 4 distinct tokens used");
        }
        int remembered = 0;
        for (int i = 0; i < 100; i++) {
            remembered += cache.get("t" + i, NOW).isPresent() ? 1 : 0;
        }
        assertTrue(remembered <= 8, "at most twice the capacity is remembered: " + remembered);
    }

    @Test
    void aTokenIsFoundOnlyByItsWholeText() {
        PrincipalCache cache = new PrincipalCache(10);
        String signature = ".c2lnbmF0dXJlLW9mLWFsaWNlcy10b2tlbg";
        JwtPrincipal alice = principal("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9" + signature, NOW + 60);
        cache.put(alice);
        assertEquals(Optional.of(alice), cache.get("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9" + signature, NOW));
        assertEquals(Optional.empty(), cache.get("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0" + signature, NOW),
                "another payload with alice's signature");
        assertEquals(Optional.empty(), cache.get("X" + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9" + signature, NOW));
        assertEquals(Optional.empty(), cache.get(signature, NOW), "the signature alone");
        for (int i = 0; i < 10; i++) {
            cache.put(principal("t" + i + signature, NOW + 60));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("t" + i + signature, cache.get("t" + i + signature, NOW).orElseThrow().token().raw(),
                    "tokens that end alike are kept apart");
        }
    }

    @Test
    void capacityZeroRemembersNothing() {
        PrincipalCache cache = new PrincipalCache(0);
        cache.put(principal("t1", NOW + 60));
        assertEquals(Optional.empty(), cache.get("t1", NOW));
    }

    private static JwtPrincipal principal(String raw, long exp) {
        JsonObject header = Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build();
        JsonObject claims = Json.createObjectBuilder().add("sub", raw).add("exp", exp).build();
        return new JwtPrincipal(new VerifiedToken(raw, JwsAlgorithm.HS256, header, TokenClaims.of(claims), raw,
                new LinkedHashSet<>(List.of("User")), List.of(), exp));
    }
}
