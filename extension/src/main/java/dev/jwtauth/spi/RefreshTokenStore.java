package dev.jwtauth.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Where refresh tokens are kept: jwtauth's table ({@code JWTAUTH_REFRESH_TOKEN}) unless the application supplies a
 * bean of this type. jwtauth holds the policy (rotation, grace period, reuse detection, tenants); a store only keeps
 * entries and must make each conditional update atomic, because that is how concurrent requests, and servers sharing
 * the store, agree on who rotated a token. A store that cannot answer throws {@link StoreUnavailableException}.
 */
public interface RefreshTokenStore {

    /**
     * One refresh token as stored: never the token, only its SHA-256 (the token is 512 random bits, so a plain hash
     * is as good as a password hash and lets a look-up use an index). The tokens of one sign-in form a family: the
     * first one and each one that replaced another by rotation.
     *
     * @param userId          the id the user store or {@code UserSource} gave the user
     * @param tenant          the tenant whose sign-in issued it, none for the global settings: redeemed only there
     * @param familyExpiresAt the family's absolute deadline: sliding expiry never moves {@code expiresAt} past it
     * @param rotatedAt       when a successor replaced it; presenting it after the grace period is reuse
     */
    record Entry(String tokenHash, String userId, String family, Optional<String> tenant, Instant issuedAt,
                 Instant expiresAt, Instant familyExpiresAt, Optional<Instant> rotatedAt, Optional<Instant> revokedAt) {

        /**
         * The first token of a family. Every field a family shares is set here and copied by {@link #successor}, and
         * nowhere else, so a new field cannot be forgotten on rotation.
         */
        public static Entry first(String tokenHash, String userId, Optional<String> tenant, Instant now,
                                  Instant expiresAt, Instant familyExpiresAt) {
            return new Entry(tokenHash, userId, tokenHash, tenant, now, expiresAt, familyExpiresAt, Optional.empty(),
                    Optional.empty());
        }

        /** The token that replaces this one by rotation: same user, family, tenant and family deadline. */
        public Entry successor(String nextHash, Instant now, Instant nextExpiresAt) {
            return new Entry(nextHash, userId, family, tenant, now, nextExpiresAt, familyExpiresAt, Optional.empty(),
                    Optional.empty());
        }
    }

    /** The entry of a token hash. */
    Optional<Entry> find(String tokenHash);

    void add(Entry entry);

    /**
     * Marks {@code replaced} as rotated at {@code now} and adds {@code successor}, if no other request rotated it or
     * revoked it first; false (and nothing added) otherwise.
     */
    boolean rotate(Entry replaced, Entry successor, Instant now);

    /** Moves the expiry of {@code entry} forward to {@code expiresAt} unless it was revoked meanwhile; false then. */
    boolean extend(Entry entry, Instant expiresAt);

    /** Revokes every token of the family not revoked yet; how many that were. */
    int revokeFamily(String family, Instant now);

    /**
     * Revokes every token of the user issued at {@code tenant} (none: the global settings) that is not revoked yet,
     * whatever its family: "sign out everywhere". How many that were. Tokens of other tenants are left alone.
     */
    int revokeUser(String userId, Optional<String> tenant, Instant now);

    /** Deletes up to {@code limit} entries that expired or were revoked before {@code cutoff}; how many. */
    int purge(Instant cutoff, int limit);

    /** How many tokens of the user are neither revoked, rotated nor expired at {@code now}. */
    long live(String userId, Instant now);
}
