package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import dev.jwtauth.internal.LoggedMessages;

/** The INFO line per engine at start ({@code JWTAUTH0001I}): what an operator checks, and never a key. */
class StartUpSummaryTest {

    @Test
    void eachEngineSaysWhatItDoesWithWhichKeyIdsButNeverAKey() {
        String secret = key(7);
        String pem = resource("rsa2048-pkcs8.pem");
        String publicPem = resource("rsa2048-spki.pem");
        List<String> logged = logged(() -> Tenants.read(MapConfig.of("jwt.AuthKeyBase64", secret,
                "jwt.tenant.acme.HashAlgorithm", "RS256", "jwt.tenant.acme.PrivateKeyPem", pem, "jwt.tenant.acme.Issuer", "acme",
                "jwt.tenant.globex.HashAlgorithm", "RS256", "jwt.tenant.globex.PublicKeyPem", publicPem,
                "jwt.tenant.globex.RequireSecureConnection", "false", "jwt.tenant.globex.TokenCacheSize", "0"),
                Clock.systemUTC()));

        assertEquals(3, logged.size(), logged::toString);
        String acme = line(logged, "tenant acme: ");
        String globex = line(logged, "tenant globex: ");
        assertTrue(logged.get(0).matches("JWTAUTH0001I: the global settings \\(requests without a tenant\\): issues and "
                + "verifies tokens, algorithm HS256, key ids \\[([\\w-]+)\\] \\(signing with \\1\\), issuer ssjwt, "
                + "token cache 10000 tokens, tokens over HTTPS only \\(jwt.RequireSecureConnection=true\\)"), logged.get(0));
        assertTrue(acme.startsWith("JWTAUTH0001I: tenant acme: issues and verifies tokens, algorithm RS256, key ids ["), acme);
        assertTrue(acme.contains(", issuer acme, "), acme);
        assertTrue(globex.startsWith("JWTAUTH0001I: tenant globex: reader-only (verifies tokens, issues none), "
                + "algorithm RS256, key ids ["), globex);
        assertTrue(globex.endsWith(", token cache off, tokens over plain HTTP accepted too (jwt.RequireSecureConnection=false)"),
                globex);
        for (String line : logged) {
            assertFalse(line.contains(secret), line);
            for (String pemLine : (pem + publicPem).split("\n")) {
                assertFalse(pemLine.length() > 20 && !pemLine.startsWith("-----") && line.contains(pemLine), line);
            }
        }
    }

    /** The configured tenants are summarised in no particular order. */
    private static String line(List<String> logged, String about) {
        return logged.stream().filter(line -> line.startsWith("JWTAUTH0001I: " + about)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary of " + about + logged));
    }

    private static List<String> logged(Runnable action) {
        return LoggedMessages.during(Tenants.class, Level.INFO, action);
    }

    private static String key(long seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = StartUpSummaryTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
