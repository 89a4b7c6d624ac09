package dev.jwtauth.bench;


import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;

/**
 * The load benchmark's tokens ({@code sample-war/load/LoadTokens.java}) made in memory for the JMH benchmarks:
 * {@code count} users with roles Admin and User, one HS256 token each under a fresh key, and the reader that
 * accepts them.
 */
public record DistinctTokens(TokenReader reader, List<String> tokens) {

    public static DistinctTokens hs256(int count) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        HmacKey key = HmacKey.of(secret);
        TokenPolicy policy = new TokenPolicy(JwsAlgorithm.HS256, true, new KeyRing(Optional.of(key), List.of(key)),
                "ssjwt", List.of(), false, Duration.ofDays(1), Optional.empty(), Duration.ofSeconds(30), 8192);
        TokenWriter writer = new TokenWriter(policy, Clock.systemUTC(), random);
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TokenUser user = TokenUser.of(Integer.toString(1000 + i), List.of("Admin", "User"), List.of("read"))
                    .withUserName("user" + i).withProfile(Profile.empty().withEmail("user" + i + "@example.com"));
            tokens.add(writer.create(user));
        }
        return new DistinctTokens(new TokenReader(policy, Clock.systemUTC()), List.copyOf(tokens));
    }
}
