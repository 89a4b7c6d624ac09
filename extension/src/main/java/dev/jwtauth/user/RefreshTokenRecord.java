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

import dev.jwtauth.spi.RefreshTokenStore;

/**
 * The row of a {@link RefreshTokenStore.Entry} (which says what each field means) in jwtauth's table.
 */
@Entity
@Table(name = "JWTAUTH_REFRESH_TOKEN", indexes = {
        @Index(name = "JWTAUTH_REFRESH_FAMILY", columnList = "FAMILY"),
        @Index(name = "JWTAUTH_REFRESH_USER", columnList = "USER_ID"),
        @Index(name = "JWTAUTH_REFRESH_EXPIRES", columnList = "EXPIRES_AT")})
@NamedQuery(name = RefreshTokenRecord.BY_HASH, query = "SELECT t FROM RefreshTokenRecord t WHERE t.tokenHash = :hash")
@NamedQuery(name = RefreshTokenRecord.ROTATE, query = "UPDATE RefreshTokenRecord t SET t.rotatedAt = :now "
        + "WHERE t.tokenHash = :hash AND t.rotatedAt IS NULL AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.EXTEND, query = "UPDATE RefreshTokenRecord t SET t.expiresAt = :expiresAt "
        + "WHERE t.tokenHash = :hash AND t.revokedAt IS NULL AND t.expiresAt < :expiresAt")
@NamedQuery(name = RefreshTokenRecord.REVOKE_FAMILY, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.family = :family AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.REVOKE_OF_USER, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.userId = :userId AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.REVOKE_OF_USER_AT_TENANT, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.userId = :userId AND t.tenant = :tenant AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshTokenRecord.REVOKE_OF_USER_WITHOUT_TENANT, query = "UPDATE RefreshTokenRecord t SET t.revokedAt = :now "
        + "WHERE t.userId = :userId AND t.tenant IS NULL AND t.revokedAt IS NULL")
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
    static final String REVOKE_OF_USER_AT_TENANT = "jwtauth.RefreshToken.revokeOfUserAtTenant";
    static final String REVOKE_OF_USER_WITHOUT_TENANT = "jwtauth.RefreshToken.revokeOfUserWithoutTenant";
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

    @Column(name = "USER_ID", nullable = false, length = 128)
    String userId;

    @Column(name = "FAMILY", nullable = false, length = 43)
    String family;

    @Column(name = "TENANT", length = 128)
    String tenant;

    @Column(name = "ISSUED_AT", nullable = false)
    Instant issuedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    Instant expiresAt;

    @Column(name = "FAMILY_EXPIRES_AT", nullable = false)
    Instant familyExpiresAt;

    @Column(name = "ROTATED_AT")
    Instant rotatedAt;

    @Column(name = "REVOKED_AT")
    Instant revokedAt;

    /** For JPA only: records are made from entries, by {@link #of}. */
    protected RefreshTokenRecord() {
    }

    static RefreshTokenRecord of(RefreshTokenStore.Entry entry) {
        RefreshTokenRecord record = new RefreshTokenRecord();
        record.tokenHash = entry.tokenHash();
        record.userId = entry.userId();
        record.family = entry.family();
        record.tenant = entry.tenant().orElse(null);
        record.issuedAt = entry.issuedAt();
        record.expiresAt = entry.expiresAt();
        record.familyExpiresAt = entry.familyExpiresAt();
        record.rotatedAt = entry.rotatedAt().orElse(null);
        record.revokedAt = entry.revokedAt().orElse(null);
        return record;
    }

    RefreshTokenStore.Entry entry() {
        return new RefreshTokenStore.Entry(tokenHash, userId, family, Optional.ofNullable(tenant), issuedAt, expiresAt,
                familyExpiresAt, Optional.ofNullable(rotatedAt), Optional.ofNullable(revokedAt));
    }
}
