package dev.jwtauth.internal.config;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.jwtauth.token.EcKeyFormats;
import dev.jwtauth.token.EcSigningKey;
import dev.jwtauth.token.EcVerificationKey;
import dev.jwtauth.token.Encryption;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JweDecrypter;
import dev.jwtauth.token.JweEncrypter;
import dev.jwtauth.token.JweKeyManagement;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyFormatException;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.LegacyJweReader;
import dev.jwtauth.token.PrivateKeyFormats;
import dev.jwtauth.token.PublicKeyFormats;
import dev.jwtauth.token.RemoteKeys;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.SigningKey;
import dev.jwtauth.token.VerificationKey;

/**
 * The keys of the key settings ({@link Setting#key()}), made into key rings and encryption. One reader serves a
 * whole configuration: each key text is parsed once, though the signing keys, the encryption and every tenant
 * sharing the global keys read it again (parsing RSA keys is the slow part of start-up).
 */
final class KeyReader {
    private static final Logger LOG = Logger.getLogger(KeyReader.class.getName());
    /** The least {@code jwt.MinRsaKeyBits}: the smallest RSA keys still met in practice (and in the TCK). */
    static final int LOWEST_MIN_RSA_KEY_BITS = 1024;
    private final Map<String, HmacKey> hmacKeys = new HashMap<>();
    private final Map<Setting, Map<String, PrivateKey>> privateKeys = new EnumMap<>(Setting.class);
    private final Map<Setting, Map<String, PublicKey>> publicKeys = new EnumMap<>(Setting.class);
    /** By minimum RSA key size, then text: scopes sharing a text may allow different sizes. */
    private final Map<Integer, Map<String, List<VerificationKey>>> mpPublicKeys = new HashMap<>();
    private final Map<String, List<RSAPrivateCrtKey>> mpPrivateKeys = new HashMap<>();
    private final KeyLocations locations = new KeyLocations(Clock.systemUTC());

