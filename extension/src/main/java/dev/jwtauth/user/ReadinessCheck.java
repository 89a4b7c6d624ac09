package dev.jwtauth.user;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.spi.RefreshTokenStore;

/**
 * jwtauth's readiness for MicroProfile Health ({@code /health/ready}): its keys are loaded, and — where it issues
 * tokens and keeps their refresh tokens in this store — the store's tables answer a look-up by key each. A reader-only
 * deployment, or one whose application supplies its own {@link RefreshTokenStore}, reports its keys only.
 * <p>
 * Not a discovered bean (no bean-defining annotation): the CDI extension adds it only when the application sees the
 * MicroProfile Health API, so an application without {@code mpHealth} never loads it.
 */
@Readiness
@Singleton
class ReadinessCheck implements HealthCheck {
    static final String NAME = "jwtauth";
    private static final Logger LOG = Logger.getLogger(ReadinessCheck.class.getName());

    @Inject
    JwtEngine engine;

    @Inject
    Instance<RefreshTokenStore> applicationStore;

    @Inject
    @StoreDatabase.Unit
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        // The engines are built (and their keys parsed) before the application starts, or it does not start at all.
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("keys", engine.settings().tokens().keys().verificationKeys().size())
                .withData("issuing", engine.writer().isPresent());
        if (engine.writer().isEmpty() || !applicationStore.isUnsatisfied()) {
            return response.up().build();
        }
        boolean reachable = storeReachable();
        return response.withData("userStore", reachable ? "reachable" : "unreachable").status(reachable).build();
    }

    /**
     * One look-up by key in each of the store's two tables (accounts, refresh tokens), outside any transaction. A failure is expected while the database is down
     * and asked every few seconds: it is logged at FINE, not as the store's failures are (JWTAUTH0103E).
     */
    private boolean storeReachable() {
        try {
            em.createQuery("SELECT COUNT(u) FROM UserAccount u WHERE u.id = 0").getSingleResult();
            em.createQuery("SELECT COUNT(t) FROM RefreshTokenRecord t WHERE t.tokenHash = ''").getSingleResult();
            return true;
        } catch (RuntimeException e) { // whatever fails, the store is not ready (fail closed)
            LOG.log(Level.FINE, "the user store did not answer the readiness query", e);
            return false;
        }
    }
}
