package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 600,000 iterations by default, and a stored hash of lower cost — or one
 * imported from ServiceStack — replaced at the next sign-in once the configuration asks for more. Two deployments share the test server's database, like
 * an application before and after raising {@code jwt.PasswordHashIterations}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PasswordHashIT {
    private static final String BEFORE = "hash-before";
    private static final String AFTER = "hash-after";

    @Deployment(name = BEFORE, testable = false)
    static WebArchive before() {
        return Services.withFixture(SampleArchive.asBuilt(BEFORE));
    }

    @Deployment(name = AFTER, testable = false)
    static WebArchive after() {
        return Services.withFixture(SampleArchive.withConfig(AFTER, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.PasswordHashIterations=700000\n"));
    }

    @Test
    void aHashOfLowerCostIsReplacedAtTheNextSignIn() {
        String name = Services.newUser(BEFORE, "rehash", "User");
        String original = passwordHash(name);
        assertTrue(original.startsWith("PBKDF2WithHmacSHA256:600000:"), "the default: " + original);

        Services.signIn(BEFORE, name, UserFixture.PASSWORD);
        assertTrue(passwordHash(name).equals(original), "same cost: left as it is");

        Services.signIn(AFTER, name, UserFixture.PASSWORD);
        String stronger = passwordHash(name);
        assertTrue(stronger.startsWith("PBKDF2WithHmacSHA256:700000:"), "re-hashed with the new cost: " + stronger);

        Services.signIn(BEFORE, name, UserFixture.PASSWORD);
        Services.signIn(AFTER, name, UserFixture.PASSWORD);
        assertTrue(passwordHash(name).equals(stronger), "a higher cost is never lowered");
    }

    /** PBKDF2-HMAC-SHA256, 10,000 iterations (ServiceStack's PasswordHasher), of the password below. */
    private static final String ASP_NET_V3 =
            "AQAAAAEAACcQAAAAEAABAgMEBQYHCAkKCwwNDg/Z+V9lwt+dKF0miCMAylvinj7VAFVmY4NcTGLicFFQIg==";
    private static final String ASP_NET_V3_PASSWORD = "correct horse battery staple";
    /** ServiceStack's SaltedHash of "p@55wOrd". */
    private static final String SS_HASH = "3vAoDW0As1lrN8rojr5grnPmTFII+X1UPyPrql0yTKg=";
    private static final String SS_SALT = "ESIzRA==";
    private static final String SS_PASSWORD = "p@55wOrd";

    @Test
    void aUserImportedWithAnAspNetIdentityHashSignsInWithItsPasswordAndThenHasOurHash() {
        String name = fresh("aspnet");
        assertStatus(200, importUsers("aspNetV3=" + encode(ASP_NET_V3), name));
        assertSignsInOnlyWith(name, ASP_NET_V3_PASSWORD, "AspNetIdentityV3:");
    }

    @Test
    void aUserImportedWithAServiceStackSaltedHashSignsInWithItsPasswordAndThenHasOurHash() {
        String name = fresh("sshash");
        assertStatus(200, importUsers("ssHash=" + encode(SS_HASH) + "&ssSalt=" + encode(SS_SALT), name));
        assertSignsInOnlyWith(name, SS_PASSWORD, "ServiceStackSaltedSha256:");
    }

    @Test
    void aBulkImportCreatesAllOrNone() {
        String first = fresh("bulk");
        String second = fresh("bulk");
        Http.Reply twice = importUsers("aspNetV3=" + encode(ASP_NET_V3), first, second, first.toUpperCase());
        assertStatus(409, twice);
        assertTrue(twice.body().contains(first.toUpperCase()), "names the user: " + twice.body());
        assertFalse(exists(first) || exists(second), "none of them was created");

        assertStatus(200, importUsers("aspNetV3=" + encode(ASP_NET_V3), first, second));
        Services.signIn(BEFORE, first, ASP_NET_V3_PASSWORD);
        Services.signIn(BEFORE, second, ASP_NET_V3_PASSWORD);

        String third = fresh("bulk");
        assertStatus(409, importUsers("aspNetV3=" + encode(ASP_NET_V3), third, second));
        assertFalse(exists(third), "a name taken in the store refuses the whole import");
    }

    private static void assertSignsInOnlyWith(String name, String password, String importedPrefix) {
        Http.Reply wrong = Services.postJson(Http.https(BEFORE, "/auth/credentials"), Services.signInBody(name, password + "!"));
        assertEquals(401, wrong.status(), () -> "a wrong password: " + wrong);
        assertTrue(passwordHash(name).startsWith(importedPrefix), "kept until the right password is given");

        Services.signIn(BEFORE, name, password);
        assertTrue(passwordHash(name).startsWith("PBKDF2WithHmacSHA256:600000:"), "replaced by ours: " + passwordHash(name));
        Services.signIn(BEFORE, name, password);
        Http.Reply old = Services.postJson(Http.https(BEFORE, "/auth/credentials"), Services.signInBody(name, password + "!"));
        assertEquals(401, old.status(), () -> "still refuses a wrong password: " + old);
    }

    private static Http.Reply importUsers(String hash, String name, String... others) {
        StringBuilder query = new StringBuilder(hash);
        for (String other : others) {
            query.append("&also=").append(encode(other));
        }
        return Services.post(Http.https(BEFORE, "/it-users/" + name + "/import?" + query));
    }

    private static void assertStatus(int expected, Http.Reply reply) {
        assertEquals(expected, reply.status(), reply::toString);
    }

    private static boolean exists(String name) {
        return Boolean.parseBoolean(Http.get(Http.https(BEFORE, "/it-users/" + name + "/exists")).body().strip());
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String passwordHash(String name) {
        return Http.get(Http.https(BEFORE, "/it-users/" + name + "/password-hash")).body();
    }
}
