package dev.jwtauth.user;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One refresh token as stored: never the token, only its SHA-256 — the token is 512 random bits, so a plain hash
 * is as good as a password hash here and lets a look-up use the index. Tokens of one sign-in form a family: the
 * first one and each one that replaced another by rotation.
 */
@Entity
@Table(name = "JWTAUTH_REFRESH_TOKEN", indexes = {
        @Index(name = "JWTAUTH_REFRESH_FAMILY", columnList = "FAMILY"),
        @Index(name = "JWTAUTH_REFRESH_USER", columnList = "USER_ID"),
        @Index(name = "JWTAUTH_REFRESH_EXPIRES", columnList = "EXPIRES_AT")})
@NamedQuery(name = RefreshTokenRecord.BY_HASH, query = "SELECT t FROM RefreshTokenRecord t WHERE t.tokenHash = :hash")
@NamedQuery(name = RefreshTokenRecord.ROTATE, query = "UPDATE RefreshTokenRecord t SET t.rotatedAt = :now "
        + "WHERE t.id = :id AND t.rotatedAt IS NULL AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.EXTEND, query = "UPDATE RefreshTokenRecord t SET t.expiresAt = :expiresAt "
        + "WHERE t.id = :id AND t.revokedAt IS NULL AND t.expiresAt < :expiresAt")
@NamedQuery(name = RefreshTokenRecord.REVOKE_FAMILY, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.family = :family AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.REVOKE_OF_USER, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.userId = :userId AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.DELETE_OF_USER, query = "DELETE FROM RefreshTokenRecord t WHERE t.userId = :userId")
@NamedQuery(name = RefreshTokenRecord.COUNT_LIVE_OF_USER, query = "SELECT COUNT(t) FROM RefreshTokenRecord t "
        + "WHERE t.userId = :userId AND t.revokedAt IS NULL AND t.rotatedAt IS NULL AND t.expiresAt > :now")
@NamedQuery(name = RefreshTokenRecord.PURGEABLE, query = "SELECT t.id FROM RefreshTokenRecord t "
        + "WHERE t.expiresAt < :cutoff OR t.revokedAt < :cutoff")
@NamedQuery(name = RefreshTokenRecord.DELETE_BY_IDS, query = "DELETE FROM RefreshTokenRecord t WHERE t.id IN :ids")
class RefreshTokenRecord {
    static final String BY_HASH = "jwtauth.RefreshToken.byHash";
    static final String ROTATE = "jwtauth.RefreshToken.rotate";
    static final String EXTEND = "jwtauth.RefreshToken.extend";
    static final String REVOKE_FAMILY = "jwtauth.RefreshToken.revokeFamily";
    static final String REVOKE_OF_USER = "jwtauth.RefreshToken.revokeOfUser";
    static final String DELETE_OF_USER = "jwtauth.RefreshToken.deleteOfUser";
    static final String COUNT_LIVE_OF_USER = "jwtauth.RefreshToken.countLiveOfUser";
    static final String PURGEABLE = "jwtauth.RefreshToken.purgeable";
    static final String DELETE_BY_IDS = "jwtauth.RefreshToken.deleteByIds";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "TOKEN_HASH", nullable = false, unique = true, length = 43)
    String tokenHash;

    /** {@code User.id()}: the store's id, or the id of the application's {@code UserSource}. */
    @Column(name = "USER_ID", nullable = false, length = 128)
    String userId;

    @Column(name = "FAMILY", nullable = false, length = 43)
    String family;

    /** The tenant whose sign-in issued it; none for the global settings. Redeemed only there. */
    @Column(name = "TENANT", length = 128)
    String tenant;

    @Column(name = "ISSUED_AT", nullable = false)
    Instant issuedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    Instant expiresAt;

    /** The family's absolute deadline: sliding expiry never moves {@link #expiresAt} past it. */
    @Column(name = "FAMILY_EXPIRES_AT", nullable = false)
    Instant familyExpiresAt;

    /** When a successor replaced this token; presenting it after the grace period is reuse. */
    @Column(name = "ROTATED_AT")
    Instant rotatedAt;

    @Column(name = "REVOKED_AT")
    Instant revokedAt;

    /** For JPA only: records are made by {@link #first} and {@link #successor}. */
    protected RefreshTokenRecord() {
    }

    /**
     * The first token of a family, issued at sign-in at {@code tenant} (none for the global settings). Every field
     * a family shares is set here and copied by {@link #successor}, and nowhere else.
     */
    static RefreshTokenRecord first(String tokenHash, String userId, Optional<String> tenant, Instant now,
                                    Instant expiresAt, Instant familyExpiresAt) {
        RefreshTokenRecord record = new RefreshTokenRecord();
        record.tokenHash = tokenHash;
        record.userId = userId;
        record.family = tokenHash;
        record.tenant = tenant.orElse(null);
        record.issuedAt = now;
        record.expiresAt = expiresAt;
        record.familyExpiresAt = familyExpiresAt;
        return record;
    }

    /** The token that replaces this one by rotation: same user, family, tenant and family deadline. */
    RefreshTokenRecord successor(String tokenHash, Instant now, Instant expiresAt) {
        RefreshTokenRecord next = first(tokenHash, userId, tenant(), now, expiresAt, familyExpiresAt);
        next.family = family;
        return next;
    }

    Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }
}