    /**
     * The signing key of {@code algorithm} and every verification key of the scope, that algorithm's type first.
     * {@code jwt.PrivateKeyPem} and {@code jwt.PublicKeyPem} (and their fallbacks) hold RSA or EC (P-256) keys; the
     * XML forms RSA keys only. Public RSA keys have at least {@code jwt.MinRsaKeyBits}; the public half of a private
     * key is as large as the private key has to be.
     */
    KeyRing ring(ScopedProperties properties, JwsAlgorithm algorithm) {
        Optional<String> keyId = properties.configured(Setting.KeyId).map(String::strip);
        int minRsaBits = minRsaKeyBits(properties);

        Optional<HmacKey> authKey = properties.configured(Setting.AuthKeyBase64).map(v -> hmacKey(
                properties.property(Setting.AuthKeyBase64), v, algorithm, keyId.filter(id -> algorithm.isHmac())));
        List<HmacKey> fallbackAuthKeys = properties.fallbacks(Setting.AuthKeyBase64).stream()
                .map(n -> hmacKey(properties.property(Setting.AuthKeyBase64, n), properties.fallback(Setting.AuthKeyBase64, n),
                        algorithm, Optional.empty())).toList();

        Optional<PrivateKey> privateKey = oneOf(properties, Setting.PrivateKeyPem, Setting.PrivateKeyXml, this::privateKey);
        Optional<PublicKey> publicKey = oneOf(properties, Setting.PublicKeyPem, Setting.PublicKeyXml, this::publicKey);
        if (privateKey.isPresent() && !algorithm.isHmac() && type(privateKey.get()) != algorithm.keyType()) {
            throw new InvalidConfigurationException(properties.property(properties.configured(Setting.PrivateKeyPem)
                    .isPresent() ? Setting.PrivateKeyPem : Setting.PrivateKeyXml), "holds an " + type(privateKey.get())
                    + " key but jwt.HashAlgorithm is " + algorithm + ", which signs with an " + algorithm.keyType() + " key");
        }
        if (privateKey.isPresent() && publicKey.isPresent() && !samePoint(publicOf(privateKey.get()), publicKey.get())) {
            throw new InvalidConfigurationException(properties.property(properties.configured(Setting.PublicKeyPem)
                    .isPresent() ? Setting.PublicKeyPem : Setting.PublicKeyXml),
                    "the public key does not belong to the configured private key");
        }
        Optional<String> primaryKid = keyId.filter(id -> !algorithm.isHmac());
        Optional<VerificationKey> primaryPublic = publicKey.map(key -> verificationKey(properties.property(properties
                        .configured(Setting.PublicKeyPem).isPresent() ? Setting.PublicKeyPem : Setting.PublicKeyXml),
                        key, primaryKid, minRsaBits))
                .or(() -> privateKey.map(key -> verificationKey(publicOf(key), primaryKid)));
        String kid = primaryPublic.map(VerificationKey::kid).orElseGet(() -> primaryKid.orElse(""));

        Optional<SigningKey> signing = algorithm.isHmac() ? authKey.map(SigningKey.class::cast)
                : privateKey.map(key -> signingKey(key, kid));
        List<VerificationKey> verification = new ArrayList<>();
        authKey.ifPresent(verification::add);
        verification.addAll(fallbackAuthKeys);
        primaryPublic.ifPresent(verification::add);
        for (Setting setting : List.of(Setting.PublicKeyPem, Setting.PublicKeyXml)) {
            for (int n : properties.fallbacks(setting)) {
                String property = properties.property(setting, n);
                PublicKey key = publicKey(setting, property, properties.fallback(setting, n));
                verification.add(verificationKey(property, key, Optional.empty(), minRsaBits));
            }
        }
        for (PrivateKey key : fallbackPrivateKeys(properties)) {
            verification.add(verificationKey(publicOf(key), Optional.empty()));
        }
        verification.addAll(mpPublicKeys(properties, minRsaBits));
        verification.addAll(locations.keys(properties, minRsaBits));
        Optional<RemoteKeys> remote = locations.remote(properties, algorithm, minRsaBits);
        if (verification.isEmpty() && remote.isEmpty() && properties.unconfigured()) {
            return new KeyRing(Optional.empty(), List.of());
        }
        if (verification.isEmpty() && remote.isEmpty() && properties.configured(Setting.MpDecryptKeyLocation).isPresent()) {
            // MicroProfile JWT would accept encrypted tokens whose claims are not signed: anyone holding the public
            // half of the decryption key can make one, so jwtauth checks the signature inside, with a key of these.
            throw new InvalidConfigurationException(properties.property(Setting.MpDecryptKeyLocation), "is set but no "
                    + "key verifies the signed token inside: set mp.jwt.verify.publickey or "
                    + "mp.jwt.verify.publickey.location too (jwtauth does not accept encrypted tokens that are not signed)");
        }
        if (verification.isEmpty() && remote.isEmpty()) {
            throw new InvalidConfigurationException(properties.property(algorithm.isHmac() ? Setting.AuthKeyBase64 : Setting.PrivateKeyPem),
                    "no key is configured: set jwt.AuthKeyBase64 (HS256/384/512) or jwt.PrivateKeyPem / jwt.PublicKeyPem "
                            + "with jwt.HashAlgorithm=RS256/384/512 (RSA keys, or their Xml forms) or ES256 (EC P-256 keys), "
                            + "or jwt.JwksUrl (an issuer's keys), or mp.jwt.verify.publickey or mp.jwt.verify.publickey.location");
        }
        // The configured algorithm's keys come first, so a token without a kid is tried against them first.
        verification.sort(Comparator.comparing(key -> key.keyType() != algorithm.keyType()));
        return new KeyRing(signing, verification, remote);
    }

    private static JwsAlgorithm.KeyType type(PrivateKey key) {
        return key instanceof ECPrivateKey ? JwsAlgorithm.KeyType.EC : JwsAlgorithm.KeyType.RSA;
    }

    private static boolean samePoint(PublicKey a, PublicKey b) {
        if (a instanceof ECPublicKey ecA && b instanceof ECPublicKey ecB) {
            return ecA.getW().equals(ecB.getW());
        }
        return a instanceof RSAPublicKey rsaA && b instanceof RSAPublicKey rsaB && rsaA.getModulus().equals(rsaB.getModulus())
                && rsaA.getPublicExponent().equals(rsaB.getPublicExponent());
    }

