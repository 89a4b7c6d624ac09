package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
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

/**
 * A request whose token was verified before: the cache look-up, with the token text arriving as a new string (as
 * a header value does, so its hash is not known yet), for one token sent over and over and for 10,000 distinct
 * tokens sent in turn (the load benchmark's case; their entries are no longer in the CPU's caches when they come
 * round again).
 * <p>
 * Not a test: run with {@code mvn -pl extension -am -Pbench verify -Djmh.args="PrincipalCacheBenchmark ..."}.
 * In this package because the cache is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrincipalCacheBenchmark {

    @Param("10000")
    int tokens;

    PrincipalCache cache;
    byte[][] distinct;
    int next;
    long now;

    @Setup(Level.Trial)
    public void setUp() throws TokenException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        HmacKey key = HmacKey.of(secret);
        TokenPolicy policy = new TokenPolicy(JwsAlgorithm.HS256, true, new KeyRing(Optional.of(key), List.of(key)),
                "ssjwt", List.of(), false, Duration.ofDays(1), Optional.empty(), Duration.ofSeconds(30), 8192);
        TokenWriter writer = new TokenWriter(policy, Clock.systemUTC(), random);
        TokenReader reader = new TokenReader(policy, Clock.systemUTC());
        cache = new PrincipalCache(tokens);
        distinct = new byte[tokens][];
        for (int i = 0; i < tokens; i++) {
            TokenUser user = TokenUser.of(Integer.toString(1000 + i), List.of("Admin", "User"), List.of("read"))
                    .withUserName("user" + i).withProfile(Profile.empty().withEmail("user" + i + "@example.com"));
            String token = writer.create(user);
            cache.put(new JwtPrincipal(reader.read(token)));
            distinct[i] = token.getBytes(StandardCharsets.US_ASCII);
        }
        now = Clock.systemUTC().millis() / 1000;
    }

    @Benchmark
    public Optional<JwtPrincipal> oneToken() {
        return cache.get(header(0), now);
    }

    @Benchmark
    public Optional<JwtPrincipal> distinctTokens() {
        int i = next;
        next = i + 1 == tokens ? 0 : i + 1;
        return cache.get(header(i), now);
    }

    /** The token as a request header value: a string made from the bytes received. */
    private String header(int i) {
        return new String(distinct[i], StandardCharsets.ISO_8859_1);
    }
}
