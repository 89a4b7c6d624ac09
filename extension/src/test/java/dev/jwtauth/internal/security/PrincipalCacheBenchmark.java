package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

import dev.jwtauth.bench.DistinctTokens;
import dev.jwtauth.token.TokenException;

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
        DistinctTokens made = DistinctTokens.hs256(tokens);
        cache = new PrincipalCache(tokens);
        distinct = new byte[tokens][];
        for (int i = 0; i < tokens; i++) {
            String token = made.tokens().get(i);
            cache.put(new JwtPrincipal(made.reader().read(token)));
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
