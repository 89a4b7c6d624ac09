package dev.jwtauth.token;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The reader configurations {@link TokenReaderFuzzTest} runs against: every algorithm jwtauth reads (HS256/384/512,
 * RS256/384/512, and all six at once), nested JWEs, ServiceStack's JWE, audiences (optional and required), a tenant
 * and a key rotation. Each is described once, as a {@link Spec}, and built from that description twice: as our
 * {@link TokenPolicy} and as jose4j consumers ({@link Jose4jOracle}), so the two readers are told the same things.
 * <p>
 * Keys and tokens are deterministic (the RSA keys are a test resource and one generated from a fixed seed; CEKs, IVs
 * and OAEP padding come from the fuzz run's seeded random), so a run repeats exactly from its seed.
 */
final class FuzzTargets {
    static final String ISSUER = "ssjwt";
    /** The policies' clock skew (Tokens.PolicyBuilder's default, as JwtSettingsReader's). */
    static final int SKEW_SECONDS = 30;

    /** A test resource; its public key is also what an attacker signs with in the algorithm confusion seeds. */
    static final RSAPrivateCrtKey RSA_A = RsaKeyFormats.privateKeyFromPem(Tokens.resource("rsa2048-pkcs8.pem"));
    private static final RSAPrivateCrtKey RSA_B = generatedRsaKey(20_231_114L);
    /** ES256 signatures are randomised by the JCA, so ES256 seeds differ between runs (the key does not). */
    private static final KeyPair EC_A = generatedEcKey(20_261_205L);

    /**
     * What one reader is configured with.
     *
     * @param anyAlgorithm   {@code jwt.RequireHashAlgorithm=false}: every algorithm a key is held for
     * @param hmacSecrets    HMAC keys; the first signs when {@code algorithm} is HS*
     * @param rsaKeys        RSA keys, whose public halves verify; the first signs when {@code algorithm} is RS*
     * @param ecKeys         P-256 key pairs, whose public halves verify; the first signs when {@code algorithm} is ES256
     * @param decryptionKeys keys that open our JWEs ({@code jwt.EncryptPayload}); none: JWEs are refused
     * @param legacyKeys     keys that open ServiceStack's JWEs ({@code jwt.AcceptServiceStackJwe}); none: not read
     */
    record Spec(String name, JwsAlgorithm algorithm, boolean anyAlgorithm, List<byte[]> hmacSecrets,
                List<RSAPrivateCrtKey> rsaKeys, List<KeyPair> ecKeys, List<String> audiences, boolean requiresAudience,
                Optional<String> tenant, List<RSAPrivateCrtKey> decryptionKeys, List<RSAPrivateCrtKey> legacyKeys) {

        TokenPolicy policy() {
            List<VerificationKey> keys = new ArrayList<>();
            hmacSecrets.forEach(secret -> keys.add(HmacKey.of(secret)));
            rsaKeys.forEach(key -> keys.add(RsaVerificationKey.of(RsaKeyFormats.publicKeyOf(key))));
            ecKeys.forEach(pair -> keys.add(EcVerificationKey.of((ECPublicKey) pair.getPublic())));
            Tokens.PolicyBuilder policy = Tokens.policy(algorithm, new KeyRing(Optional.of(signingKeys().get(algorithm)), keys))
                    .requireHashAlgorithm(!anyAlgorithm)
                    .issuer(ISSUER)
                    .audiences(audiences.toArray(String[]::new))
                    .requiresAudience(requiresAudience)
                    .clockSkew(Duration.ofSeconds(SKEW_SECONDS))
                    .encryption(new Encryption(Optional.empty(),
                            decryptionKeys.isEmpty() ? Optional.empty() : Optional.of(new JweDecrypter(decryptionKeys)),
                            legacyKeys.isEmpty() ? Optional.empty() : Optional.of(new LegacyJweReader(legacyKeys))));
            tenant.ifPresent(policy::tenant);
            return policy.build();
        }

        /** A key for every algorithm this reader accepts: the first HMAC, RSA or EC key that can make it. */
        Map<JwsAlgorithm, SigningKey> signingKeys() {
            Map<JwsAlgorithm, SigningKey> keys = new EnumMap<>(JwsAlgorithm.class);
            for (JwsAlgorithm candidate : anyAlgorithm ? List.of(JwsAlgorithm.values()) : List.of(algorithm)) {
                if (candidate.isHmac()) {
                    hmacSecrets.stream().filter(secret -> secret.length >= candidate.minKeyBytes()).findFirst()
                            .ifPresent(secret -> keys.put(candidate, HmacKey.of(secret)));
                } else if (candidate.keyType() == JwsAlgorithm.KeyType.RSA && !rsaKeys.isEmpty()) {
                    RSAPrivateCrtKey key = rsaKeys.get(0);
                    keys.put(candidate, new RsaSigningKey(key, KeyIds.thumbprint(RsaKeyFormats.publicKeyOf(key))));
                } else if (candidate.keyType() == JwsAlgorithm.KeyType.EC && !ecKeys.isEmpty()) {
                    KeyPair pair = ecKeys.get(0);
                    keys.put(candidate, new EcSigningKey((ECPrivateKey) pair.getPrivate(),
                            KeyIds.thumbprint((ECPublicKey) pair.getPublic())));
                }
            }
            return keys;
        }
    }

    /** A reader to fuzz, jose4j configured alike, and the tokens mutations start from ({@link FuzzSeeds}). */
    record Target(Spec spec, TokenReader reader, Jose4jOracle oracle, FuzzSeeds.Seeds seeds) {
    }

    private final Random random;

    /** @param random the fuzz run's random: it also supplies the CEKs, IVs and OAEP padding of the JWEs made */
    FuzzTargets(Random random) {
        this.random = random;
    }

    List<Target> all() {
        byte[] hs256 = Tokens.keyBytes(32, 1);
        byte[] hs384 = Tokens.keyBytes(48, 2);
        byte[] hs512 = Tokens.keyBytes(64, 3);
        List<Spec> specs = List.of(
                spec("HS256", JwsAlgorithm.HS256, List.of(hs256), List.of()),
                withTenant(spec("HS384, tenant acme", JwsAlgorithm.HS384, List.of(hs384), List.of()), "acme"),
                withAudiences(spec("HS512, audience required", JwsAlgorithm.HS512, List.of(hs512), List.of()), true,
                        "api", "web"),
                spec("RS256", JwsAlgorithm.RS256, List.of(), List.of(RSA_A)),
                withAudiences(spec("RS384, audience optional", JwsAlgorithm.RS384, List.of(), List.of(RSA_A)), false,
                        "api"),
                spec("RS512, rotated (B signs, A still verifies)", JwsAlgorithm.RS512, List.of(), List.of(RSA_B, RSA_A)),
                new Spec("ES256", JwsAlgorithm.ES256, false, List.of(), List.of(), List.of(EC_A), List.of(), false,
                        Optional.empty(), List.of(), List.of()),
                new Spec("any algorithm (RequireHashAlgorithm=false)", JwsAlgorithm.HS256, true, List.of(hs512),
                        List.of(RSA_A), List.of(EC_A), List.of(), false, Optional.empty(), List.of(), List.of()),
                new Spec("HS256 in JWEs (keys B, A)", JwsAlgorithm.HS256, false, List.of(hs256), List.of(), List.of(),
                        List.of(), false, Optional.empty(), List.of(RSA_B, RSA_A), List.of()),
                new Spec("ES256 in JWEs", JwsAlgorithm.ES256, false, List.of(), List.of(), List.of(EC_A), List.of(), false,
                        Optional.empty(), List.of(RSA_A), List.of()),
                new Spec("RS256 in JWEs, and ServiceStack JWEs", JwsAlgorithm.RS256, false, List.of(), List.of(RSA_A),
                        List.of(), List.of(), false, Optional.empty(), List.of(RSA_A), List.of(RSA_A, RSA_B)));
        List<Target> targets = new ArrayList<>();
        for (Spec spec : specs) {
            targets.add(new Target(spec, new TokenReader(spec.policy(), Tokens.CLOCK), new Jose4jOracle(spec),
                    new FuzzSeeds(spec, random).build()));
        }
        return targets;
    }

    private static Spec spec(String name, JwsAlgorithm algorithm, List<byte[]> hmac, List<RSAPrivateCrtKey> rsa) {
        return new Spec(name, algorithm, false, hmac, rsa, List.of(), List.of(), false, Optional.empty(), List.of(), List.of());
    }

    private static Spec withTenant(Spec spec, String tenant) {
        return new Spec(spec.name(), spec.algorithm(), spec.anyAlgorithm(), spec.hmacSecrets(), spec.rsaKeys(),
                spec.ecKeys(), spec.audiences(), spec.requiresAudience(), Optional.of(tenant), spec.decryptionKeys(), spec.legacyKeys());
    }

    private static Spec withAudiences(Spec spec, boolean required, String... audiences) {
        return new Spec(spec.name(), spec.algorithm(), spec.anyAlgorithm(), spec.hmacSecrets(), spec.rsaKeys(),
                spec.ecKeys(), List.of(audiences), required, spec.tenant(), spec.decryptionKeys(), spec.legacyKeys());
    }

    private static RSAPrivateCrtKey generatedRsaKey(long seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, seededSecureRandom(seed));
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generatedEcKey(long seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), seededSecureRandom(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA1PRNG seeded before its first use is deterministic: the same seed gives the same bytes. */
    static SecureRandom seededSecureRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
