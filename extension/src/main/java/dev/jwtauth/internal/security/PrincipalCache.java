package dev.jwtauth.internal.security;

import dev.jwtauth.JwtPrincipal;

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
    private volatile ConcurrentHashMap<TokenText, JwtPrincipal> young;
    private volatile ConcurrentHashMap<TokenText, JwtPrincipal> old;

    PrincipalCache(int capacity) {
        this.generationSize = capacity;
        this.young = generation();
        this.old = generation();
    }

    /** A map sized for a whole generation: growing one under load rehashes it over and over. */
    private ConcurrentHashMap<TokenText, JwtPrincipal> generation() {
        return new ConcurrentHashMap<>(Math.max(16, generationSize * 4 / 3 + 1));
    }

    /** The principal of {@code token} if it was verified before and has not expired since. */
    Optional<JwtPrincipal> get(String token, long nowSeconds) {
        TokenText key = new TokenText(token);
        JwtPrincipal principal = young.get(key);
        if (principal == null) {
            principal = old.get(key);
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
        young.put(new TokenText(principal.token().raw()), principal);
    }

    /**
     * A token's text as a key, hashed over its last characters only: a token is some 400 characters, and hashing
     * them all cost four times the rest of a hit. They are its signature (an encrypted token's authentication tag),
     * as evenly spread as a hash of the whole text. Only valid tokens are cached, so nobody without the keys can put
     * colliding entries in; a presented token whose end matches a cached one only meets that entry, and equality
     * is always the whole text.
     */
    private record TokenText(String text) {
        private static final int HASHED = 16;

        @Override
        public int hashCode() {
            int hash = 0;
            for (int i = Math.max(0, text.length() - HASHED); i < text.length(); i++) {
                hash = 31 * hash + text.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenText token && text.equals(token.text);
        }
    }
}
