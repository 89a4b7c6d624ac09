package dev.jwtauth.internal.security;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.IssuedRefreshToken;
import dev.jwtauth.User;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.RefreshTokenPolicy;
import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.RefreshTokenStore;
import dev.jwtauth.spi.RefreshTokenValidator;
import dev.jwtauth.spi.StoreUnavailableException;
import dev.jwtauth.spi.UserSource;

/**
 * Issues, redeems and revokes refresh tokens: 64 random bytes, Base64url, stored only as a hash with their
 * expiry, several per user (one per sign-in), each redeemable only at the tenant that issued it. Every redemption
 * re-reads the user (from the store, or the application's {@link UserSource}), so a locked-out or deleted user gets
 * nothing.
 * <p>
 * Rotation (when the caller asks for it): the redeemed token is marked as replaced and a successor of the same
 * family is returned. The replaced token is still honoured for {@code jwt.RefreshTokenReuseGracePeriod}, without a
 * successor, so parallel requests that carried it all succeed and only one rotation happens. Presented later, it
 * was stolen or replayed: the whole family is revoked, the legitimate holder's successor included (RFC 9700
 * §4.14.2), and that user must sign in again. Which request rotates, and whether a family is revoked, is decided
 * by conditional updates in the database ({@link RefreshTokenStore}), so it holds across servers sharing it.
 * <p>
 * A failure of the database is a {@link StoreUnavailableException} (from the stores): nothing was decided, and the
 * client's token is as good as before.
 */
@ApplicationScoped
public class RefreshTokens {
    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
    /** 64 bytes in unpadded Base64url. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{86}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Rows purged per sign-in that purges: bounded, so no sign-in waits for a backlog. */
    static final int PURGE_BATCH = 500;
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    @Inject
    Instance<RefreshTokenStore> applicationStore;

    @Inject
    @Builtin
    Instance<RefreshTokenStore> builtinStore;

    @Inject
    Instance<UserSource> applicationUsers;

    @Inject
    @Builtin
    Instance<UserSource> builtinUsers;

    @Inject
    Instance<RefreshTokenValidator> validators;

    @Inject
    Metrics metrics;

    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    /** The user a refresh token belongs to, and its successor if it was rotated. */
    public record Redeemed(User user, Optional<IssuedRefreshToken> successor) {
    }

    /** A new refresh token, first of its family, for a user that just signed in at {@code engine}'s tenant. */
    public IssuedRefreshToken issue(User user, JwtEngine engine) {
        Instant now = now(engine);
        RefreshTokenPolicy policy = engine.settings().refreshTokens();
        String token = newToken();
        RefreshTokenStore.Entry entry = RefreshTokenStore.Entry.first(hash(token), user.id(), engine.settings().tokens().tenant(),
                now, now.plus(policy.expireIn()), now.plus(policy.maxLifetime()));
        store().add(entry);
        purgeIfDue(now, policy.retention());
        return new IssuedRefreshToken(token, entry.expiresAt());
    }

    /**
     * The user of a refresh token valid at {@code engine}'s tenant and accepted by the application's
     * {@link RefreshTokenValidator}s for {@code request}, with a successor when {@code rotate} and this request is the
     * one that rotates it.
     */
    public Redeemed redeem(String token, JwtEngine engine, boolean rotate, HttpServletRequest request) {
        RefreshTokenStore.Entry record = find(token, engine).orElseThrow(() -> new RefreshException(RefreshException.Reason.INVALID));
        Instant now = now(engine);
        RefreshTokenPolicy policy = engine.settings().refreshTokens();
        if (record.revokedAt().isPresent()) {
            throw new RefreshException(RefreshException.Reason.REVOKED);
        }
        Optional<Instant> rotatedAt = record.rotatedAt();
        if (rotatedAt.isPresent() && now.isAfter(rotatedAt.get().plus(policy.reuseGracePeriod()))) {
            int revoked = store().revokeFamily(record.family(), now);
            if (revoked > 0) { // once per family: parallel replays that lost the update have nothing to add
                metrics.reuseDetected(engine);
                LOG.log(Level.WARNING, "JWTAUTH0101W: a replaced refresh token of user {0} (tenant {1}) was presented {2} after "
                        + "it was replaced, past the grace period: its family is revoked ({3} tokens), the user must sign in again",
                        new Object[] {record.userId(), record.tenant().orElse("none"), Duration.between(rotatedAt.get(), now), revoked});
            }
            throw new RefreshException(RefreshException.Reason.REVOKED);
        }
        if (!now.isBefore(record.expiresAt())) {
            throw new RefreshException(RefreshException.Reason.EXPIRED);
        }
        User user = acceptedUser(record, now, request);
        if (rotatedAt.isPresent()) {
            return new Redeemed(user, Optional.empty());
        }
        Instant expiresAt = policy.extendAfterUsage().map(extension -> earliest(now.plus(extension), record.familyExpiresAt()))
                .orElse(record.expiresAt());
        if (!rotate) {
            if (expiresAt.isAfter(record.expiresAt()) && !store().extend(record, expiresAt)) {
                requireNotRevoked(record);
            }
            return new Redeemed(user, Optional.empty());
        }
        String successor = newToken();
        if (store().rotate(record, record.successor(hash(successor), now, expiresAt), now)) {
            return new Redeemed(user, Optional.of(new IssuedRefreshToken(successor, expiresAt)));
        }
        // Another request rotated it a moment ago (inside the grace period), or a logout revoked the family.
        requireNotRevoked(record);
        return new Redeemed(user, Optional.empty());
    }

