package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wrong jwt.* value stops the deployment, and the server log names the property. Each scenario is one small
 * deployment that must fail to start.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadConfigurationIT {
    private static final Path MESSAGES = Path.of(System.getProperty("server.logs",
            "target/liberty/wlp/usr/servers/jwtauthItServer/logs"), "messages.log");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "bad-algorithm", managed = false, testable = false)
    static WebArchive badAlgorithm() {
        return SampleArchive.withConfig("bad-algorithm", "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\njwt.HashAlgorithm=HS999\n");
    }

    @Deployment(name = "short-key", managed = false, testable = false)
    static WebArchive shortKey() {
        return SampleArchive.withConfig("short-key", "jwt.AuthKeyBase64=c2hvcnQta2V5LTE2Ynl0ZQ==\n");
    }

    @Deployment(name = "bad-base64", managed = false, testable = false)
    static WebArchive badBase64() {
        return SampleArchive.withConfig("bad-base64", "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\njwt.AuthKeyBase64.1=not*base64!\n");
    }

    @Deployment(name = "rsa-without-key", managed = false, testable = false)
    static WebArchive rsaWithoutKey() {
        return SampleArchive.withConfig("rsa-without-key", "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\njwt.HashAlgorithm=RS256\n");
    }

    @Deployment(name = "no-key", managed = false, testable = false)
    static WebArchive noKey() {
        return SampleArchive.withConfig("no-key", "jwt.Issuer=nobody\n");
    }

    /** Misspelt, acme's key would be ignored and acme would run on the global key. */
    @Deployment(name = "misspelt-tenant-key", managed = false, testable = false)
    static WebArchive misspeltTenantKey() {
        return SampleArchive.withConfig("misspelt-tenant-key", "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY
                + "\njwt.TenantResolver=header\njwt.tenant.acme.AuthKeyBase46=" + DemoTokens.DEMO_KEY + "\n");
    }

    @Test
    void aMisspeltSettingStopsTheDeploymentNamingTheSettingItWasMeantToBe() throws IOException {
        assertRefused("misspelt-tenant-key",
                "jwt.tenant.acme.AuthKeyBase46: not a jwtauth setting; did you mean jwt.tenant.acme.AuthKeyBase64?");
    }

    @Test
    void anUnknownAlgorithmStopsTheDeployment() throws IOException {
        assertRefused("bad-algorithm", "jwt.HashAlgorithm: 'HS999' is not one of");
    }

    @Test
    void anHmacKeyShorterThanTheHashStopsTheDeployment() throws IOException {
        assertRefused("short-key", "jwt.AuthKeyBase64: has 16 bytes but HS256 needs a key of at least 32 bytes");
    }

    @Test
    void badBase64InAFallbackKeyStopsTheDeployment() throws IOException {
        assertRefused("bad-base64", "jwt.AuthKeyBase64.1: not valid Base64");
    }

    @Test
    void anRsaAlgorithmWithoutAnRsaKeyStopsTheDeployment() throws IOException {
        assertRefused("rsa-without-key", "jwt.HashAlgorithm: is RS256 but no RSA key");
    }

    @Test
    void noKeyAtAllStopsTheDeployment() throws IOException {
        assertRefused("no-key", "jwt.AuthKeyBase64: no key is configured");
    }

    private void assertRefused(String deployment, String expectedMessage) throws IOException {
        long logBefore = Files.exists(MESSAGES) ? Files.size(MESSAGES) : 0;
        assertThrows(DeploymentException.class, () -> deployer.deploy(deployment),
                deployment + " must not deploy");
        deployer.undeploy(deployment);
        String log = new String(Files.readAllBytes(MESSAGES), StandardCharsets.UTF_8).substring((int) logBefore);
        assertTrue(log.contains(expectedMessage), "the server log names the problem '" + expectedMessage + "':\n" + log);
    }
}
