package dev.jwtauth.sample.tck;

import java.util.List;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import java.util.List;

import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.jwtauth.sample.it.SampleArchive;

/**
 * Adds jwtauth to every WAR the TCK deploys, as an application's build does: the jars of the sample's WEB-INF/lib
 * (the extension and what it brings). The server has no {@code mpJwt} feature, so jwtauth is the only MicroProfile
 * JWT implementation the TCK meets; the WAR's {@code mp.jwt.*} configuration is the TCK's own.
 * <p>
 * One setting is the harness's: the TCK calls its applications over plain HTTP, and jwtauth refuses a token sent
 * over a connection that is not secure unless the application says it is behind no network an attacker can read
 * ({@code jwt.RequireSecureConnection=false}). Like any application setting it comes in the WAR, here in a jar of
 * its own so that the TCK's {@code microprofile-config.properties} stays as the TCK wrote it; the product's default
 * stays true for every other application.
 * <p>
 * One TCK class, {@code RsaKeySignatureTest}, verifies with a 1024-bit RSA key, which jwtauth refuses unless the
 * application lowers its minimum for verification keys ({@code jwt.MinRsaKeyBits=1024}), as one trusting an issuer
 * with such a key would. Its deployment alone gets that setting: every other test runs with the default, 2048.
 * <p>
 * The optional groups' classes (EJB, JACC, servlet) are of MicroProfile JWT 1.0's kind: their WARs carry the TCK's
 * {@code /publicKey.pem} but no {@code microprofile-config.properties}, leaving the key and issuer to the
 * implementation's configuration. The harness supplies them as such an application would:
 * {@code mp.jwt.verify.publickey.location=/publicKey.pem} and the issuer of the TCK's tokens.
 */
public final class JwtAuthArchiveProcessor implements ApplicationArchiveProcessor {
    private static final String HARNESS_SETTINGS = "jwt.RequireSecureConnection=false\n";
    private static final String SMALL_RSA_KEY_TEST = "org.eclipse.microprofile.jwt.tck.container.jaxrs.RsaKeySignatureTest";
    private static final String SMALL_RSA_KEY_SETTINGS = "jwt.MinRsaKeyBits=1024\n";
    private static final List<String> OPTIONAL_PACKAGES = List.of("org.eclipse.microprofile.jwt.tck.container.ejb.",
            "org.eclipse.microprofile.jwt.tck.container.jacc.", "org.eclipse.microprofile.jwt.tck.container.servlet.");
    private static final String OPTIONAL_SETTINGS = "mp.jwt.verify.publickey.location=/publicKey.pem\n"
            + "mp.jwt.verify.issuer=https://server.example.com\n";

    /** The TCK's own test classes; jwtauth's Arquillian tests deploy the sample, which has all of this already. */
    static boolean isTck(String testClass) {
        return testClass.startsWith("org.eclipse.microprofile.jwt.tck.");
    }

    /** The harness's settings of one test class's deployment. */
    static String settings(String testClass) {
        if (optional(testClass)) {
            return HARNESS_SETTINGS + OPTIONAL_SETTINGS;
        }
        return testClass.equals(SMALL_RSA_KEY_TEST) ? HARNESS_SETTINGS + SMALL_RSA_KEY_SETTINGS : HARNESS_SETTINGS;
    }

    private static boolean optional(String testClass) {
        return OPTIONAL_PACKAGES.stream().anyMatch(testClass::startsWith);
    }

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!(archive instanceof WebArchive war) || !isTck(testClass.getName())) {
            return;
        }
        SampleArchive.libraries(war);
        // An application the TCK deploys without any configuration (UnsecuredPingTest: no MicroProfile JWT at all)
        // stays so: it is what an application that has the jar but does not use it looks like.
        if (optional(testClass.getName())
                || !war.getContent(Filters.include(".*/microprofile-config\\.properties")).isEmpty()) {
            war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "jwtauth-tck-harness.jar")
                    .addAsManifestResource(new StringAsset(settings(testClass.getName())), "microprofile-config.properties"));
        }
    }
}
