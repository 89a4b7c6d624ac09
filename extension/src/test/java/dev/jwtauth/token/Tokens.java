package dev.jwtauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Shared fixtures for the token tests: a fixed clock, hand-built compact tokens (so a test can make exactly one
 * property of a token wrong while the signature stays valid), deterministic keys and a {@link TokenPolicy} builder.
 */
final class Tokens {
    /** The fixed "now" of every test that does not say otherwise (2023-11-14T22:13:20Z). */
    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = clockAt(NOW);

    static final String HS256_HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    static final String RS256_HEADER = "{\"typ\":\"JWT\",\"alg\":\"RS256\"}";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final List<RSAPrivateCrtKey> RSA_KEYS = new ArrayList<>();
    private static final List<KeyPair> EC_KEYS = new ArrayList<>();

    private Tokens() {
    }

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    // ---- encoding ---------------------------------------------------------------------------------------------

    static String b64(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    static String b64(String utf8) {
        return b64(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToText(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A payload that passes every claim check of a default policy: subject "alice", valid for the next hour. */
    static String validPayload() {
        return "{\"sub\":\"alice\",\"iat\":" + (NOW - 60) + ",\"exp\":" + (NOW + 3600) + "}";
    }

    /** {@code validPayload()} plus extra members, e.g. {@code "\"roles\":[\"a\"]"}. */
    static String validPayloadWith(String members) {
        return "{\"sub\":\"alice\",\"iat\":" + (NOW - 60) + ",\"exp\":" + (NOW + 3600) + "," + members + "}";
    }

    // ---- hand-built tokens ------------------------------------------------------------------------------------

    static String signingInput(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson);
    }

    /** A compact token whose signature is the given key's genuine signature over the header and payload as given. */
    static String sign(SigningKey key, JwsAlgorithm algorithm, String headerJson, String payloadJson) {
        String input = signingInput(headerJson, payloadJson);
        return input + "." + b64(key.sign(algorithm, ascii(input)));
    }

    /** An HS256 token with the standard header and the given payload. */
    static String hs256(HmacKey key, String payloadJson) {
        return sign(key, JwsAlgorithm.HS256, HS256_HEADER, payloadJson);
    }

    static String rs256(RsaSigningKey key, String payloadJson) {
        return sign(key, JwsAlgorithm.RS256, RS256_HEADER, payloadJson);
    }

    /** The token with its signature segment replaced. */
    static String withSignature(String token, String signatureSegment) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signatureSegment;
    }

    static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    /** Deterministic key bytes, different for every seed. */
    static byte[] keyBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static HmacKey hmacKey(int length, long seed) {
        return HmacKey.of(keyBytes(length, seed));
    }

    /** The index-th generated 2048-bit RSA key; generated once per JVM and shared by all test classes. */
    static synchronized RSAPrivateCrtKey rsaKey(int index) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            while (RSA_KEYS.size() <= index) {
                RSA_KEYS.add((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
            }
            return RSA_KEYS.get(index);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPublicKey rsaPublicKey(int index) {
        return RsaKeyFormats.publicKeyOf(rsaKey(index));
    }

    static RsaSigningKey rsaSigningKey(int index) {
        return new RsaSigningKey(rsaKey(index), KeyIds.thumbprint(rsaPublicKey(index)));
    }

    static RsaVerificationKey rsaVerificationKey(int index) {
        return RsaVerificationKey.of(rsaPublicKey(index));
    }

    /** A key ring that signs and verifies with one HMAC key. */
    static KeyRing ring(HmacKey key, VerificationKey... fallbacks) {
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(List.of(fallbacks));
        return new KeyRing(Optional.of(key), keys);
    }

    /** A key ring that signs with the index-th RSA key and verifies with its public half, then the fallbacks. */
    static KeyRing rsaRing(int index, VerificationKey... fallbacks) {
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(rsaVerificationKey(index));
        keys.addAll(List.of(fallbacks));
        return new KeyRing(Optional.of(rsaSigningKey(index)), keys);
    }

    /** A key ring that signs with the index-th generated P-256 key and verifies with its public half. */
    static synchronized KeyRing ecRing(int index) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            while (EC_KEYS.size() <= index) {
                EC_KEYS.add(generator.generateKeyPair());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        KeyPair pair = EC_KEYS.get(index);
        EcVerificationKey verifier = EcVerificationKey.of((ECPublicKey) pair.getPublic());
        return new KeyRing(Optional.of(new EcSigningKey((ECPrivateKey) pair.getPrivate(), verifier.kid())),
                List.of(verifier));
    }

    /** A reader-only key ring: verification keys, no signing key. */
    static KeyRing verifyOnly(VerificationKey... keys) {
        return new KeyRing(Optional.empty(), List.of(keys));
    }

    static String resource(String name) {
        try (InputStream in = Tokens.class.getResourceAsStream("/keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keys/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- policy -----------------------------------------------------------------------------------------------

    static PolicyBuilder policy(JwsAlgorithm algorithm, KeyRing keys) {
        return new PolicyBuilder(algorithm, keys);
    }

    /** Defaults as JwtSettingsReader applies them, except the issuer which tests set when they need it. */
    static final class PolicyBuilder {
        private final JwsAlgorithm algorithm;
        private final KeyRing keys;
        private boolean requireHashAlgorithm = true;
        private String issuer = "ssjwt";
        private List<String> audiences = List.of();
        private boolean requiresAudience;
        private Duration expireTokensIn = Duration.ofDays(14);
        private Optional<Instant> invalidateTokensIssuedBefore = Optional.empty();
        private Duration clockSkew = Duration.ofSeconds(30);
        private int maxTokenLength = 8192;
        private Optional<String> tenant = Optional.empty();
        private boolean mpJwtClaims;
        private Encryption encryption = Encryption.NONE;
        private boolean requiresIssuer;
        private Optional<Duration> maxTokenAge = Optional.empty();

        private PolicyBuilder(JwsAlgorithm algorithm, KeyRing keys) {
            this.algorithm = algorithm;
            this.keys = keys;
        }

        PolicyBuilder requireHashAlgorithm(boolean value) {
            requireHashAlgorithm = value;
            return this;
        }

        PolicyBuilder issuer(String value) {
            issuer = value;
            return this;
        }

        PolicyBuilder audiences(String... values) {
            audiences = List.of(values);
            return this;
        }

        PolicyBuilder requiresAudience(boolean value) {
            requiresAudience = value;
            return this;
        }

        PolicyBuilder expireTokensIn(Duration value) {
            expireTokensIn = value;
            return this;
        }

        PolicyBuilder invalidateTokensIssuedBefore(Instant value) {
            invalidateTokensIssuedBefore = Optional.of(value);
            return this;
        }

        PolicyBuilder clockSkew(Duration value) {
            clockSkew = value;
            return this;
        }

        PolicyBuilder maxTokenLength(int value) {
            maxTokenLength = value;
            return this;
        }

        PolicyBuilder encryption(Encryption value) {
            encryption = value;
            return this;
        }

        PolicyBuilder requiresIssuer(boolean value) {
            requiresIssuer = value;
            return this;
        }

        PolicyBuilder maxTokenAge(Duration value) {
            maxTokenAge = Optional.of(value);
            return this;
        }

        PolicyBuilder mpJwtClaims(boolean value) {
            mpJwtClaims = value;
            return this;
        }

        PolicyBuilder tenant(String value) {
            tenant = Optional.of(value);
            return this;
        }

        TokenPolicy build() {
            return new TokenPolicy(algorithm, requireHashAlgorithm, keys, issuer, audiences, requiresAudience,
                    expireTokensIn, invalidateTokensIssuedBefore, clockSkew, maxTokenLength, tenant, mpJwtClaims, encryption,
                    requiresIssuer, maxTokenAge);
        }

        TokenReader reader() {
            return new TokenReader(build(), CLOCK);
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------------------

    /**
     * Reads the token and asserts it is refused for exactly {@code expected}. Anything else — acceptance, another
     * reason, or an exception other than TokenException — fails with a message saying what happened instead.
     */
    static TokenException assertRefused(TokenFailure expected, TokenReader reader, String token, String why) {
        TokenException refusal = refusal(reader, token, why);
        assertEquals(expected, refusal.failure(), why + ": refused for the wrong reason (detail '" + refusal.detail()
                + "') — token " + abbreviate(token));
        return refusal;
    }

    /** Reads the token and returns why it was refused; fails if it was accepted or anything but TokenException escaped. */
    static TokenException refusal(TokenReader reader, String token, String why) {
        VerifiedToken accepted;
        try {
            accepted = reader.read(token);
        } catch (TokenException e) {
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(why + ": a hostile token must yield a TokenException, but " + e
                    + " escaped the reader — token " + abbreviate(token), e);
        }
        return fail(why + ": the token was accepted (subject '" + accepted.subject() + "') but must be refused — token "
                + abbreviate(token));
    }

    /** Reads the token and asserts it is accepted; a refusal fails with its reason. */
    static VerifiedToken assertAccepted(TokenReader reader, String token, String why) {
        try {
            return reader.read(token);
        } catch (TokenException e) {
            throw new AssertionError(why + ": the token must be accepted but was refused with " + e.failure()
                    + " (" + e.getMessage() + ") — token " + abbreviate(token), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(why + ": the reader threw " + e + " instead of accepting — token "
                    + abbreviate(token), e);
        }
    }

    static String abbreviate(String token) {
        return token.length() <= 200 ? token : token.substring(0, 120) + "…(" + token.length() + " chars)";
    }
}