    /** Revokes the token and its whole family (logout at {@code engine}'s tenant); unknown tokens are ignored. */
    public void revoke(String token, JwtEngine engine) {
        find(token, engine).ifPresent(record -> store().revokeFamily(record.family(), now(engine)));
    }

    /**
     * The user of an id as a refresh reads it: from the application's {@link UserSource}, else from jwtauth's store.
     * For a caller kept in the session, so that converting it to tokens reads the user as refreshing them will.
     */
    public Optional<User> user(String id) {
        return SpiBeans.chosen(applicationUsers, builtinUsers).user(id);
    }

    /**
     * Signs the user out everywhere at {@code engine}'s tenant: revokes every refresh token of the user issued there.
     * Access tokens already issued stay valid until they expire. How many tokens that were.
     */
    public int revokeAll(String userId, JwtEngine engine) {
        int revoked = store().revokeUser(userId, engine.settings().tokens().tenant(), now(engine));
        LOG.log(Level.FINE, "user {0} signed out everywhere: {1} refresh tokens revoked", new Object[] {userId, revoked});
        return revoked;
    }

    private User acceptedUser(RefreshTokenStore.Entry record, Instant now, HttpServletRequest request) {
        User user = user(record.userId()).orElseThrow(() -> new RefreshException(RefreshException.Reason.INVALID));
        if (user.isLockedAt(now)) {
            throw new RefreshException(RefreshException.Reason.LOCKED_OUT);
        }
        for (RefreshTokenValidator validator : validators) {
            if (!validator.isValid(user, request)) {
                throw new RefreshException(RefreshException.Reason.REJECTED);
            }
        }
        return user;
    }

    /** Throws if the record's family was revoked since it was read; a record deleted with its user is invalid. */
    private void requireNotRevoked(RefreshTokenStore.Entry record) {
        RefreshTokenStore.Entry now = store().find(record.tokenHash())
                .orElseThrow(() -> new RefreshException(RefreshException.Reason.INVALID));
        if (now.revokedAt().isPresent()) {
            throw new RefreshException(RefreshException.Reason.REVOKED);
        }
    }

    /** The stored token, if it is one of {@code engine}'s tenant: another tenant's is as unknown as a made-up one. */
    private Optional<RefreshTokenStore.Entry> find(String token, JwtEngine engine) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return store().find(hash(token)).filter(record -> record.tenant().equals(engine.settings().tokens().tenant()));
    }

    /**
     * Deletes a batch of rows that expired or were revoked more than {@code retention} ago, at most once a minute
     * (or once per retention, if shorter) per server. A failure is logged and does not fail the sign-in.
     */
    private void purgeIfDue(Instant now, Duration retention) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(earliest(PURGE_INTERVAL, retention)))) {
            return;
        }
        try {
            int purged = store().purge(now.minus(retention), PURGE_BATCH);
            LOG.log(Level.FINE, "purged {0} expired or revoked refresh tokens", purged);
        } catch (StoreUnavailableException e) {
            LOG.warning("JWTAUTH0102W: purging expired and revoked refresh tokens failed (logged above); a sign-in after "
                    + "the interval tries again");
        }
    }

    private RefreshTokenStore store() {
        return SpiBeans.chosen(applicationStore, builtinStore);
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

    private static <T extends Comparable<? super T>> T earliest(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant now(JwtEngine engine) {
        return Instant.now(engine.clock()).truncatedTo(ChronoUnit.MILLIS);
    }
}
