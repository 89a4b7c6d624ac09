package dev.jwtauth.bench;

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

import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenReader;
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
        DistinctTokens made = DistinctTokens.hs256(tokens);
        reader = made.reader();
        distinct = made.tokens().toArray(String[]::new);
        for (String token : distinct) {
            reader.read(token);
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
