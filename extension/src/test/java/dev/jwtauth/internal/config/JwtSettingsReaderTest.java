package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jwtauth.token.EcKeyFormats;
import dev.jwtauth.token.EcSigningKey;
import dev.jwtauth.token.EcVerificationKey;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.VerificationKey;
import dev.jwtauth.token.VerifiedToken;

/**
 * The {@code jwt.*} properties, as ServiceStack users write them, turned into settings: defaults, every accepted
 * form, and for every mistake an {@link InvalidConfigurationException} that names the exact property to fix.
 */
class JwtSettingsReaderTest {

    private static final byte[] KEY_32 = bytes(32, 1);
    private static final String AUTH_KEY = base64(KEY_32);

    /** The key of the test resources keys/rsa2048-*.pem and rsa2048-dotnet.xml. */
    private static String privatePem;
    private static String pkcs1Pem;
    private static String publicPem;
    private static String dotnetXml;
    private static RSAPublicKey resourcePublicKey;
    /** Another key, for fallbacks and mismatches. */
    private static RSAPrivateCrtKey otherKey;

    @BeforeAll
    static void loadKeys() throws GeneralSecurityException {
        privatePem = resource("rsa2048-pkcs8.pem");
        pkcs1Pem = resource("rsa2048-pkcs1.pem");
        publicPem = resource("rsa2048-spki.pem");
        dotnetXml = resource("rsa2048-dotnet.xml");
        resourcePublicKey = RsaKeyFormats.publicKeyFromPem(publicPem);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        otherKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = JwtSettingsReaderTest.class.getResourceAsStream("/keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keys/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtSettings read(String... keysAndValues) {
        try {
            return JwtSettingsReader.read(MapConfig.of(keysAndValues));
        } catch (InvalidConfigurationException e) {
            throw new AssertionError("this configuration must be valid, but: " + e.getMessage(), e);
        }
    }

    /**
     * Asserts that reading the configuration fails with an InvalidConfigurationException naming {@code property};
     * any other outcome (success, another exception type, another property) fails with what happened instead.
     */
    private static InvalidConfigurationException assertInvalid(String property, String why, String... keysAndValues) {
        JwtSettings settings;
        try {
            settings = JwtSettingsReader.read(MapConfig.of(keysAndValues));
        } catch (InvalidConfigurationException e) {
            assertEquals(property, e.property(), why + ": the exception must name the property to fix (message: "
                    + e.getMessage() + ")");
            assertTrue(e.getMessage().startsWith(property + ": "), why + ": the message starts with the property: "
                    + e.getMessage());
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(why + ": expected an InvalidConfigurationException naming " + property
                    + ", but " + e + " escaped", e);
        }
        return fail(why + ": the configuration was accepted but must be refused naming " + property + " (read: "
                + settings + ")");
    }

    private static TokenPolicy policy(String... keysAndValues) {
        return read(keysAndValues).tokens();
    }

    // ---- defaults ---------------------------------------------------------------------------------------------

    @Test
    void defaultsWithOnlyAnAuthKey() {
        JwtSettings settings = read("jwt.AuthKeyBase64", AUTH_KEY);
        TokenPolicy policy = settings.tokens();
        assertEquals(JwsAlgorithm.HS256, policy.algorithm(), "default jwt.HashAlgorithm");
        assertEquals("ssjwt", policy.issuer(), "default jwt.Issuer");
        assertEquals(Duration.ofDays(14), policy.expireTokensIn(), "default jwt.ExpireTokensIn");
        assertTrue(settings.requireSecureConnection(), "default jwt.RequireSecureConnection");
        assertTrue(policy.requireHashAlgorithm(), "default jwt.RequireHashAlgorithm");
        assertFalse(settings.allowInQueryString(), "default jwt.AllowInQueryString");
        assertFalse(settings.allowInFormData(), "default jwt.AllowInFormData");
        assertEquals(List.of(), policy.audiences(), "default: no audiences");
        assertFalse(policy.requiresAudience(), "default jwt.RequiresAudience");
        assertEquals(Duration.ofSeconds(30), policy.clockSkew(), "default jwt.AllowedClockSkew");
        assertEquals(8192, policy.maxTokenLength(), "default jwt.MaxTokenLength");
        assertEquals(Optional.empty(), policy.invalidateTokensIssuedBefore(), "default: nothing invalidated");

        HmacKey key = assertInstanceOf(HmacKey.class, policy.keys().signingKey().orElseThrow(), "the AuthKey signs");
        assertEquals(32, key.length(), "the AuthKey's decoded length");
        assertEquals(KeyIds.thumbprint(KEY_32), key.kid(), "the default kid is the key's thumbprint");
        assertEquals(List.of(key), policy.keys().verificationKeys(), "the AuthKey is the one verification key");
    }

    @Test
    void settingsIssueAndReadTokens() throws TokenException {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        JwtEngine engine = new JwtEngine(read("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Audience", "api"), clock);
        String token = engine.writer().orElseThrow().create(TokenUser.of("7", List.of("Admin"), List.of()));
        VerifiedToken read = engine.reader().read(token);
        assertEquals("7", read.subject(), "a token issued with the settings is read back with them");
        assertEquals(1_700_000_000L + 14 * 86_400, read.expiresAt(), "14 days by default");
    }

    @Test
    void everySimpleSettingIsRead() {
        JwtSettings settings = read("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Issuer", "https://auth.example",
                "jwt.RequireSecureConnection", "false", "jwt.RequireHashAlgorithm", "FALSE",
                "jwt.AllowInQueryString", "true", "jwt.AllowInFormData", " True ", "jwt.AllowedClockSkew", "PT2M",
                "jwt.MaxTokenLength", "16384", "jwt.Audience", "api", "jwt.RequiresAudience", "true");
        TokenPolicy policy = settings.tokens();
        assertEquals("https://auth.example", policy.issuer(), "jwt.Issuer");
        assertFalse(settings.requireSecureConnection(), "jwt.RequireSecureConnection=false");
        assertFalse(policy.requireHashAlgorithm(), "jwt.RequireHashAlgorithm=FALSE");
        assertTrue(settings.allowInQueryString(), "jwt.AllowInQueryString=true");
        assertTrue(settings.allowInFormData(), "jwt.AllowInFormData=' True '");
        assertEquals(Duration.ofMinutes(2), policy.clockSkew(), "jwt.AllowedClockSkew");
        assertEquals(16384, policy.maxTokenLength(), "jwt.MaxTokenLength");
        assertTrue(policy.requiresAudience(), "jwt.RequiresAudience");
    }

    @Test
    void serviceStacksOptionsAreOffOrOnAsDocumentedAndReadWhenSet() {
        JwtSettings defaults = read("jwt.AuthKeyBase64", AUTH_KEY);
        assertFalse(defaults.allowInRequestDto(), "jwt.AllowInRequestDto is opt-in");
        assertFalse(defaults.adminRoleSatisfiesAll(), "jwt.AdminRoleSatisfiesAll is opt-in");
        assertEquals(new TokenServices(true, true, false), defaults.services(), "both services, no bearerToken in cookie mode");
        JwtSettings set = read("jwt.AuthKeyBase64", AUTH_KEY, "jwt.AllowInRequestDto", "true", "jwt.AdminRoleSatisfiesAll", "true",
                "jwt.SetBearerTokenOnAuthenticateResponse", "true", "jwt.IncludeConvertSessionToTokenService", "false",
                "jwt.IncludeAccessTokenService", "false");
        assertTrue(set.allowInRequestDto());
        assertTrue(set.adminRoleSatisfiesAll());
        assertEquals(new TokenServices(false, false, true), set.services());
    }

    @Test
    void blankValuesAreLikeMissingOnes() {
        TokenPolicy policy = policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Issuer", "  ", "jwt.HashAlgorithm", "",
                "jwt.RequireSecureConnection", " ");
        assertEquals("ssjwt", policy.issuer(), "a blank jwt.Issuer keeps the default");
        assertEquals(JwsAlgorithm.HS256, policy.algorithm(), "an empty jwt.HashAlgorithm keeps the default");
    }

