package dev.jwtauth.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the principals of recently verified tokens by their exact text, so a client that sends the same token
 * again is not verified again. Sound because a token has one spelling (canonical Base64url is enforced), the
 * settings it was verified against never change at run time, and the only check that depends on the time —
 * expiry — is repeated on every hit. Only valid tokens are cached, so junk cannot fill it.
 * <p>
 * Bounded with two generations: new entries go to the young map; when it holds {@code capacity} entries it becomes
 * the old one and the previous old one is dropped; a hit in the old map moves the entry back to the young one. Every
 * operation is O(1), and tokens in use survive while those not seen for a generation go. So the last
 * {@code capacity} distinct tokens used are always remembered — {@code capacity} clients cycling through their
 * tokens never miss — and at most twice that many are held. (Generations of half the capacity, as before, missed
 * on every request once as many tokens as the capacity were in use.)
 */
final class PrincipalCache {
    private final int generationSize;
    private volatile ConcurrentHashMap<String, JwtPrincipal> young;
    private volatile ConcurrentHashMap<String, JwtPrincipal> old;

    PrincipalCache(int capacity) {
        this.generationSize = capacity;
        this.young = generation();
        this.old = generation();
    }

    /** A map sized for a whole generation: growing one under load rehashes it over and over. */
    private ConcurrentHashMap<String, JwtPrincipal> generation() {
        return new ConcurrentHashMap<>(Math.max(16, generationSize * 4 / 3 + 1));
    }

    /** The principal of {@code token} if it was verified before and has not expired since. */
    Optional<JwtPrincipal> get(String token, long nowSeconds) {
        JwtPrincipal principal = young.get(token);
        if (principal == null) {
            principal = old.get(token);
            if (principal == null) {
                return Optional.empty();
            }
            put(principal);
        }
        return nowSeconds < principal.token().expiresAt() ? Optional.of(principal) : Optional.empty();
    }

    void put(JwtPrincipal principal) {
        if (generationSize == 0) {
            return;
        }
        if (young.size() >= generationSize) {
            synchronized (this) {
                if (young.size() >= generationSize) {
                    old = young;
                    young = generation();
                }
            }
        }
        young.put(principal.token().raw(), principal);
    }
}
