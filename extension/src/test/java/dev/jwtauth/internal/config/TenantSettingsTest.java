package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.VerificationKey;

/**
 * Per-tenant settings: {@code jwt.tenant.<id>.<Property>} (or a value the application supplies) over
 * {@code jwt.<Property>}, keys never mixed between a tenant and the global configuration, and errors that name the
 * tenant's property.
 */
class TenantSettingsTest {
    private static final String GLOBAL_KEY = key(1);
    private static final String ACME_KEY = key(2);
    private static final String ACME_OLD_KEY = key(3);

    private static String key(long seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = TenantSettingsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> hmacKids(TokenPolicy policy) {
        return policy.keys().verificationKeys().stream().map(VerificationKey::kid).toList();
    }

    @Test
    void theTenantsAreThoseTheConfigurationNames() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.AuthKeyBase64", ACME_KEY,
                "jwt.tenant.acme.AuthKeyBase64.1", ACME_OLD_KEY, "jwt.tenant.globex.Issuer", "globex",
                "jwt.tenant.initech-2.ExpireTokensIn", "PT1H");
        assertEquals(Set.of("acme", "globex", "initech-2"), SettingNames.check(config.getPropertyNames()).tenants());
    }

    @Test
    void aTenantWithItsOwnKeysHasNoneOfTheGlobalOnes() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.AuthKeyBase64.1", key(9),
                "jwt.Issuer", "global-issuer",
                "jwt.tenant.acme.AuthKeyBase64", ACME_KEY, "jwt.tenant.acme.AuthKeyBase64.1", ACME_OLD_KEY);
        TokenPolicy acme = JwtSettingsReader.readTenant(config, "acme", Map.of()).tokens();
        assertEquals(List.of(HmacKey.fromBase64(ACME_KEY).kid(), HmacKey.fromBase64(ACME_OLD_KEY).kid()), hmacKids(acme),
                "acme's key and its fallback, not the global ones");
        assertEquals(Optional.of("acme"), acme.tenant(), "the tenant its tokens are bound to");
        assertEquals("global-issuer", acme.issuer(), "what the tenant does not set comes from jwt.*");
        assertEquals(Optional.empty(), JwtSettingsReader.read(config).tokens().tenant(), "the global settings have no tenant");
    }

    @Test
    void aTenantWithoutKeysSharesTheGlobalKeysButNotItsTokens() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.globex.ExpireTokensIn", "PT15M");
        TokenPolicy globex = JwtSettingsReader.readTenant(config, "globex", Map.of()).tokens();
        assertEquals(List.of(HmacKey.fromBase64(GLOBAL_KEY).kid()), hmacKids(globex));
        assertEquals(Duration.ofMinutes(15), globex.expireTokensIn());
        assertEquals(Optional.of("globex"), globex.tenant());
    }

    @Test
    void tenantsMayUseAnotherAlgorithm() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.globex.HashAlgorithm", "RS256", "jwt.tenant.globex.PrivateKeyPem", resource("rsa2048-pkcs8.pem"));
        JwtSettings globex = JwtSettingsReader.readTenant(config, "globex", Map.of());
        assertEquals(JwsAlgorithm.RS256, globex.tokens().algorithm());
        assertTrue(globex.tokens().keys().signingKey().isPresent());
    }

    @Test
    void aKeyTheGlobalSettingsAndTenantsShareIsParsedOnce() {
        String pem = resource("rsa2048-pkcs8.pem");
        Tenants tenants = Tenants.read(MapConfig.of("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", pem,
                "jwt.tenant.acme.Issuer", "acme", "jwt.tenant.globex.PrivateKeyPem", pem), Clock.systemUTC());
        RSAPrivateCrtKey global = privateKey(tenants.global());
        assertSame(global, privateKey(tenants.configured("acme").orElseThrow()), "a tenant sharing the global keys");
        assertSame(global, privateKey(tenants.configured("globex").orElseThrow()), "a tenant naming the same key");
    }

    private static RSAPrivateCrtKey privateKey(JwtEngine engine) {
        return ((RsaSigningKey) engine.settings().tokens().keys().signingKey().orElseThrow()).privateKey();
    }

    @Test
    void valuesTheApplicationSuppliesComeBeforeTheConfiguration() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.AuthKeyBase64", ACME_KEY);
        TokenPolicy acme = JwtSettingsReader.readTenant(config, "acme", Map.of("AuthKeyBase64", key(5), "Issuer", "from-db")).tokens();
        assertEquals(List.of(HmacKey.fromBase64(key(5)).kid()), hmacKids(acme));
        assertEquals("from-db", acme.issuer());
        TokenPolicy dynamic = JwtSettingsReader.readTenant(config, "newco", Map.of("AuthKeyBase64", key(6))).tokens();
        assertEquals(List.of(HmacKey.fromBase64(key(6)).kid()), hmacKids(dynamic), "a tenant only the application knows");
    }

    @Test
    void errorsNameTheTenantsProperty() {
        assertInvalid("jwt.tenant.acme.AuthKeyBase64", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.acme.AuthKeyBase64", "c2hvcnQ="), "acme", Map.of());
        assertInvalid("jwt.tenant.acme.AuthKeyBase64.2", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.acme.AuthKeyBase64", ACME_KEY, "jwt.tenant.acme.AuthKeyBase64.2", ACME_OLD_KEY), "acme", Map.of());
        assertInvalid("jwt.tenant.acme.CookieSameSite", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.acme.CookieSameSite", "sometimes"), "acme", Map.of());
        assertInvalid("jwt.tenant.acme.ExpireTokensIn", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.acme.ExpireTokensIn", "PT0S"), "acme", Map.of());
        assertInvalid("jwt.tenant.acme.HashAlgorithm", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY,
                "jwt.tenant.acme.HashAlgorithm", "RS256"), "acme", Map.of());
        assertInvalid("jwt.tenant.acme.AuthKeyBase64 (supplied by the application)",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY), "acme", Map.of("AuthKeyBase64", "not base64!"));
        assertInvalid("jwt.ExpireTokensIn", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.ExpireTokensIn", "soon"),
                "acme", Map.of());
        assertInvalid("jwt.tenant.a.b", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY), "a.b", Map.of());
    }

    private static void assertInvalid(String property, MapConfig config, String tenant, Map<String, String> supplied) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.readTenant(config, tenant, supplied), "must be refused: " + property);
        assertEquals(property, e.property(), e.getMessage());
    }
}
