package dev.jwtauth.user;

/**
 * A password hash made by another system, for users moved to jwtauth's store with their passwords: they sign in with
 * the passwords they had, and at their first successful sign-in the hash is replaced by one of jwtauth's own. The
 * hash is checked for its format when made here, so a mistaken import fails at once rather than at sign-in.
 * <ul>
 *   <li>{@link #aspNetIdentityV3}: ASP.NET Core Identity's version 3 format, which ServiceStack's {@code PasswordHasher}
 *   writes (its {@code UserAuth.PasswordHash} when {@code Salt} is empty): PBKDF2 with HMAC-SHA1, -SHA256 or
 *   -SHA512, the iterations and salt in the hash;</li>
 *   <li>{@link #serviceStackSaltedHash}: ServiceStack's older {@code SaltedHash}: {@code PasswordHash} and
 *   {@code Salt} columns, SHA-256 of the password's UTF-8 bytes followed by the salt.</li>
 * </ul>
 */
public final class ImportedPassword implements NewPassword {
    private static final String ASP_NET_IDENTITY_V3 = "AspNetIdentityV3:";
    private static final String SALTED_SHA256 = "ServiceStackSaltedSha256:";

    private final String stored;

    private ImportedPassword(String stored) {
        this.stored = stored;
    }

    /** A hash in ASP.NET Core Identity's version 3 format (Base64, starting with the byte 0x01). */
    public static ImportedPassword aspNetIdentityV3(String passwordHash) {
        AspNetIdentityV3Hash.parse(passwordHash);
        return new ImportedPassword(ASP_NET_IDENTITY_V3 + passwordHash.strip());
    }

    /** ServiceStack's {@code SaltedHash}: the Base64 {@code PasswordHash} and {@code Salt} of a user. */
    public static ImportedPassword serviceStackSaltedHash(String passwordHash, String salt) {
        SaltedSha256Hash.parse(passwordHash, salt);
        return new ImportedPassword(SALTED_SHA256 + passwordHash.strip() + ":" + salt.strip());
    }

    /** How the store keeps it: a prefix naming the format, then the hash as the other system wrote it. */
    String stored() {
        return stored;
    }

    /** Whether a stored hash is an imported one (else it is jwtauth's own). */
    static boolean isImported(String stored) {
        return stored.startsWith(ASP_NET_IDENTITY_V3) || stored.startsWith(SALTED_SHA256);
    }

    /** Whether {@code password} is the one an imported {@code stored} hash was made from. */
    static boolean matches(String password, String stored) {
        if (stored.startsWith(ASP_NET_IDENTITY_V3)) {
            return AspNetIdentityV3Hash.parse(stored.substring(ASP_NET_IDENTITY_V3.length())).matches(password);
        }
        String[] hashAndSalt = stored.substring(SALTED_SHA256.length()).split(":", 2);
        return SaltedSha256Hash.parse(hashAndSalt[0], hashAndSalt[1]).matches(password);
    }

    /** Never the hash. */
    @Override
    public String toString() {
        return "ImportedPassword[" + stored.substring(0, stored.indexOf(':')) + "]";
    }
}
