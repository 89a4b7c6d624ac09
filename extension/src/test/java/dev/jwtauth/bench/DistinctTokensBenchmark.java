package dev.jwtauth.bench;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerifiedToken;

/**
 * Verifying many distinct HS256 tokens in turn, as a server with that many active users does when none of them is
 * remembered: the tokens of the load benchmark ({@code sample-war/load/LoadTokens.java}), read round-robin, against
 * one token read over and over. Run with {@code -prof gc} to see the bytes allocated per token.
 * <p>
 * Not a test: run with {@code mvn -pl extension -am -Pbench verify -Djmh.args="DistinctTokensBenchmark ..."}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DistinctTokensBenchmark {

    @Param("10000")
    int tokens;

    TokenReader reader;
    String[] distinct;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws TokenException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        HmacKey key = HmacKey.of(secret);
        TokenPolicy policy = new TokenPolicy(JwsAlgorithm.HS256, true, new KeyRing(Optional.of(key), List.of(key)),
                "ssjwt", List.of(), false, Duration.ofDays(1), Optional.empty(), Duration.ofSeconds(30), 8192);
        TokenWriter writer = new TokenWriter(policy, Clock.systemUTC(), random);
        reader = new TokenReader(policy, Clock.systemUTC());
        distinct = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            TokenUser user = TokenUser.of(Integer.toString(1000 + i), List.of("Admin", "User"), List.of("read"))
                    .withUserName("user" + i).withProfile(Profile.empty().withEmail("user" + i + "@example.com"));
            distinct[i] = writer.create(user);
            reader.read(distinct[i]);
        }
    }

    @Benchmark
    public VerifiedToken oneToken() throws TokenException {
        return reader.read(distinct[0]);
    }

    @Benchmark
    public VerifiedToken distinctTokens() throws TokenException {
        int i = next;
        next = i + 1 == tokens ? 0 : i + 1;
        return reader.read(distinct[i]);
    }
}
