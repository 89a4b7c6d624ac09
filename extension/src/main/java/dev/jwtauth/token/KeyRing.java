package dev.jwtauth.token;

import java.util.List;
import java.util.Optional;

/**
 * The keys of one configuration: what signs new tokens (absent in a reader-only deployment) and what verifies
 * presented ones, primary first, then the fallback keys that keep tokens signed before a key rotation valid.
 */
public record KeyRing(Optional<SigningKey> signingKey, List<VerificationKey> verificationKeys) {

    public KeyRing {
        verificationKeys = List.copyOf(verificationKeys);
        // No keys at all: a ring that accepts no token and signs none (an application that does not use jwtauth
        // yet). A signing key, though, always verifies too.
        if (verificationKeys.isEmpty() && signingKey.isPresent()) {
            throw new IllegalArgumentException("a signing key needs a verification key");
        }
    }

    /** The key a token's {@code kid} names for this algorithm, if any. */
    Optional<VerificationKey> named(String kid, JwsAlgorithm algorithm) {
        for (VerificationKey key : verificationKeys) {
            if (key.kid().equals(kid) && key.verifies(algorithm)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Whether any key verifies this algorithm's family. */
    public boolean verifies(JwsAlgorithm algorithm) {
        for (VerificationKey key : verificationKeys) {
            if (key.verifies(algorithm)) {
                return true;
            }
        }
        return false;
    }
}
