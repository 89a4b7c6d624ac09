package dev.jwtauth.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.config.RefreshTokenPolicy;
import dev.jwtauth.spi.RefreshTokenValidator;
import dev.jwtauth.spi.UserSource;

/**
 * Issues, redeems and revokes refresh tokens: 64 random bytes, Base64url, stored only as a hash with their
 * expiry, several per user (one per sign-in). Every redemption re-reads the user (from the store, or the
 * application's {@link UserSource}), so a locked-out or deleted user gets nothing.
 * <p>
 * Rotation (when the caller asks for it): the redeemed token is marked as replaced and a successor of the same
 * family is returned. The replaced token is still honoured for {@code jwt.RefreshTokenReuseGracePeriod}, without a
 * successor, so parallel requests that carried it all succeed and only one rotation happens. Presented later, it
 * was stolen or replayed: the whole family is revoked, the legitimate holder's successor included (RFC 9700
 * §4.14.2), and that user must sign in again.
 */
@ApplicationScoped
public class RefreshTokens {
    /** 64 bytes in unpadded Base64url. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{86}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Instance<UserSource> userSource;

    @Inject
    Instance<RefreshTokenValidator> validators;

    private final SecureRandom random = new SecureRandom();

    /** A refresh token as handed to a client. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** The user a refresh token belongs to, and its successor if it was rotated. */
    public record Redeemed(User user, Optional<Issued> successor) {
    }

    /** A new refresh token, first of its family, for a user that just signed in at {@code engine}'s tenant. */
    @Transactional
    public Issued issue(User user, JwtEngine engine) {
        Instant now = now(engine);
        RefreshTokenPolicy policy = engine.settings().refreshTokens();
        String token = newToken();
        RefreshTokenRecord record = new RefreshTokenRecord();
        record.tokenHash = hash(token);
        record.userId = user.id();
        record.family = record.tokenHash;
        record.tenant = engine.settings().tokens().tenant().orElse(null);
        record.issuedAt = now;
        record.expiresAt = now.plus(policy.expireIn());
        record.familyExpiresAt = now.plus(policy.maxLifetime());
        em.persist(record);
        return new Issued(token, record.expiresAt);
    }

    /**
     * The user of a refresh token valid at {@code engine}'s tenant and accepted by the application's
     * {@link RefreshTokenValidator}s for {@code request}, with a successor when {@code rotate} and this request is the
     * one that rotates it. Revocations it decides (reuse) are committed even though it throws.
     */
    @Transactional(dontRollbackOn = RefreshException.class)
    public Redeemed redeem(String token, JwtEngine engine, boolean rotate, HttpServletRequest request) {
        RefreshTokenRecord record = find(token, engine).orElseThrow(() -> new RefreshException(RefreshException.Reason.INVALID));
        Instant now = now(engine);
        RefreshTokenPolicy policy = engine.settings().refreshTokens();
        if (record.revokedAt != null) {
            throw new RefreshException(RefreshException.Reason.REVOKED);
        }
        boolean replaced = record.rotatedAt != null;
        if (replaced && now.isAfter(record.rotatedAt.plus(policy.reuseGracePeriod()))) {
            revokeFamily(record.family, now);
            throw new RefreshException(RefreshException.Reason.REVOKED);
        }
        if (!now.isBefore(record.expiresAt)) {
            throw new RefreshException(RefreshException.Reason.EXPIRED);
        }
        User user = user(record.userId).orElseThrow(() -> new RefreshException(RefreshException.Reason.INVALID));
        if (user.isLockedAt(now)) {
            throw new RefreshException(RefreshException.Reason.LOCKED_OUT);
        }
        for (RefreshTokenValidator validator : validators) {
            if (!validator.isValid(user, request)) {
                throw new RefreshException(RefreshException.Reason.REJECTED);
            }
        }
        if (replaced) {
            return new Redeemed(user, Optional.empty());
        }
        Instant expiresAt = policy.extendAfterUsage().map(extension -> earliest(now.plus(extension), record.familyExpiresAt))
                .orElse(record.expiresAt);
        if (!rotate) {
            record.extendTo(expiresAt);
            return new Redeemed(user, Optional.empty());
        }
        // Only one of several concurrent redemptions wins the update; the others are inside the grace period.
        int won = em.createNamedQuery(RefreshTokenRecord.ROTATE).setParameter("now", now).setParameter("id", record.id)
                .executeUpdate();
        if (won == 0) {
            return new Redeemed(user, Optional.empty());
        }
        String successor = newToken();
        RefreshTokenRecord next = new RefreshTokenRecord();
        next.tokenHash = hash(successor);
        next.userId = record.userId;
        next.family = record.family;
        next.issuedAt = now;
        next.expiresAt = expiresAt;
        next.familyExpiresAt = record.familyExpiresAt;
        em.persist(next);
        return new Redeemed(user, Optional.of(new Issued(successor, expiresAt)));
    }

    /** Revokes the token and its whole family (logout at {@code engine}'s tenant); unknown tokens are ignored. */
    @Transactional
    public void revoke(String token, JwtEngine engine) {
        find(token, engine).ifPresent(record -> revokeFamily(record.family, now(engine)));
    }

    /** How many refresh tokens of the user can still be redeemed: one per signed-in device. */
    public long liveTokens(User user) {
        return em.createNamedQuery(RefreshTokenRecord.COUNT_LIVE_OF_USER, Long.class)
                .setParameter("userId", user.id()).setParameter("now", Instant.now()).getSingleResult();
    }

    /** The user as it is now: from the application's {@link UserSource} if it has one, else from the store. */
    private Optional<User> user(String id) {
        if (userSource.isResolvable()) {
            return userSource.get().user(id);
        }
        try {
            return Optional.ofNullable(em.find(UserAccount.class, Long.valueOf(id))).map(User::of);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The stored token, if it is one of {@code engine}'s tenant: another tenant's is as unknown as a made-up one. */
    private Optional<RefreshTokenRecord> find(String token, JwtEngine engine) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<String> tenant = engine.settings().tokens().tenant();
        return em.createNamedQuery(RefreshTokenRecord.BY_HASH, RefreshTokenRecord.class)
                .setParameter("hash", hash(token)).getResultList().stream()
                .filter(record -> Optional.ofNullable(record.tenant).equals(tenant))
                .findFirst();
    }

    private void revokeFamily(String family, Instant now) {
        em.createNamedQuery(RefreshTokenRecord.REVOKE_FAMILY).setParameter("now", now).setParameter("family", family)
                .executeUpdate();
    }

    private String newToken() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant now(JwtEngine engine) {
        return Instant.now(engine.clock()).truncatedTo(ChronoUnit.MILLIS);
    }
}
