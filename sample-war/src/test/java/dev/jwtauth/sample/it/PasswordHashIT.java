package dev.jwtauth.sample.it;


import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 600,000 iterations by default, and a stored hash of lower cost replaced
 * at the next sign-in once the configuration asks for more. Two deployments share the test server's database, like
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

    private static String passwordHash(String name) {
        return Http.get(Http.https(BEFORE, "/it-users/" + name + "/password-hash")).body();
    }
}
