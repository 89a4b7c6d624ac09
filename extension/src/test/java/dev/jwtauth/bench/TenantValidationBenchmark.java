package dev.jwtauth.bench;


import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.MapConfig;
import dev.jwtauth.internal.config.Tenants;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.VerifiedToken;

/**
 * Validation with 100 configured tenants (each its own HS256 key, as {@code jwt.tenant.<id>.AuthKeyBase64}, one
 * token each) against a single tenant (100 tokens of 100 users), each looked up through its engine as a request does
 * (tenant id → engine → reader). Goal: within 10 % of the single-tenant case. For reference, the same 100 users
 * without any tenant (the global settings: no lookup, no {@code tenant} claim).
 * <p>
 * Not a test: run with {@code mvn -pl extension -am -Pbench verify -Djmh.args="TenantValidationBenchmark ..."}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TenantValidationBenchmark {
    private static final int TENANTS = 100;

    Tenants tenants;
    String[] tenantIds;
    String[] tenantTokens;
    String[] oneTenantTokens;
    String[] globalTokens;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws TokenException {
        SecureRandom random = new SecureRandom();
        List<String> properties = new ArrayList<>(List.of("jwt.AuthKeyBase64", key(random)));
        tenantIds = new String[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            tenantIds[i] = String.format("tenant%03d", i);
            properties.add("jwt.tenant." + tenantIds[i] + ".AuthKeyBase64");
            properties.add(key(random));
        }
        tenants = Tenants.read(MapConfig.of(properties.toArray(String[]::new)), Clock.systemUTC());
        tenantTokens = new String[TENANTS];
        oneTenantTokens = new String[TENANTS];
        globalTokens = new String[TENANTS];
        JwtEngine first = tenants.configured(tenantIds[0]).orElseThrow();
        for (int i = 0; i < TENANTS; i++) {
            // Tenant ids of one length, so every tenant's tokens have the size of the first one's.
            TokenUser user = TokenUser.of(Integer.toString(1000 + i), List.of("User"), List.of()).withUserName("user" + i);
            JwtEngine engine = tenants.configured(tenantIds[i]).orElseThrow();
            tenantTokens[i] = engine.writer().orElseThrow().create(user);
            oneTenantTokens[i] = first.writer().orElseThrow().create(user);
            globalTokens[i] = tenants.global().writer().orElseThrow().create(user);
            engine.reader().read(tenantTokens[i]);
            first.reader().read(oneTenantTokens[i]);
            tenants.global().reader().read(globalTokens[i]);
        }
    }

    private static String key(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Benchmark
    public VerifiedToken noTenant() throws TokenException {
        int i = next++ % TENANTS;
        return tenants.global().reader().read(globalTokens[i]);
    }

    @Benchmark
    public VerifiedToken oneTenant() throws TokenException {
        int i = next++ % TENANTS;
        return tenants.configured(tenantIds[0]).orElseThrow().reader().read(oneTenantTokens[i]);
    }

    @Benchmark
    public VerifiedToken hundredTenants() throws TokenException {
        int i = next++ % TENANTS;
        return tenants.configured(tenantIds[i]).orElseThrow().reader().read(tenantTokens[i]);
    }
}