    // ---- failures ---------------------------------------------------------------------------------------------

    @Test
    void badBase64InTheAuthKeyNamesTheProperty() {
        InvalidConfigurationException e = assertInvalid("jwt.AuthKeyBase64", "five Base64 characters (length % 4 == 1)",
                "jwt.AuthKeyBase64", "abcde");
        assertTrue(e.getMessage().contains("Base64"), "the message says what is wrong: " + e.getMessage());
        assertFalse(e.getMessage().contains("abcde"), "the message must not quote key material: " + e.getMessage());
        assertInvalid("jwt.AuthKeyBase64", "padding in the middle", "jwt.AuthKeyBase64", "AAAA=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertInvalid("jwt.AuthKeyBase64", "nothing but non-Base64 characters", "jwt.AuthKeyBase64", "%%%%");
    }

    @Test
    void badBase64InAFallbackAuthKeyNamesTheProperty() {
        assertInvalid("jwt.AuthKeyBase64.2", "second fallback key with five Base64 characters",
                "jwt.AuthKeyBase64", AUTH_KEY, "jwt.AuthKeyBase64.1", base64(bytes(32, 2)), "jwt.AuthKeyBase64.2", "abcde");
    }

    /**
     * HmacKey.decodeBase64 uses the MIME decoder so that pasted line breaks are tolerated; its comment says it "still
     * rejects any other non-alphabet char", but java.util.Base64's MIME decoder ignores every character outside the
     * Base64 alphabet. A key with a stray character is therefore silently read as a different text than written.
     */
    @Test
    void authKeyWithCharactersOutsideTheBase64AlphabetIsRefused() {
        String stray = AUTH_KEY.substring(0, 20) + "!" + AUTH_KEY.substring(20);
        assertInvalid("jwt.AuthKeyBase64", "a 32-byte key with a '!' in the middle", "jwt.AuthKeyBase64", stray);
        assertInvalid("jwt.AuthKeyBase64", "a 32-byte key with a '.' and '*'", "jwt.AuthKeyBase64",
                AUTH_KEY.substring(0, 10) + ".*" + AUTH_KEY.substring(10));
        assertInvalid("jwt.AuthKeyBase64.1", "a fallback key with a '#'", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthKeyBase64.1", "#" + base64(bytes(32, 2)));
    }

    @Test
    void authKeyShorterThanTheHashNamesTheProperty() {
        InvalidConfigurationException e = assertInvalid("jwt.AuthKeyBase64", "16-byte key with HS256",
                "jwt.AuthKeyBase64", base64(bytes(16, 3)));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("32"),
                "the message gives the key's length and the minimum: " + e.getMessage());
        assertInvalid("jwt.AuthKeyBase64", "32-byte key with HS512", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.HashAlgorithm", "HS512");
        assertInvalid("jwt.AuthKeyBase64", "48-byte key with HS512", "jwt.AuthKeyBase64", base64(bytes(48, 3)),
                "jwt.HashAlgorithm", "HS512");
        assertInvalid("jwt.AuthKeyBase64.2", "16-byte second fallback key with HS256", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthKeyBase64.1", base64(bytes(32, 4)), "jwt.AuthKeyBase64.2", base64(bytes(16, 5)));
    }

    @Test
    void shortFallbackAuthKeyOfAnRsaDeploymentNamesItsOwnProperty() {
        // TokenPolicy numbers HMAC keys by their position among the HMAC keys, assuming the first is jwt.AuthKeyBase64;
        // without a primary AuthKey the first fallback is jwt.AuthKeyBase64.1.
        assertInvalid("jwt.AuthKeyBase64.1", "RS256 deployment whose only HMAC key (fallback .1) has 16 bytes",
                "jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", privatePem, "jwt.AuthKeyBase64.1", base64(bytes(16, 6)));
    }

    @Test
    void unknownHashAlgorithmNamesTheProperty() {
        for (String alg : List.of("HS257", "hs256", "ES384", "none", "SHA256")) {
            InvalidConfigurationException e = assertInvalid("jwt.HashAlgorithm", "jwt.HashAlgorithm=" + alg,
                    "jwt.AuthKeyBase64", AUTH_KEY, "jwt.HashAlgorithm", alg);
            assertTrue(e.getMessage().contains("RS256"), "the message lists the supported algorithms: " + e.getMessage());
        }
        assertEquals(JwsAlgorithm.HS384, policy("jwt.AuthKeyBase64", base64(bytes(48, 1)), "jwt.HashAlgorithm", " HS384 ")
                .algorithm(), "surrounding spaces are ignored");
    }

    @Test
    void rsaAlgorithmWithoutAnRsaKeyNamesTheAlgorithm() {
        // A deployment switched to RS256 but still only has its AuthKey: the algorithm is what does not fit.
        InvalidConfigurationException e = assertInvalid("jwt.HashAlgorithm", "RS256 with only an AuthKey",
                "jwt.AuthKeyBase64", AUTH_KEY, "jwt.HashAlgorithm", "RS256");
        assertTrue(e.getMessage().contains("jwt.PrivateKeyPem"), "the message says which keys RS256 needs: " + e.getMessage());
    }

    @Test
    void noKeyAtAllIsRefused() {
        InvalidConfigurationException e = assertInvalid("jwt.AuthKeyBase64", "a setting but no key", "jwt.Issuer", "me");
        assertTrue(e.getMessage().contains("jwt.PrivateKeyPem"), "the message mentions both kinds of keys: " + e.getMessage());
        assertTrue(e.getMessage().contains("mp.jwt.verify.publickey"), "and MicroProfile JWT's: " + e.getMessage());
        assertInvalid("jwt.PrivateKeyPem", "RS256 without any key", "jwt.HashAlgorithm", "RS256");
        assertInvalid("jwt.AuthKeyBase64", "only unrelated settings", "jwt.Issuer", "me", "jwt.Audience", "api");
    }

    /**
     * An application with the jar but no setting of jwtauth's or MicroProfile JWT's at all (MicroProfile JWT's TCK
     * deploys such an application, without {@code @LoginConfig}): it starts, accepting no token and issuing none.
     */
    @Test
    void aConfigurationWithoutAnySettingAcceptsNoToken() throws Exception {
        JwtSettings settings = read();
        assertEquals(List.of(), settings.tokens().keys().verificationKeys());
        assertTrue(settings.tokens().keys().signingKey().isEmpty(), "nothing signs");
        String token = new JwtEngine(read("jwt.AuthKeyBase64", AUTH_KEY), Clock.systemUTC()).writer().orElseThrow()
                .create(TokenUser.of("7", List.of(), List.of()));
        TokenReader reader = new TokenReader(settings.tokens(), Clock.systemUTC());
        TokenException refused = assertThrows(TokenException.class, () -> reader.read(token));
        assertEquals(TokenFailure.UNKNOWN_KEY, refused.failure());
    }

    @Test
    void booleanTyposAreRefused() {
        // MicroProfile Config's own Boolean converter reads every unknown word as false, so "ture" would silently
        // switch RequireSecureConnection off; jwtauth reads booleans itself and accepts only true/false.
        for (String property : List.of("jwt.RequireSecureConnection", "jwt.RequireHashAlgorithm",
                "jwt.AllowInQueryString", "jwt.AllowInFormData", "jwt.RequiresAudience")) {
            for (String value : List.of("ture", "yes", "1", "on")) {
                assertInvalid(property, property + "=" + value, "jwt.AuthKeyBase64", AUTH_KEY, "jwt.Audience", "api",
                        property, value);
            }
        }
    }

    @Test
    void gapInFallbackNumberingNamesTheKeyAfterTheGap() {
        assertInvalid("jwt.AuthKeyBase64.3", "jwt.AuthKeyBase64.1 and .3 without .2", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthKeyBase64.1", base64(bytes(32, 2)), "jwt.AuthKeyBase64.3", base64(bytes(32, 3)));
        assertInvalid("jwt.AuthKeyBase64.2", "jwt.AuthKeyBase64.2 without .1", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthKeyBase64.2", base64(bytes(32, 2)));
        assertInvalid("jwt.PublicKeyPem.2", "jwt.PublicKeyPem.2 without .1", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyPem.2", RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(otherKey)));
    }

    @Test
    void absurdFallbackIndexIsAConfigurationError() {
        // "jwt.AuthKeyBase64.99999999999" leaves a gap like any other index, but it does not fit in an int.
        assertInvalid("jwt.AuthKeyBase64.99999999999", "a fallback index beyond int range", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthKeyBase64.99999999999", base64(bytes(32, 2)));
    }

    @Test
    void bothExpiryFormsAreRefused() {
        assertInvalid("jwt.ExpireTokensInDays", "jwt.ExpireTokensIn and jwt.ExpireTokensInDays together",
                "jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensIn", "01:00:00", "jwt.ExpireTokensInDays", "3");
    }

    @Test
    void nonPositiveExpiryNamesThePropertyThatWasSet() {
        assertInvalid("jwt.ExpireTokensIn", "jwt.ExpireTokensIn=00:00:00", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.ExpireTokensIn", "00:00:00");
        assertInvalid("jwt.ExpireTokensInDays", "jwt.ExpireTokensInDays=0", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.ExpireTokensInDays", "0");
    }

    @Test
    void bothPemAndXmlPrivateKeysAreRefused() {
        assertInvalid("jwt.PrivateKeyXml", "jwt.PrivateKeyPem and jwt.PrivateKeyXml together", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", privatePem, "jwt.PrivateKeyXml", dotnetXml);
        assertInvalid("jwt.PublicKeyXml", "jwt.PublicKeyPem and jwt.PublicKeyXml together", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyPem", publicPem, "jwt.PublicKeyXml", dotnetXml);
    }

    @Test
    void publicKeyThatDoesNotMatchThePrivateKeyIsRefused() {
        String otherPublicPem = RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(otherKey));
        assertInvalid("jwt.PublicKeyPem", "jwt.PublicKeyPem of another key than jwt.PrivateKeyPem", "jwt.HashAlgorithm",
                "RS256", "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyPem", otherPublicPem);
        assertEquals(resourcePublicKey.getModulus(), ((RsaVerificationKey) policy("jwt.HashAlgorithm", "RS256",
                        "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyPem", publicPem).keys().verificationKeys().get(0))
                .publicKey().getModulus(), "the matching public key is accepted");
    }

    @Test
    void mismatchedPublicKeyXmlNamesTheXmlProperty() {
        assertInvalid("jwt.PublicKeyXml", "jwt.PublicKeyXml of another key than jwt.PrivateKeyPem", "jwt.HashAlgorithm",
                "RS256", "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyXml",
                RsaKeyFormats.toXml(RsaKeyFormats.publicKeyOf(otherKey)));
    }

    @Test
    void badPemInAFallbackPublicKeyNamesIt() {
        assertInvalid("jwt.PublicKeyPem.1", "garbage PEM in jwt.PublicKeyPem.1", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyPem.1", "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----");
        assertInvalid("jwt.PublicKeyPem.1", "no PEM at all in jwt.PublicKeyPem.1", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", privatePem, "jwt.PublicKeyPem.1", "hello");
        assertInvalid("jwt.PrivateKeyPem", "an EC key in jwt.PrivateKeyPem", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyPem", resource("ec-p256-pkcs8.pem"));
        assertInvalid("jwt.PrivateKeyXml", "truncated XML in jwt.PrivateKeyXml", "jwt.HashAlgorithm", "RS256",
                "jwt.PrivateKeyXml", dotnetXml.substring(0, dotnetXml.length() / 2));
    }

    @Test
    void requiredAudienceWithoutAudiencesNamesTheProperty() {
        InvalidConfigurationException e = assertInvalid("jwt.RequiresAudience",
                "jwt.RequiresAudience=true without jwt.Audience or jwt.Audiences", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.RequiresAudience", "true");
        assertTrue(e.getMessage().contains("jwt.Audience"), "the message says what is missing: " + e.getMessage());
    }

    @Test
    void badNumbersAndDurationsNameTheirProperty() {
        assertInvalid("jwt.MaxTokenLength", "jwt.MaxTokenLength=abc", "jwt.AuthKeyBase64", AUTH_KEY, "jwt.MaxTokenLength", "abc");
        assertInvalid("jwt.MaxTokenLength", "jwt.MaxTokenLength=100", "jwt.AuthKeyBase64", AUTH_KEY, "jwt.MaxTokenLength", "100");
        assertInvalid("jwt.AllowedClockSkew", "jwt.AllowedClockSkew=-PT1S", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AllowedClockSkew", "-PT1S");
        assertInvalid("jwt.AllowedClockSkew", "jwt.AllowedClockSkew=soon", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AllowedClockSkew", "soon");
        assertInvalid("jwt.InvalidateTokensIssuedBefore", "jwt.InvalidateTokensIssuedBefore=yesterday",
                "jwt.AuthKeyBase64", AUTH_KEY, "jwt.InvalidateTokensIssuedBefore", "yesterday");
    }

    @Test
    void signInLimitsHaveSafeDefaultsAndCanBeTurnedOff() {
        assertEquals(new SignInLimits(10, Duration.ofMinutes(15), 60, 10), read("jwt.AuthKeyBase64", AUTH_KEY).signIn(),
                "defaults: lock after 10 failures for 15 minutes; throttle at 60 per address and 10 per user name a minute");
        assertEquals(new SignInLimits(0, Duration.ofHours(1), 0, 0), read("jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.MaxLoginAttempts", "0", "jwt.LoginLockoutPeriod", "01:00:00",
                "jwt.LoginFailuresPerMinutePerAddress", "0", "jwt.LoginFailuresPerMinutePerUserName", "0").signIn());
        assertInvalid("jwt.MaxLoginAttempts", "a negative count", "jwt.AuthKeyBase64", AUTH_KEY, "jwt.MaxLoginAttempts", "-1");
        assertInvalid("jwt.LoginLockoutPeriod", "no lock-out period", "jwt.AuthKeyBase64", AUTH_KEY, "jwt.LoginLockoutPeriod", "PT0S");
        assertInvalid("jwt.LoginFailuresPerMinutePerAddress", "a negative rate", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.LoginFailuresPerMinutePerAddress", "-5");
        assertInvalid("jwt.LoginFailuresPerMinutePerUserName", "not a number", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.LoginFailuresPerMinutePerUserName", "ten");
    }

    @Test
    void passwordsAreCheckedAsBeforeUnlessConfiguredOtherwise() {
        assertEquals(new PasswordSettings(PasswordSettings.UserStoreUse.AUTO, false), read("jwt.AuthKeyBase64", AUTH_KEY).passwords(),
                "defaults: jwtauth's store only without identity stores of the application's; Basic credentials only at sign-in");
        assertEquals(new PasswordSettings(PasswordSettings.UserStoreUse.ALWAYS, true), read("jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.UserStoreSignIn", " Always ", "jwt.AuthenticateBasicRequests", "true").passwords());
        assertInvalid("jwt.UserStoreSignIn", "neither auto nor always", "jwt.AuthKeyBase64", AUTH_KEY, "jwt.UserStoreSignIn", "never");
        assertInvalid("jwt.AuthenticateBasicRequests", "not a strict boolean", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.AuthenticateBasicRequests", "yes");
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    @Test
    void fallbackAuthKeysFollowThePrimary() {
        byte[] first = bytes(32, 2);
        byte[] second = bytes(32, 3);
        TokenPolicy policy = policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.AuthKeyBase64.1", base64(first),
                "jwt.AuthKeyBase64.2", base64(second));
        List<VerificationKey> keys = policy.keys().verificationKeys();
        assertEquals(List.of(KeyIds.thumbprint(KEY_32), KeyIds.thumbprint(first), KeyIds.thumbprint(second)),
                keys.stream().map(VerificationKey::kid).toList(), "primary first, then .1 and .2");
        assertSame(keys.get(0), policy.keys().signingKey().orElseThrow(), "the primary AuthKey signs");
    }

    @Test
    void keyIdNamesThePrimaryKey() {
        TokenPolicy policy = policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.AuthKeyBase64.1", base64(bytes(32, 2)),
                "jwt.KeyId", " key-2026 ");
        assertEquals("key-2026", policy.keys().signingKey().orElseThrow().kid(), "jwt.KeyId is the signing key's kid");
        assertEquals("key-2026", policy.keys().verificationKeys().get(0).kid(), "and the primary verification key's");
        assertEquals(KeyIds.thumbprint(bytes(32, 2)), policy.keys().verificationKeys().get(1).kid(),
                "fallback keys keep their thumbprints");

        TokenPolicy rsa = policy("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", privatePem, "jwt.KeyId", "rsa-1");
        assertEquals("rsa-1", rsa.keys().signingKey().orElseThrow().kid(), "jwt.KeyId names the RSA signing key");
        assertEquals("rsa-1", rsa.keys().verificationKeys().get(0).kid(), "and the RSA verification key");
    }

    @Test
    void privateKeyPemSignsAndItsPublicHalfVerifies() {
        for (String pem : List.of(privatePem, pkcs1Pem)) {
            TokenPolicy policy = policy("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", pem);
            RsaSigningKey signing = assertInstanceOf(RsaSigningKey.class, policy.keys().signingKey().orElseThrow(),
                    "jwt.PrivateKeyPem gives an RSA signing key");
            assertEquals(resourcePublicKey.getModulus(), signing.privateKey().getModulus(), "the configured key signs");
            RsaVerificationKey verification = assertInstanceOf(RsaVerificationKey.class,
                    policy.keys().verificationKeys().get(0), "and its public half verifies");
            assertEquals(resourcePublicKey, verification.publicKey(), "the derived public key");
            assertEquals(KeyIds.thumbprint(resourcePublicKey), signing.kid(), "default RSA kid is the RFC 7638 thumbprint");
            assertEquals(signing.kid(), verification.kid(), "signing and verification kid agree");
        }
    }

    @Test
    void publicKeyOnlyMeansReaderOnly() {
        JwtSettings settings = read("jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", publicPem);
        assertEquals(Optional.empty(), settings.tokens().keys().signingKey(), "no private key, no signing key");
        assertEquals(resourcePublicKey, ((RsaVerificationKey) settings.tokens().keys().verificationKeys().get(0)).publicKey(),
                "the public key verifies");
        assertEquals(Optional.empty(), new JwtEngine(settings, Clock.systemUTC()).writer(), "a reader-only engine has no writer");
    }

    @Test
    void publicKeyXmlIsRead() {
        // .NET RSA.ToXmlString(true) output: jwt.PublicKeyXml takes its public part, as ServiceStack does.
        TokenPolicy policy = policy("jwt.HashAlgorithm", "RS256", "jwt.PublicKeyXml", dotnetXml);
        assertEquals(resourcePublicKey, ((RsaVerificationKey) policy.keys().verificationKeys().get(0)).publicKey(),
                "jwt.PublicKeyXml");
        TokenPolicy publicOnlyXml = policy("jwt.HashAlgorithm", "RS512", "jwt.PublicKeyXml", RsaKeyFormats.toXml(resourcePublicKey));
        assertEquals(resourcePublicKey, ((RsaVerificationKey) publicOnlyXml.keys().verificationKeys().get(0)).publicKey(),
                "jwt.PublicKeyXml with RSA.ToXmlString(false) output");
    }

    @Test
    void privateKeyXmlSignsAndNumberedOnesAreFallbacks() {
        TokenPolicy policy = policy("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyXml", dotnetXml,
                "jwt.PrivateKeyXml.1", RsaKeyFormats.toXml(otherKey));
        assertEquals(resourcePublicKey.getModulus(),
                ((RsaSigningKey) policy.keys().signingKey().orElseThrow()).privateKey().getModulus(), "jwt.PrivateKeyXml signs");
        List<VerificationKey> keys = policy.keys().verificationKeys();
        assertEquals(2, keys.size(), "primary plus one fallback: " + keys);
        assertEquals(otherKey.getModulus(), ((RsaVerificationKey) keys.get(1)).publicKey().getModulus(),
                "jwt.PrivateKeyXml.1 adds a fallback verification key");
        assertNotEquals(keys.get(0).kid(), keys.get(1).kid(), "each key has its own kid");
    }

    @Test
    void fallbackPublicKeyPemIsAdded() {
        TokenPolicy policy = policy("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", privatePem,
                "jwt.PublicKeyPem.1", RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(otherKey)));
        assertEquals(2, policy.keys().verificationKeys().size(), "primary plus jwt.PublicKeyPem.1");
        assertEquals(otherKey.getModulus(),
                ((RsaVerificationKey) policy.keys().verificationKeys().get(1)).publicKey().getModulus(), "the fallback");
    }

    @Test
    void es256SignsWithAnEcPrivateKeyInPkcs8OrSec1() throws TokenException {
        for (String name : List.of("ec-p256-pkcs8.pem", "ec-p256.pem", "ec-p256-with-parameters.pem")) {
            TokenPolicy policy = policy("jwt.HashAlgorithm", "ES256", "jwt.PrivateKeyPem", resource(name));
            EcSigningKey signer = assertInstanceOf(EcSigningKey.class, policy.keys().signingKey().orElseThrow(), name);
            EcVerificationKey verifier = assertInstanceOf(EcVerificationKey.class, policy.keys().verificationKeys().get(0));
            assertEquals(KeyIds.thumbprint(verifier.publicKey()), signer.kid(), name + ": the kid is the thumbprint");
            String token = new TokenWriter(policy, Clock.systemUTC(), new SecureRandom()).create(TokenUser.of("7", List.of(), List.of()));
            assertEquals(JwsAlgorithm.ES256, new TokenReader(policy, Clock.systemUTC()).read(token).algorithm(), name);
        }
    }

    @Test
    void es256ReaderOnlyWithAnEcPublicKeyAndFallbacksOfEitherType() {
        String ecPublic = resource("ec-p256-spki.pem");
        TokenPolicy reader = policy("jwt.HashAlgorithm", "ES256", "jwt.PublicKeyPem", ecPublic,
                "jwt.PublicKeyPem.1", publicPem, "jwt.PrivateKeyPem.1", resource("ec-p256-with-parameters.pem"),
                "jwt.AuthKeyBase64.1", AUTH_KEY);
        assertTrue(reader.keys().signingKey().isEmpty());
        List<VerificationKey> keys = reader.keys().verificationKeys();
        assertEquals(List.of(JwsAlgorithm.KeyType.HMAC, JwsAlgorithm.KeyType.RSA, JwsAlgorithm.KeyType.EC, JwsAlgorithm.KeyType.EC),
                keys.stream().map(VerificationKey::keyType).sorted().toList(), "every key is read: " + keys);
        assertEquals(JwsAlgorithm.KeyType.EC, keys.get(0).keyType(), "the algorithm's keys first");
        assertEquals(JwsAlgorithm.KeyType.EC, keys.get(1).keyType());
        assertEquals(KeyIds.thumbprint(EcKeyFormats.publicKeyFromPem(ecPublic)), keys.get(0).kid());
        // An RS256 signer may keep an EC fallback (RequireHashAlgorithm=false then accepts ES256 tokens by it).
        TokenPolicy rsaSigner = policy("jwt.HashAlgorithm", "RS256", "jwt.PrivateKeyPem", privatePem,
                "jwt.PublicKeyPem.1", ecPublic, "jwt.RequireHashAlgorithm", "false");
        assertTrue(rsaSigner.keys().verifies(JwsAlgorithm.ES256));
        assertEquals(JwsAlgorithm.KeyType.RSA, rsaSigner.keys().verificationKeys().get(0).keyType());
    }

    @Test
    void ecAndRsaKeysMisplacedNameTheirProperty() {
        String ecPrivate = resource("ec-p256-pkcs8.pem");
        assertInvalid("jwt.PrivateKeyPem", "an RSA private key with ES256", "jwt.HashAlgorithm", "ES256", "jwt.PrivateKeyPem",
                privatePem);
        assertInvalid("jwt.HashAlgorithm", "ES256 with an RSA public key only", "jwt.HashAlgorithm", "ES256", "jwt.PublicKeyPem",
                publicPem);
        assertInvalid("jwt.PublicKeyPem", "the public key of another EC key", "jwt.HashAlgorithm", "ES256",
                "jwt.PrivateKeyPem", ecPrivate, "jwt.PublicKeyPem", resource("ec-p256-with-parameters-spki.pem"));
        assertInvalid("jwt.PublicKeyPem", "an RSA public key beside an EC private key", "jwt.HashAlgorithm", "ES256",
                "jwt.PrivateKeyPem", ecPrivate, "jwt.PublicKeyPem", publicPem);
        assertInvalid("jwt.EncryptPayload", "encryption with an EC key", "jwt.HashAlgorithm", "ES256",
                "jwt.PrivateKeyPem", ecPrivate, "jwt.EncryptPayload", "true");
        assertInvalid("jwt.PrivateKeyPem.1", "a P-384 key", "jwt.HashAlgorithm", "ES256", "jwt.PrivateKeyPem", ecPrivate,
                "jwt.PrivateKeyPem.1", resource("ec-p384.pem"));
    }

    @Test
    void urlSafeAndWrappedAuthKeysAreAccepted() {
        // Find key bytes whose standard Base64 contains both '+' and '/'.
        byte[] key = null;
        for (int seed = 0; key == null; seed++) {
            byte[] candidate = bytes(32, seed);
            String standard = base64(candidate);
            if (standard.contains("+") && standard.contains("/")) {
                key = candidate;
            }
        }
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        assertEquals(KeyIds.thumbprint(key), policy("jwt.AuthKeyBase64", urlSafe).keys().signingKey().orElseThrow().kid(),
                "a URL-safe Base64 AuthKey decodes to the same key");
        String wrapped = base64(key).substring(0, 20) + "\n" + base64(key).substring(20) + "\n";
        assertEquals(KeyIds.thumbprint(key), policy("jwt.AuthKeyBase64", wrapped).keys().signingKey().orElseThrow().kid(),
                "an AuthKey pasted with line breaks decodes to the same key");
    }

    // ---- expiry, audiences, invalidation ----------------------------------------------------------------------

    @Test
    void expiryForms() {
        assertEquals(Duration.ofMinutes(15), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensIn", "00:15:00")
                .expireTokensIn(), ".NET TimeSpan 00:15:00");
        assertEquals(Duration.ofDays(14), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensIn", "14.00:00:00")
                .expireTokensIn(), ".NET TimeSpan 14.00:00:00");
        assertEquals(Duration.ofHours(1), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensIn", "PT1H")
                .expireTokensIn(), "ISO-8601 PT1H");
        assertEquals(Duration.ofDays(3), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensInDays", "3")
                .expireTokensIn(), "jwt.ExpireTokensInDays=3");
        assertEquals(Duration.ofDays(3), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.ExpireTokensInDays", " 3 ")
                .expireTokensIn(), "jwt.ExpireTokensInDays with spaces");
    }

    @Test
    void badExpiryNamesTheProperty() {
        for (String value : List.of("abc", "25:00:00", "15 minutes", "00:61:00", "-PT1H")) {
            assertInvalid("jwt.ExpireTokensIn", "jwt.ExpireTokensIn=" + value, "jwt.AuthKeyBase64", AUTH_KEY,
                    "jwt.ExpireTokensIn", value);
        }
        for (String value : List.of("three", "1.5", "P3D", "99999999999")) {
            assertInvalid("jwt.ExpireTokensInDays", "jwt.ExpireTokensInDays=" + value, "jwt.AuthKeyBase64", AUTH_KEY,
                    "jwt.ExpireTokensInDays", value);
        }
    }

    // TimeValues lets a NumberFormatException (days beyond long range) or an ArithmeticException (seconds
    // overflowing a long) out; the reader must still name jwt.ExpireTokensIn.

    @Test
    void expiryDayCountBeyondLongRangeNamesTheProperty() {
        assertInvalid("jwt.ExpireTokensIn", "a day count beyond long range", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.ExpireTokensIn", "99999999999999999999.00:00:00");
    }

    @Test
    void expiryWhoseSecondsOverflowNamesTheProperty() {
        assertInvalid("jwt.ExpireTokensIn", "a day count whose seconds overflow a long", "jwt.AuthKeyBase64", AUTH_KEY,
                "jwt.ExpireTokensIn", "999999999999999.00:00:00");
    }

    @Test
    void audienceAndAudiencesAreCombined() {
        assertEquals(List.of("a", "b", "c"), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Audience", "a",
                "jwt.Audiences", "b,c").audiences(), "jwt.Audience first, then jwt.Audiences");
        assertEquals(List.of("a", "b", "c"), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Audience", " a ",
                "jwt.Audiences", " b , c ,, a").audiences(), "spaces trimmed, empty entries and duplicates dropped");
        assertEquals(List.of("x"), policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.Audiences", "x").audiences(),
                "jwt.Audiences alone");
    }

    @Test
    void invalidateTokensIssuedBeforeForms() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), cutoff("2026-01-01"), "a date is midnight UTC");
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), cutoff("2026-01-01T12:00:00Z"), "ISO-8601 UTC");
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), cutoff("2026-01-01 12:00:00"), "a local date-time is UTC");
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), cutoff("2026-01-01T12:00:00+02:00"), "an offset is applied");
    }

    private static Instant cutoff(String value) {
        return policy("jwt.AuthKeyBase64", AUTH_KEY, "jwt.InvalidateTokensIssuedBefore", value)
                .invalidateTokensIssuedBefore().orElseThrow(() -> new AssertionError("no cutoff read from " + value));
    }
}
