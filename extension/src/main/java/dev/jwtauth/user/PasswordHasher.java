package dev.jwtauth.user;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import dev.jwtauth.internal.config.JwtEngine;

/**
 * Password hashes with Jakarta Security's {@link Pbkdf2PasswordHash}: PBKDF2-HMAC-SHA256, a 32-byte random salt,
 * the configured iterations ({@code jwt.PasswordHashIterations}). Stored as {@code algorithm:iterations:salt:hash},
 * so a hash made with fewer iterations (an older setting) is still verified, and then replaced — as is an
 * {@link ImportedPassword imported hash}.
 */
@ApplicationScoped
class PasswordHasher {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String OWN_PREFIX = ALGORITHM + ":";

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    JwtEngine engine;

    private int iterations;
    private String decoy;

    @PostConstruct
    void prepare() {
        iterations = engine.settings().passwordHashIterations();
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        // Made before the first sign-in, so no sign-in takes longer by making it.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoy = hash(HexFormat.of().formatHex(random));
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** What the store keeps for a new user's password. */
    String hash(NewPassword password) {
        return password instanceof ImportedPassword imported ? imported.stored() : hash(((NewPassword.Plain) password).password());
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. An imported hash is checked and then the time
     * of one of ours is spent too: most imported hashes are far cheaper, and a fast answer would tell that the user
     * exists (and has not signed in since the import). A stored value of no known format
     * matches no password.
     */
    public boolean verify(String password, String stored) {
        if (stored.startsWith(OWN_PREFIX)) {
            return pbkdf2.verify(password.toCharArray(), stored);
        }
        boolean matches = ImportedPassword.isImported(stored) && ImportedPassword.matches(password, stored);
        verifyNothing(password);
        return matches;
    }

    /**
     * Spends the time of one verification against a hash of the current cost, for a user name that does not
     * exist: a sign-in must not reveal by its speed which user names are taken.
     */
    public void verifyNothing(String password) {
        pbkdf2.verify(password.toCharArray(), decoy);
    }

    /** Whether {@code stored} was made with another algorithm or fewer iterations than configured now. */
    public boolean needsRehash(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !stored.startsWith(OWN_PREFIX)) {
            return true;
        }
        try {
            return Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
