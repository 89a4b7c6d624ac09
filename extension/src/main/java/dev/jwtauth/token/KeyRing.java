package dev.jwtauth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of one configuration: what signs new tokens (absent in a reader-only deployment) and what verifies
 * presented ones, primary first, then the fallback keys that keep tokens signed before a key rotation valid; and
 * the keys of a remote set (an issuer's JWK Set), asked after the configured ones.
 */
public record KeyRing(Optional<SigningKey> signingKey, List<VerificationKey> verificationKeys, Optional<RemoteKeys> remoteKeys) {

    public KeyRing {
        verificationKeys = List.copyOf(verificationKeys);
        // No keys at all: a ring that accepts no token and signs none (an application that does not use jwtauth
        // yet). A signing key, though, always verifies too.
        if (verificationKeys.isEmpty() && signingKey.isPresent()) {
            throw new IllegalArgumentException("a signing key needs a verification key");
        }
    }

    /** Configured keys only. */
    public KeyRing(Optional<SigningKey> signingKey, List<VerificationKey> verificationKeys) {
        this(signingKey, verificationKeys, Optional.empty());
    }

    /**
     * The key a token's {@code kid} names for this algorithm, if any: a configured one, else one of the remote set,
     * which is asked to refresh when it does not know the kid (a new key of the issuer's).
     */
    Optional<VerificationKey> named(String kid, JwsAlgorithm algorithm) {
        Optional<VerificationKey> key = named(verificationKeys, kid, algorithm);
        if (key.isPresent() || remoteKeys.isEmpty() || algorithm.isHmac()) {
            return key;
        }
        key = named(remoteKeys.get().current(), kid, algorithm);
        return key.isPresent() ? key : named(remoteKeys.get().refreshedFor(kid), kid, algorithm);
    }

    private static Optional<VerificationKey> named(List<VerificationKey> keys, String kid, JwsAlgorithm algorithm) {
        for (VerificationKey key : keys) {
            if (key.kid().equals(kid) && key.verifies(algorithm)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The keys a token is tried against when its {@code kid} names none: the configured ones, then the remote set's. */
    List<VerificationKey> candidates() {
        if (remoteKeys.isEmpty()) {
            return verificationKeys;
        }
        List<VerificationKey> remote = remoteKeys.get().current();
        if (verificationKeys.isEmpty()) {
            return remote;
        }
        List<VerificationKey> all = new ArrayList<>(verificationKeys);
        all.addAll(remote);
        return all;
    }

    /**
     * Whether any key verifies this algorithm. A remote set may come to hold keys of any public-key algorithm (a JWK
     * Set never carries HMAC secrets: they are skipped when it is read).
     */
    public boolean verifies(JwsAlgorithm algorithm) {
        if (remoteKeys.isPresent() && !algorithm.isHmac()) {
            return true;
        }
        for (VerificationKey key : verificationKeys) {
            if (key.verifies(algorithm)) {
                return true;
            }
        }
        return false;
    }
}