    private static PublicKey publicOf(PrivateKey key) {
        return key instanceof ECPrivateKey ec ? EcKeyFormats.publicKeyOf(ec) : RsaKeyFormats.publicKeyOf((RSAPrivateCrtKey) key);
    }

    private static SigningKey signingKey(PrivateKey key, String kid) {
        return key instanceof ECPrivateKey ec ? new EcSigningKey(ec, kid) : new RsaSigningKey((RSAPrivateCrtKey) key, kid);
    }

    /**
     * {@code jwt.MinRsaKeyBits}: at least {@value #LOWEST_MIN_RSA_KEY_BITS}. Lower than
     * {@link RsaKeyFormats#MIN_BITS} is the deployment's choice, for an issuer it cannot make change its keys, and
     * said at start: RFC 7518 §3.3 requires 2048 bits.
     */
    private static int minRsaKeyBits(ScopedProperties properties) {
        int bits = properties.integer(Setting.MinRsaKeyBits);
        String property = properties.property(Setting.MinRsaKeyBits);
        if (bits < LOWEST_MIN_RSA_KEY_BITS) {
            throw new InvalidConfigurationException(property, "is " + bits + " but must be at least "
                    + LOWEST_MIN_RSA_KEY_BITS + ": smaller RSA keys are factored in practice");
        }
        if (bits < RsaKeyFormats.MIN_BITS) {
            LOG.warning(() -> "JWTAUTH0151W: " + properties.tenant().map(tenant -> "tenant " + tenant)
                    .orElse("the global settings") + ": " + property + " is " + bits + ", so RSA public keys of " + bits
                    + " bits and more verify tokens, below the " + RsaKeyFormats.MIN_BITS + " bits RFC 7518 §3.3 "
                    + "requires (keys that sign or encrypt still need " + RsaKeyFormats.MIN_BITS + ")");
        }
        return bits;
    }

