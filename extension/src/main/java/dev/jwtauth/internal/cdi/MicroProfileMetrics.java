package dev.jwtauth.internal.cdi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.security.Metrics;

/**
 * {@link Metrics} in the application's MicroProfile Metrics registry, which {@code /metrics} shows (Prometheus:
 * {@code jwtauth_tokens_total{tenant,result}}, {@code jwtauth_signins_total{result}},
 * {@code jwtauth_signin_duration_seconds}, {@code jwtauth_refreshes_total{tenant,result}},
 * {@code jwtauth_refresh_reuse_total{tenant}}). Each counter is registered once and then found by two map look-ups,
 * so counting allocates nothing once every label has been seen.
 * <p>
 * Not a discovered bean (no bean-defining annotation): {@link JwtAuthExtension} adds it only when the application
 * sees the MicroProfile Metrics API, so an application without {@code mpMetrics} never loads it.
 */
@Singleton
class MicroProfileMetrics implements Metrics {
    static final String TOKENS = "jwtauth.tokens";
    static final String SIGN_INS = "jwtauth.signins";
    static final String SIGN_IN_DURATION = "jwtauth.signin.duration";
    static final String REFRESHES = "jwtauth.refreshes";
    static final String REUSE = "jwtauth.refresh.reuse";

    private final MetricRegistry registry;
    private final Timer signInDuration;
    /** Tenant, then result: the counter. */
    private final Map<String, Map<String, Counter>> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> refreshes = new ConcurrentHashMap<>();
    private final Map<String, Counter> signIns = new ConcurrentHashMap<>();
    private final Map<String, Counter> reuse = new ConcurrentHashMap<>();

    @Inject
    MicroProfileMetrics(MetricRegistry registry) {
        this.registry = registry;
        signInDuration = registry.timer(Metadata.builder().withName(SIGN_IN_DURATION)
                .withDescription("How long password sign-ins take, refused ones included").build());
    }

    @Override
    public void token(JwtEngine engine, String reason) {
        counter(tokens, engine.tenantLabel(), reason, TOKENS,
                "Presented tokens by tenant and result: ACCEPTED, or why it was refused").inc();
    }

    @Override
    public long signInStarted() {
        return System.nanoTime();
    }

    @Override
    public void signIn(String result, long started) {
        signInDuration.update(Duration.ofNanos(System.nanoTime() - started));
        Counter counter = signIns.get(result);
        if (counter == null) {
            counter = signIns.computeIfAbsent(result, r -> registry.counter(Metadata.builder().withName(SIGN_INS)
                    .withDescription("Password sign-ins by result: SUCCESS, or why it was refused").build(),
                    new Tag("result", r)));
        }
        counter.inc();
    }

    @Override
    public void refresh(JwtEngine engine, String result) {
        counter(refreshes, engine.tenantLabel(), result, REFRESHES,
                "Refresh tokens redeemed by tenant and result: SUCCESS, or why it was refused").inc();
    }

    @Override
    public void reuseDetected(JwtEngine engine) {
        // rare (an attack or a broken client): no need to keep the counter at hand
        reuse.computeIfAbsent(engine.tenantLabel(), tenant -> registry.counter(Metadata.builder().withName(REUSE)
                .withDescription("Replaced refresh tokens presented again past the grace period (family revoked)").build(),
                new Tag("tenant", tenant))).inc();
    }

    /** The counter of a tenant and result, registered on first use; two plain look-ups after that. */
    private Counter counter(Map<String, Map<String, Counter>> counters, String tenant, String result, String name,
                            String description) {
        Map<String, Counter> ofTenant = counters.get(tenant);
        if (ofTenant == null) {
            ofTenant = counters.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        }
        Counter counter = ofTenant.get(result);
        if (counter == null) {
            counter = ofTenant.computeIfAbsent(result, r -> registry.counter(
                    Metadata.builder().withName(name).withDescription(description).build(),
                    new Tag("tenant", tenant), new Tag("result", r)));
        }
        return counter;
    }
}
