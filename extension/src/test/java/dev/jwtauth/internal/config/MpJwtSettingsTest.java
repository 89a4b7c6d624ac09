package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.TokenPolicy;

/**
 * MicroProfile JWT's {@code mp.jwt.*} settings, read into the same settings as {@code jwt.*}: their meaning, the
 * rule for a setting named both ways (alike, or the deployment fails naming both), and per tenant
 * ({@code jwt.tenant.<id>.mp.jwt.*}).
 */
class MpJwtSettingsTest {
    private static final String ISSUER = "https://server.example.com";

    private static String resource(String name) {
        try (InputStream in = MpJwtSettingsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String RSA_PUBLIC = resource("rsa2048-spki.pem");
    private static final String EC_PUBLIC = resource("ec-p256-spki.pem");

    private static JwtSettings read(String... keysAndValues) {
        return JwtSettingsReader.read(MapConfig.of(keysAndValues));
    }

    private static InvalidConfigurationException refused(String... keysAndValues) {
        return assertThrows(InvalidConfigurationException.class, () -> Tenants.read(MapConfig.of(keysAndValues),
                java.time.Clock.systemUTC()));
    }

    @Test
    void aMicroProfileConfigurationVerifiesWithItsKeyIssuerAndAudiences() {
        JwtSettings settings = read("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", "aud1, aud2", "mp.jwt.verify.token.age", "300",
                "mp.jwt.verify.clock.skew", "5");
        TokenPolicy policy = settings.tokens();
        assertEquals(JwsAlgorithm.RS256, policy.algorithm(), "mp.jwt.verify.publickey.algorithm's default");
        assertTrue(policy.keys().signingKey().isEmpty(), "a public key verifies only");
        assertEquals(ISSUER, policy.issuer());
        assertTrue(policy.requiresIssuer(), "a configured issuer is required of every token");
        assertEquals(List.of("aud1", "aud2"), policy.audiences());
        assertTrue(policy.requiresAudience(), "configured audiences are required of every token");
        assertEquals(Optional.of(Duration.ofSeconds(300)), policy.maxTokenAge());
        assertEquals(Duration.ofSeconds(5), policy.clockSkew());
        assertTrue(settings.refuseInvalidTokens(), "a refused token fails its request, as the specification says");
        assertEquals(Optional.empty(), settings.mpTokenCookie(), "Authorization: jwtauth's places of a token");
    }

    @Test
    void es256AndTheTokenCookie() {
        JwtSettings settings = read("mp.jwt.verify.publickey", EC_PUBLIC, "mp.jwt.verify.publickey.algorithm", "ES256",
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.token.header", "Cookie", "mp.jwt.token.cookie", "jwt");
        assertEquals(JwsAlgorithm.ES256, settings.tokens().algorithm());
        assertEquals(Optional.of("jwt"), settings.mpTokenCookie());
        assertEquals(Optional.of("Bearer"), read("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.token.header", "Cookie").mpTokenCookie(), "the specification's default cookie name");
    }

    @Test
    void jwtauthsOwnSettingsKeepTheirMeaning() {
        JwtSettings settings = read("jwt.AuthKeyBase64", "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=");
        assertEquals(JwsAlgorithm.HS256, settings.tokens().algorithm());
        assertEquals("ssjwt", settings.tokens().issuer());
        assertTrue(!settings.tokens().requiresIssuer() && !settings.refuseInvalidTokens()
                && settings.tokens().maxTokenAge().isEmpty(), "ServiceStack's rules where no mp.jwt.* is set");
    }

    @Test
    void bothNamesOfOneSettingMustAgree() {
        // alike: accepted
        assertEquals(ISSUER, read("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.issuer", ISSUER,
                "jwt.Issuer", ISSUER).tokens().issuer());
        assertTrue(read("mp.jwt.verify.publickey", RSA_PUBLIC, "jwt.Issuer", ISSUER).tokens().requiresIssuer(),
                "jwtauth's name of the issuer, with MicroProfile JWT's key: required of every token too");
        assertEquals(JwsAlgorithm.RS256, read("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.issuer", ISSUER,
                "jwt.HashAlgorithm", "RS256", "mp.jwt.verify.publickey.algorithm", "RS256").tokens().algorithm());
        // contradictions: refused, naming both
        InvalidConfigurationException issuer = refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "jwt.Issuer", "other");
        assertEquals("mp.jwt.verify.issuer", issuer.property());
        assertTrue(issuer.getMessage().contains("jwt.Issuer"), issuer.getMessage());
        assertEquals("mp.jwt.verify.audiences", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.audiences", "a", "jwt.Audiences", "b").property());
        assertEquals("jwt.RequiresAudience", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.audiences", "a", "jwt.RequiresAudience", "false").property());
        assertEquals("mp.jwt.verify.clock.skew", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.clock.skew", "60", "jwt.AllowedClockSkew", "PT30S").property());
        assertEquals("mp.jwt.verify.publickey.algorithm", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.publickey.algorithm", "ES256", "jwt.HashAlgorithm", "RS256")
                .property());
    }

    @Test
    void badValuesAreRefusedNamingTheProperty() {
        assertEquals("mp.jwt.verify.issuer", refused("mp.jwt.verify.publickey", RSA_PUBLIC).property(),
                "a MicroProfile JWT key without an issuer");
        assertEquals("mp.jwt.verify.publickey.algorithm", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.publickey.algorithm", "HS256").property());
        assertEquals("mp.jwt.token.header", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.token.header", "X-Token").property());
        assertEquals("mp.jwt.verify.token.age", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.token.age", "soon").property());
        assertEquals("mp.jwt.decrypt.key.algorithm", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.decrypt.key.algorithm", "RSA1_5").property());
        assertEquals("mp.jwt.verify.publickey", refused("mp.jwt.verify.publickey", "not a key",
                "mp.jwt.verify.issuer", ISSUER).property());
        assertEquals("mp.jwt.verify.publickey.location", refused("mp.jwt.verify.publickey", RSA_PUBLIC,
                "mp.jwt.verify.publickey.location", "/publicKey.pem", "mp.jwt.verify.issuer", ISSUER).property(),
                "a key and a location: one of the two");
        assertEquals("mp.jwt.decrypt.key.location", refused("mp.jwt.decrypt.key.location", "/privateKey.pem",
                "mp.jwt.verify.issuer", ISSUER).property(), "decryption alone: the content could not be verified");
    }

    @Test
    void aMisspeltNameIsRefusedAsAJwtOneIs() {
        InvalidConfigurationException e = refused("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.isuer", ISSUER);
        assertEquals("mp.jwt.verify.isuer", e.property());
        assertTrue(e.getMessage().contains("did you mean mp.jwt.verify.issuer?"), e.getMessage());
    }

    @Test
    void perTenantAsJwtTenantIdMpJwt() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=",
                "jwt.tenant.acme.mp.jwt.verify.publickey", EC_PUBLIC,
                "jwt.tenant.acme.mp.jwt.verify.publickey.algorithm", "ES256",
                "jwt.tenant.acme.mp.jwt.verify.issuer", ISSUER,
                "jwt.tenant.acme.mp.jwt.verify.audiences", "acme-api");
        assertEquals(Set.of("acme"), SettingNames.check(config.getPropertyNames()).tenants());
        Tenants tenants = Tenants.read(config, java.time.Clock.systemUTC());
        TokenPolicy acme = tenants.configured("acme").orElseThrow().settings().tokens();
        assertEquals(JwsAlgorithm.ES256, acme.algorithm());
        assertEquals(ISSUER, acme.issuer());
        assertEquals(List.of("acme-api"), acme.audiences());
        assertEquals(1, acme.keys().verificationKeys().size(), "the tenant's key alone: keys are not mixed");
        assertEquals(JwsAlgorithm.HS256, tenants.global().settings().tokens().algorithm(), "the global settings are jwtauth's");
        // supplied by the application under the same names
        TokenPolicy supplied = JwtSettingsReader.readTenant(MapConfig.of("jwt.AuthKeyBase64",
                        "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A="), "globex",
                Map.of("mp.jwt.verify.publickey", RSA_PUBLIC, "mp.jwt.verify.issuer", "globex")).tokens();
        assertEquals(JwsAlgorithm.RS256, supplied.algorithm());
        assertEquals("globex", supplied.issuer());
        InvalidConfigurationException e = refused("jwt.AuthKeyBase64", "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=",
                "jwt.tenant.acme.mp.jwt.verify.publickey", EC_PUBLIC);
        assertEquals("jwt.tenant.acme.mp.jwt.verify.issuer", e.property(), "a tenant's property is named as set");
    }
}
