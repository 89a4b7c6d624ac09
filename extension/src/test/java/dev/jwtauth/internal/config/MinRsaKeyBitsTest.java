package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jwtauth.internal.LoggedMessages;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.VerifiedToken;

/**
 * {@code jwt.MinRsaKeyBits}: RSA keys of fewer than 2048 bits are refused unless a deployment (or one tenant) lowers
 * the minimum for the keys that only verify, an issuer's older keys; a key that signs never gets below 2048 bits.
 */
class MinRsaKeyBitsTest {
    private static final String TOO_SMALL = "RSA keys must be at least 2048 bits (this one has 1024)";
    private static RSAPrivateCrtKey smallKey;
    private static String smallPublicPem;
    private static String smallPrivatePem;

    @BeforeAll
    static void generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        smallKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        smallPublicPem = RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(smallKey));
        smallPrivatePem = RsaKeyFormats.toPem(smallKey);
    }

    @Test
    void aSmallPublicKeyIsRefusedByDefaultNamingItsSetting() {
        assertRefused("jwt.PublicKeyPem", TOO_SMALL, "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", smallPublicPem);
        assertRefused("jwt.PublicKeyXml.1", TOO_SMALL, "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyPem", resource("rsa2048-spki.pem"),
                "jwt.PublicKeyXml.1", RsaKeyFormats.toXml(RsaKeyFormats.publicKeyOf(smallKey)));
        assertRefused("mp.jwt.verify.publickey", TOO_SMALL, "mp.jwt.verify.publickey", smallPublicPem,
                "mp.jwt.verify.issuer", "https://issuer.example");
    }

    @Test
    void loweredItVerifiesTokensOfTheSmallKey() throws Exception {
        for (String[] configuration : List.of(
                new String[] {"jwt.MinRsaKeyBits", "1024", "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", smallPublicPem,
                        "jwt.Issuer", "https://issuer.example"},
                new String[] {"jwt.MinRsaKeyBits", "1024", "mp.jwt.verify.publickey", smallPublicPem,
                        "mp.jwt.verify.issuer", "https://issuer.example"})) {
            JwtSettings settings = JwtSettingsReader.read(MapConfig.of(configuration));
            VerifiedToken token = new TokenReader(settings.tokens(), Clock.systemUTC()).read(signedBySmallKey());
            assertEquals("alice", token.string("sub").orElseThrow());
        }
    }

    @Test
    void aTokenOfTheSmallKeyIsNotAcceptedByAKeyOfAnother() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String otherPem = RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate()));
        JwtSettings settings = JwtSettingsReader.read(MapConfig.of("jwt.MinRsaKeyBits", "1024", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyPem", otherPem, "jwt.Issuer", "https://issuer.example"));
        TokenReader reader = new TokenReader(settings.tokens(), Clock.systemUTC());
        String token = signedBySmallKey();
        assertThrows(TokenException.class, () -> reader.read(token));
    }

    @Test
    void aSmallKeyNeverSigns() {
        assertRefused("jwt.PrivateKeyPem", TOO_SMALL, "jwt.MinRsaKeyBits", "1024", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", smallPrivatePem);
        assertRefused("jwt.PrivateKeyPem.1", TOO_SMALL, "jwt.MinRsaKeyBits", "1024", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", resource("rsa2048-pkcs8.pem"), "jwt.PrivateKeyPem.1", smallPrivatePem);
    }

    @Test
    void theMinimumIsAWholeNumberOfAtLeast1024() {
        String key = resource("rsa2048-spki.pem");
        assertRefused("jwt.MinRsaKeyBits", "is 1023 but must be at least 1024", "jwt.MinRsaKeyBits", "1023",
                "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", key);
        assertRefused("jwt.MinRsaKeyBits", "is -1 but must be at least 1024", "jwt.MinRsaKeyBits", "-1",
                "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", key);
        assertRefused("jwt.MinRsaKeyBits", "'1k' is not a whole number", "jwt.MinRsaKeyBits", "1k",
                "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", key);
        InvalidConfigurationException tenant = assertThrows(InvalidConfigurationException.class,
                () -> Tenants.read(MapConfig.of("jwt.AuthKeyBase64", authKey(), "jwt.tenant.acme.MinRsaKeyBits", "512"),
                        Clock.systemUTC()));
        assertEquals("jwt.tenant.acme.MinRsaKeyBits", tenant.property());
    }

    @Test
    void raisedItRefusesKeysSmallerThanIt() {
        assertRefused("jwt.PublicKeyPem", "RSA keys must be at least 3072 bits (this one has 2048)",
                "jwt.MinRsaKeyBits", "3072", "jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", resource("rsa2048-spki.pem"));
    }

    @Test
    void eachTenantHasItsOwnMinimum() throws Exception {
        // The same key text in the global scope and two tenants: what one scope accepted is not what another may.
        MapConfig config = MapConfig.of("jwt.MinRsaKeyBits", "1024", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyPem", smallPublicPem, "jwt.Issuer", "https://issuer.example",
                "jwt.tenant.acme.Issuer", "https://issuer.example",
                "jwt.tenant.globex.MinRsaKeyBits", "2048", "jwt.tenant.globex.HashAlgorithm", "RS256",
                "jwt.tenant.globex.PublicKeyPem", smallPublicPem);
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> Tenants.read(config, Clock.systemUTC()));
        assertEquals("jwt.tenant.globex.PublicKeyPem", refused.property());
        assertTrue(refused.getMessage().contains(TOO_SMALL), refused.getMessage());

        Tenants tenants = Tenants.read(MapConfig.of("jwt.AuthKeyBase64", authKey(),
                "jwt.tenant.acme.MinRsaKeyBits", "1024", "jwt.tenant.acme.mp.jwt.verify.publickey", smallPublicPem,
                "jwt.tenant.acme.mp.jwt.verify.issuer", "https://issuer.example"), Clock.systemUTC());
        assertEquals("alice", tenants.configured("acme").orElseThrow().reader()
                .read(signedBySmallKey(Map.of(TokenPolicy.TENANT_CLAIM, "acme")))
                .string("sub").orElseThrow());
        // a tenant that does not lower it is refused the same key text as one that does (read after it)
        InvalidConfigurationException initech = assertThrows(InvalidConfigurationException.class,
                () -> Tenants.read(MapConfig.of("jwt.AuthKeyBase64", authKey(),
                        "jwt.tenant.acme.MinRsaKeyBits", "1024", "jwt.tenant.acme.mp.jwt.verify.publickey", smallPublicPem,
                        "jwt.tenant.acme.mp.jwt.verify.issuer", "https://issuer.example",
                        "jwt.tenant.initech.mp.jwt.verify.publickey", smallPublicPem,
                        "jwt.tenant.initech.mp.jwt.verify.issuer", "https://issuer.example"), Clock.systemUTC()));
        assertEquals("jwt.tenant.initech.mp.jwt.verify.publickey", initech.property());
    }

    @Test
    void loweringItIsAWarningNamingTheScopeButNoKey() {
        List<String> warnings = warnings(() -> Tenants.read(MapConfig.of("jwt.AuthKeyBase64", authKey(),
                "jwt.tenant.acme.MinRsaKeyBits", "1024", "jwt.tenant.acme.HashAlgorithm", "RS256",
                "jwt.tenant.acme.PublicKeyPem", smallPublicPem, "jwt.tenant.globex.Issuer", "globex"), Clock.systemUTC()));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("JWTAUTH0151W: tenant acme: jwt.tenant.acme.MinRsaKeyBits is 1024, so RSA "
                + "public keys of 1024 bits and more verify tokens"), warnings.get(0));
        for (String line : smallPublicPem.split("\n")) {
            assertFalse(!line.startsWith("-----") && warnings.get(0).contains(line.substring(0, 16)), warnings.get(0));
        }
        assertEquals(List.of(), warnings(() -> Tenants.read(MapConfig.of("jwt.AuthKeyBase64", authKey(),
                "jwt.MinRsaKeyBits", "4096"), Clock.systemUTC())), "raising it is no warning");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** An RS256 token signed with the 1024-bit key as an issuer still using one would: jwtauth itself cannot. */
    private static String signedBySmallKey() throws GeneralSecurityException {
        return signedBySmallKey(Map.of());
    }

    private static String signedBySmallKey(Map<String, Object> moreClaims) throws GeneralSecurityException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = base64url.encodeToString(JsonCodec.write(Map.of("alg", "RS256", "typ", "JWT"))
                .getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new HashMap<>(moreClaims);
        claims.putAll(Map.of("sub", "alice", "iss", "https://issuer.example", "iat", now, "exp", now + 300));
        String payload = base64url.encodeToString(JsonCodec.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(smallKey);
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64url.encodeToString(signer.sign());
    }

    private static void assertRefused(String property, String why, String... keysAndValues) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.read(MapConfig.of(keysAndValues)));
        assertEquals(property, refused.property(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith(property + ": ") && refused.getMessage().contains(why),
                refused.getMessage());
    }

    private static List<String> warnings(Runnable action) {
        return LoggedMessages.during(KeyReader.class, Level.WARNING, action);
    }

    private static String authKey() {
        return Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    }

    private static String resource(String name) {
        try (var in = MinRsaKeyBitsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