    /** A public key the configuration names, of at least {@code minRsaBits} if RSA; too small is refused naming it. */
    private static VerificationKey verificationKey(String property, PublicKey key, Optional<String> kid, int minRsaBits) {
        try {
            return verificationKey(key, kid, minRsaBits);
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
    }

    /** The public half of a private key, which is as large as a signing key must be. */
    private static VerificationKey verificationKey(PublicKey key, Optional<String> kid) {
        return verificationKey(key, kid, RsaKeyFormats.MIN_BITS);
    }

    /** The key under {@code kid}, or under its RFC 7638 thumbprint. */
    private static VerificationKey verificationKey(PublicKey key, Optional<String> kid, int minRsaBits) {
        if (key instanceof ECPublicKey ec) {
            return kid.map(id -> new EcVerificationKey(ec, id)).orElseGet(() -> EcVerificationKey.of(ec));
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        return kid.map(id -> new RsaVerificationKey(rsa, id, minRsaBits)).orElseGet(() -> RsaVerificationKey.of(rsa, minRsaBits));
    }

    /**
     * {@code jwt.EncryptPayload}: tokens encrypted for the primary RSA key, decrypted with it and its fallbacks;
     * {@code jwt.AcceptServiceStackJwe}: ServiceStack's JWE layout read with the same keys.
     */
    Encryption encryption(ScopedProperties properties) {
        boolean encrypt = properties.bool(Setting.EncryptPayload);
        boolean legacy = properties.bool(Setting.AcceptServiceStackJwe);
        Set<JweKeyManagement> keyManagement = properties.value(Setting.MpDecryptKeyAlgorithm, KeyReader::keyManagement)
                .map(Set::of).orElseGet(() -> EnumSet.allOf(JweKeyManagement.class));
        Optional<String> mpLocation = properties.configured(Setting.MpDecryptKeyLocation);
        if (mpLocation.isPresent()) {
            for (Setting own : List.of(Setting.EncryptPayload, Setting.AcceptServiceStackJwe)) {
                if (properties.bool(own)) {
                    throw new InvalidConfigurationException(properties.property(own), "is true but "
                            + properties.property(Setting.MpDecryptKeyLocation) + " is set: MicroProfile JWT's "
                            + "encrypted tokens are read with its key alone, so set one of them");
                }
            }
            return mpEncryption(properties, mpLocation.get(), keyManagement);
        }
        if (!encrypt && !legacy) {
            return Encryption.NONE;
        }
        Optional<PrivateKey> primary = oneOf(properties, Setting.PrivateKeyPem, Setting.PrivateKeyXml, this::privateKey);
        String property = properties.property(encrypt ? Setting.EncryptPayload : Setting.AcceptServiceStackJwe);
        if (primary.isEmpty() || !(primary.get() instanceof RSAPrivateCrtKey)) {
            throw new InvalidConfigurationException(property, "needs an RSA private key (jwt.PrivateKeyPem or "
                    + "jwt.PrivateKeyXml): tokens are encrypted for it and only its holder can read them"
                    + (primary.isPresent() ? "; jwt.PrivateKeyPem holds an EC key" : ""));
        }
        // EC fallbacks verify signatures only: JWEs are RSA-OAEP.
        List<RSAPrivateCrtKey> keys = new ArrayList<>();
        keys.add((RSAPrivateCrtKey) primary.get());
        for (PrivateKey key : fallbackPrivateKeys(properties)) {
            if (key instanceof RSAPrivateCrtKey rsa) {
                keys.add(rsa);
            }
        }
        try {
            return new Encryption(
                    encrypt ? Optional.of(new JweEncrypter(RsaKeyFormats.publicKeyOf(keys.get(0)))) : Optional.empty(),
                    encrypt ? Optional.of(new JweDecrypter(keys)) : Optional.empty(),
                    legacy ? Optional.of(new LegacyJweReader(keys)) : Optional.empty());
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
    }

    /**
     * {@code mp.jwt.decrypt.key.location}: tokens must be JWEs for its RSA key(s) (PEM, JWK or JWK Set), with the key
     * management of {@code mp.jwt.decrypt.key.algorithm} (either of the two when unset); the signed token inside is
     * checked as any other. jwtauth issues no such tokens itself.
     */
    private Encryption mpEncryption(ScopedProperties properties, String location, Set<JweKeyManagement> keyManagement) {
        String property = properties.property(Setting.MpDecryptKeyLocation);
        KeyLocation where;
        try {
            where = KeyLocation.of(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
        if (where.remote()) {
            throw new InvalidConfigurationException(property, "is a URL, but a private key is read from the "
                    + "application or a file, never fetched over a network");
        }
        try {
            List<RSAPrivateCrtKey> keys = mpPrivateKeys.computeIfAbsent(where.location(),
                    text -> PrivateKeyFormats.rsaKeys(where.read()));
            return new Encryption(Optional.empty(), Optional.of(new JweDecrypter(keys, keyManagement)), Optional.empty(), true);
        } catch (IllegalArgumentException e) { // KeyFormatException too
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
    }

    private static JweKeyManagement keyManagement(String property, String value) {
        return JweKeyManagement.fromHeader(value.strip()).orElseThrow(() -> new InvalidConfigurationException(property,
                "'" + value + "' is not RSA-OAEP-256 or RSA-OAEP"));
    }

    /** Whether the scope verifies or decrypts with MicroProfile JWT's keys, and so takes its defaults. */
    boolean mpConfigured(ScopedProperties properties) {
        return properties.configured(Setting.MpVerifyPublicKey).isPresent()
                || properties.configured(Setting.MpVerifyPublicKeyLocation).isPresent()
                || properties.configured(Setting.MpDecryptKeyLocation).isPresent();
    }

    /**
     * The keys of {@code mp.jwt.verify.publickey}, in any form MicroProfile JWT allows (PEM, JWK, JWK Set, Base64url
     * JWK). A key's location ({@code mp.jwt.verify.publickey.location}) is {@code jwt.PublicKeyLocation}'s
     * ({@link KeyLocations}); the specification allows one of the two.
     */
    private List<VerificationKey> mpPublicKeys(ScopedProperties properties, int minRsaBits) {
        Optional<String> text = properties.configured(Setting.MpVerifyPublicKey);
        if (text.isEmpty()) {
            return List.of();
        }
        String property = properties.property(Setting.MpVerifyPublicKey);
        for (Setting location : List.of(Setting.MpVerifyPublicKeyLocation, Setting.PublicKeyLocation)) {
            if (properties.configured(location).isPresent()) {
                throw new InvalidConfigurationException(properties.property(location),
                        "set either " + property + " or " + properties.property(location) + ", not both");
            }
        }
        return parsed(mpPublicKeys.computeIfAbsent(minRsaBits, bits -> new HashMap<>()), property, text.get(),
                key -> PublicKeyFormats.read(key, minRsaBits));
    }

    /** RFC 7518 §3.2: at least as long as the hash of the HS algorithm in use (HS256 when signing with RSA). */
    private HmacKey hmacKey(String property, String base64, JwsAlgorithm algorithm, Optional<String> keyId) {
        HmacKey key = parsed(hmacKeys, property, base64, HmacKey::fromBase64);
        JwsAlgorithm hmac = algorithm.isHmac() ? algorithm : JwsAlgorithm.HS256;
        if (key.length() < hmac.minKeyBytes()) {
            throw new InvalidConfigurationException(property, "has " + key.length() + " bytes but " + hmac
                    + " needs a key of at least " + hmac.minKeyBytes() + " bytes (RFC 7518 §3.2)");
        }
        return keyId.map(key::withKid).orElse(key);
    }

    private PrivateKey privateKey(Setting setting, String property, String value) {
        Function<String, PrivateKey> parse = setting == Setting.PrivateKeyXml ? RsaKeyFormats::privateKeyFromXml
                : pem -> EcKeyFormats.isEcKey(pem) ? EcKeyFormats.privateKeyFromPem(pem) : RsaKeyFormats.privateKeyFromPem(pem);
        return parsed(privateKeys.computeIfAbsent(setting, s -> new HashMap<>()), property, value, parse);
    }

    private PublicKey publicKey(Setting setting, String property, String value) {
        Function<String, PublicKey> parse = setting == Setting.PublicKeyXml ? RsaKeyFormats::publicKeyFromXml
                : pem -> EcKeyFormats.isEcKey(pem) ? EcKeyFormats.publicKeyFromPem(pem) : RsaKeyFormats.publicKeyFromPem(pem);
        return parsed(publicKeys.computeIfAbsent(setting, s -> new HashMap<>()), property, value, parse);
    }

    /** A key text parsed the first time it is met; a text that does not parse is refused naming its property. */
    private static <K> K parsed(Map<String, K> cache, String property, String text, Function<String, ? extends K> parse) {
        K key = cache.get(text);
        if (key == null) {
            try {
                key = parse.apply(text);
            } catch (KeyFormatException e) {
                throw new InvalidConfigurationException(property, e.getMessage(), e);
            }
            cache.put(text, key);
        }
        return key;
    }

    /** How a key setting's text becomes a key. */
    @FunctionalInterface
    private interface Parse<K> {
        K apply(Setting setting, String property, String value);
    }

    /** The key set in the PEM form or the XML form of a setting, never both (which one would win is a trap). */
    private static <K> Optional<K> oneOf(ScopedProperties properties, Setting pem, Setting xml, Parse<K> parse) {
        Optional<String> pemValue = properties.configured(pem);
        Optional<String> xmlValue = properties.configured(xml);
        if (pemValue.isPresent() && xmlValue.isPresent()) {
            throw new InvalidConfigurationException(properties.property(xml),
                    "set either " + ScopedProperties.PREFIX + pem + " or " + ScopedProperties.PREFIX + xml + ", not both");
        }
        return pemValue.map(v -> parse.apply(pem, properties.property(pem), v))
                .or(() -> xmlValue.map(v -> parse.apply(xml, properties.property(xml), v)));
    }

    private List<PrivateKey> fallbackPrivateKeys(ScopedProperties properties) {
        List<PrivateKey> keys = new ArrayList<>(fallbacks(properties, Setting.PrivateKeyPem, this::privateKey));
        keys.addAll(fallbacks(properties, Setting.PrivateKeyXml, this::privateKey));
        return keys;
    }

    private static <K> List<K> fallbacks(ScopedProperties properties, Setting setting, Parse<K> parse) {
        return properties.fallbacks(setting).stream()
                .map(n -> parse.apply(setting, properties.property(setting, n), properties.fallback(setting, n))).toList();
    }
}
