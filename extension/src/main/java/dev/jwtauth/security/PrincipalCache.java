package dev.jwtauth.security;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the principals of recently verified tokens by their exact text, so a client that sends the same token
 * again is not verified again. Sound because a token has one spelling (canonical Base64url is enforced), the
 * settings it was verified against never change at run time, and the only check that depends on the time —
 * expiry — is repeated on every hit. Only valid tokens are cached (junk cannot fill it), and it is bounded: at
 * capacity an arbitrary entry makes room.
 */
final class PrincipalCache {
    private final int capacity;
    private final ConcurrentHashMap<String, JwtPrincipal> principals;

    PrincipalCache(int capacity) {
        this.capacity = capacity;
        this.principals = new ConcurrentHashMap<>(Math.max(16, Math.min(capacity, 1 << 16)));
    }

    /** The principal of {@code token} if it was verified before and has not expired since. */
    Optional<JwtPrincipal> get(String token, long nowSeconds) {
        JwtPrincipal principal = principals.get(token);
        if (principal == null) {
            return Optional.empty();
        }
        if (nowSeconds >= principal.token().expiresAt()) {
            principals.remove(token);
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    void put(JwtPrincipal principal) {
        if (capacity == 0) {
            return;
        }
        if (principals.size() >= capacity) {
            Iterator<String> any = principals.keySet().iterator();
            if (any.hasNext()) {
                principals.remove(any.next());
            }
        }
        principals.put(principal.token().raw(), principal);
    }
}
