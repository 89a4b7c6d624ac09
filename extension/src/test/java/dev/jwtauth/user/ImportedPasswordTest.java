package dev.jwtauth.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Password hashes imported from ServiceStack. The vectors were made with Python's {@code hashlib} (an implementation
 * of PBKDF2 and SHA-256 independent of the JDK's) following the formats' documentation: ASP.NET Core Identity v3's
 * layout {@code 0x01, prf, iterations, salt length (big-endian), salt, subkey} and ServiceStack's
 * {@code SaltedHash}, SHA-256 of the UTF-8 password followed by the salt. The same generator reproduces
 * ASP.NET Core's own published vector, which is checked here too.
 */
class ImportedPasswordTest {
    private static final String SHA256_10000 =
            "AQAAAAEAACcQAAAAEAABAgMEBQYHCAkKCwwNDg/Z+V9lwt+dKF0miCMAylvinj7VAFVmY4NcTGLicFFQIg==";
    private static final String SHA512_100000_UNICODE =
            "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg+Th/Oiqurs/5VdrHkcUlCy3MXjzKazJDiojWAPKYd2MQ==";
    private static final String SHA1_1000_SALT32_SUBKEY16 =
            "AQAAAAAAAAPoAAAAIGRlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDyJObtp//mT81G1qiY1/azw==";
    /** ASP.NET Core Identity's test vector V3_SHA512_100000iter_128salt_256subkey, of "my password". */
    private static final String ASP_NET_CORE_PUBLISHED =
            "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg/Q8A0WMKbtHQJQ2DHCdoEeeFBrgNlldq6vH4qX/CGqGQ==";
    private static final String UNICODE = "pässwörd€";

    @Test
    void aspNetIdentityV3HashesOfEachPrfMatchTheirPasswordOnly() {
        assertMatchesOnly(ImportedPassword.aspNetIdentityV3(SHA256_10000), "correct horse battery staple");
        assertMatchesOnly(ImportedPassword.aspNetIdentityV3(SHA512_100000_UNICODE), UNICODE);
        assertMatchesOnly(ImportedPassword.aspNetIdentityV3(SHA1_1000_SALT32_SUBKEY16), "my password");
        assertMatchesOnly(ImportedPassword.aspNetIdentityV3(ASP_NET_CORE_PUBLISHED), "my password");
    }

    @Test
    void serviceStackSaltedHashesMatchTheirPasswordOnly() {
        assertMatchesOnly(ImportedPassword.serviceStackSaltedHash("3vAoDW0As1lrN8rojr5grnPmTFII+X1UPyPrql0yTKg=", "ESIzRA=="),
                "p@55wOrd");
        assertMatchesOnly(ImportedPassword.serviceStackSaltedHash("36O4PxrpDdGm8uCo5S8VUMkn8o+b4ZRdHXQGMuwRyN8=", "/gGAfw=="),
                UNICODE);
    }

    @Test
    void theSaltCounts() {
        // the hash of "p@55wOrd" with another salt
        ImportedPassword other = ImportedPassword.serviceStackSaltedHash("3vAoDW0As1lrN8rojr5grnPmTFII+X1UPyPrql0yTKg=", "/gGAfw==");
        assertFalse(ImportedPassword.matches("p@55wOrd", other.stored()));
    }

    @Test
    void jwtauthsOwnHashesAreNotImportedOnes() {
        assertFalse(ImportedPassword.isImported("PBKDF2WithHmacSHA256:600000:c2FsdA==:aGFzaA=="));
        assertTrue(ImportedPassword.isImported(ImportedPassword.aspNetIdentityV3(SHA256_10000).stored()));
    }

    @Test
    void aMalformedAspNetHashIsRefusedWhenImportedSayingWhy() {
        assertRefused("not Base64", () -> ImportedPassword.aspNetIdentityV3("not base64!"));
        assertRefused("empty", () -> ImportedPassword.aspNetIdentityV3(" "));
        assertRefused("version 2", () -> ImportedPassword.aspNetIdentityV3(
                "AAABAgMEBQYHCAkKCwwNDg+ukCEMDf0yyQ29NYubggHIVY0sdEUfdyeM+E1LtH1uJg=="));
        assertRefused("too short", () -> ImportedPassword.aspNetIdentityV3(v3(1, 10000, 0, 0).substring(0, 8)));
        assertRefused("PRF 3", () -> ImportedPassword.aspNetIdentityV3(v3(3, 10000, 16, 48)));
        assertRefused("PRF 4294967295", () -> ImportedPassword.aspNetIdentityV3(v3(-1, 10000, 16, 48)));
        assertRefused("iteration count 0", () -> ImportedPassword.aspNetIdentityV3(v3(1, 0, 16, 48)));
        assertRefused("iteration count 2147483647", () -> ImportedPassword.aspNetIdentityV3(v3(1, Integer.MAX_VALUE, 16, 48)));
        assertRefused("shorter than 16 bytes", () -> ImportedPassword.aspNetIdentityV3(v3(1, 10000, 8, 40)));
        assertRefused("shorter than 16 bytes", () -> ImportedPassword.aspNetIdentityV3(v3(1, 10000, 16, 24)));
        assertRefused("shorter than 16 bytes", () -> ImportedPassword.aspNetIdentityV3(v3(1, 10000, 1000, 48)));
    }

    @Test
    void aMalformedServiceStackHashIsRefusedWhenImportedSayingWhy() {
        assertRefused("PasswordHash is not 32 bytes", () -> ImportedPassword.serviceStackSaltedHash("ESIzRA==", "ESIzRA=="));
        assertRefused("PasswordHash is empty", () -> ImportedPassword.serviceStackSaltedHash(null, "ESIzRA=="));
        assertRefused("Salt is empty", () -> ImportedPassword.serviceStackSaltedHash("3vAoDW0As1lrN8rojr5grnPmTFII+X1UPyPrql0yTKg=", ""));
        assertRefused("Salt is not Base64", () -> ImportedPassword.serviceStackSaltedHash("3vAoDW0As1lrN8rojr5grnPmTFII+X1UPyPrql0yTKg=", "%%"));
    }

    @Test
    void neitherShowsTheHash() {
        ImportedPassword imported = ImportedPassword.aspNetIdentityV3(SHA256_10000);
        assertFalse(imported.toString().contains("AQAA"), imported.toString());
        assertFalse(NewUser.imported("alice", imported).toString().contains("AQAA"));
        assertFalse(NewUser.of("alice", "secret-password").toString().contains("secret-password"));
    }

    private static void assertMatchesOnly(ImportedPassword imported, String password) {
        String stored = imported.stored();
        assertTrue(ImportedPassword.matches(password, stored), "the password it was made from");
        assertFalse(ImportedPassword.matches(password + "x", stored), "one character more");
        assertFalse(ImportedPassword.matches(password.substring(1), stored), "one character less");
        assertFalse(ImportedPassword.matches(password.toUpperCase(), stored), "another case");
        assertFalse(ImportedPassword.matches("", stored), "empty");
    }

    private static void assertRefused(String reason, Runnable importing) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, importing::run);
        assertTrue(e.getMessage().contains(reason), e.getMessage() + " should say " + reason);
    }

    /** A version 3 header declaring this salt length, followed by {@code saltAndSubkey} zero bytes. */
    private static String v3(int prf, int iterations, int saltLength, int saltAndSubkey) {
        ByteBuffer bytes = ByteBuffer.allocate(13 + saltAndSubkey);
        bytes.put((byte) 1).putInt(prf).putInt(iterations).putInt(saltLength);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
