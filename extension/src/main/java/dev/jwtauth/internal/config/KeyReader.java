package dev.jwtauth.internal.config;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.jwtauth.token.Encryption;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JweDecrypter;
import dev.jwtauth.token.JweEncrypter;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyFormatException;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.LegacyJweReader;
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
    private final Map<String, HmacKey> hmacKeys = new HashMap<>();
    private final Map<Setting, Map<String, RSAPrivateCrtKey>> privateKeys = new EnumMap<>(Setting.class);
    private final Map<Setting, Map<String, RSAPublicKey>> publicKeys = new EnumMap<>(Setting.class);

    /** The signing key of {@code algorithm} and every verification key of the scope, that algorithm's first. */
    KeyRing ring(ScopedProperties properties, JwsAlgorithm algorithm) {
        Optional<String> keyId = properties.configured(Setting.KeyId).map(String::strip);

        Optional<HmacKey> authKey = properties.configured(Setting.AuthKeyBase64).map(v -> hmacKey(
                properties.property(Setting.AuthKeyBase64), v, algorithm, keyId.filter(id -> algorithm.isHmac())));
        List<HmacKey> fallbackAuthKeys = properties.fallbacks(Setting.AuthKeyBase64).stream()
                .map(n -> hmacKey(properties.property(Setting.AuthKeyBase64, n), properties.fallback(Setting.AuthKeyBase64, n),
                        algorithm, Optional.empty())).toList();

        Optional<RSAPrivateCrtKey> privateKey = oneOf(properties, Setting.PrivateKeyPem, Setting.PrivateKeyXml, this::privateKey);
        Optional<RSAPublicKey> publicKey = oneOf(properties, Setting.PublicKeyPem, Setting.PublicKeyXml, this::publicKey);
        if (privateKey.isPresent() && publicKey.isPresent()
                && !RsaKeyFormats.publicKeyOf(privateKey.get()).getModulus().equals(publicKey.get().getModulus())) {
            throw new InvalidConfigurationException(properties.property(properties.configured(Setting.PublicKeyPem)
                    .isPresent() ? Setting.PublicKeyPem : Setting.PublicKeyXml),
                    "the public key does not belong to the configured private key");
        }
        Optional<RSAPublicKey> primaryPublic = publicKey.or(() -> privateKey.map(RsaKeyFormats::publicKeyOf));
        String rsaKid = keyId.filter(id -> !algorithm.isHmac())
                .orElseGet(() -> primaryPublic.map(KeyIds::thumbprint).orElse(""));

        Optional<SigningKey> signing = algorithm.isHmac() ? authKey.map(SigningKey.class::cast)
                : privateKey.map(key -> new RsaSigningKey(key, rsaKid));
        // The configured algorithm's keys come first, so a token without a kid is tried against them first.
        List<VerificationKey> hmac = new ArrayList<>();
        authKey.ifPresent(hmac::add);
        hmac.addAll(fallbackAuthKeys);
        List<VerificationKey> rsa = new ArrayList<>();
        primaryPublic.ifPresent(key -> rsa.add(new RsaVerificationKey(key, rsaKid)));
        for (Setting setting : List.of(Setting.PublicKeyPem, Setting.PublicKeyXml)) {
            for (RSAPublicKey key : fallbacks(properties, setting, this::publicKey)) {
                rsa.add(RsaVerificationKey.of(key));
            }
        }
        for (RSAPrivateCrtKey key : fallbackPrivateKeys(properties)) {
            rsa.add(RsaVerificationKey.of(RsaKeyFormats.publicKeyOf(key)));
        }
        mpPublicKey(properties).ifPresent(key -> rsa.add(RsaVerificationKey.of(key)));
        List<VerificationKey> verification = new ArrayList<>(algorithm.isHmac() ? hmac : rsa);
        verification.addAll(algorithm.isHmac() ? rsa : hmac);
        if (verification.isEmpty()) {
            throw new InvalidConfigurationException(properties.property(algorithm.isHmac() ? Setting.AuthKeyBase64 : Setting.PrivateKeyPem),
                    "no key is configured: set jwt.AuthKeyBase64 (HS256/384/512) or jwt.PrivateKeyPem / jwt.PublicKeyPem "
                            + "(or their Xml forms) with jwt.HashAlgorithm=RS256/384/512, or mp.jwt.verify.publickey "
                            + "or mp.jwt.verify.publickey.location");
        }
        return new KeyRing(signing, verification);
    }

    /**
     * {@code jwt.EncryptPayload}: tokens encrypted for the primary RSA key, decrypted with it and its fallbacks;
     * {@code jwt.AcceptServiceStackJwe}: ServiceStack's JWE layout read with the same keys.
     */
    Encryption encryption(ScopedProperties properties) {
        boolean encrypt = properties.bool(Setting.EncryptPayload);
        boolean legacy = properties.bool(Setting.AcceptServiceStackJwe);
        if (!encrypt && !legacy) {
            return Encryption.NONE;
        }
        List<RSAPrivateCrtKey> keys = new ArrayList<>();
        oneOf(properties, Setting.PrivateKeyPem, Setting.PrivateKeyXml, this::privateKey).ifPresent(keys::add);
        keys.addAll(fallbackPrivateKeys(properties));
        String property = properties.property(encrypt ? Setting.EncryptPayload : Setting.AcceptServiceStackJwe);
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(property, "needs an RSA private key (jwt.PrivateKeyPem or "
                    + "jwt.PrivateKeyXml): tokens are encrypted for it and only its holder can read them");
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

    /** Whether the scope verifies or decrypts with MicroProfile JWT's keys, and so takes its defaults. */
    boolean mpConfigured(ScopedProperties properties) {
        return properties.configured(Setting.MpVerifyPublicKey).isPresent()
                || properties.configured(Setting.MpVerifyPublicKeyLocation).isPresent()
                || properties.configured(Setting.MpDecryptKeyLocation).isPresent();
    }

    /** {@code mp.jwt.verify.publickey}, or the text at {@code mp.jwt.verify.publickey.location}: one of the two. */
    private Optional<RSAPublicKey> mpPublicKey(ScopedProperties properties) {
        Optional<String> text = properties.configured(Setting.MpVerifyPublicKey);
        Optional<String> location = properties.configured(Setting.MpVerifyPublicKeyLocation);
        if (text.isPresent() && location.isPresent()) {
            throw new InvalidConfigurationException(properties.property(Setting.MpVerifyPublicKeyLocation),
                    "set either " + properties.property(Setting.MpVerifyPublicKey) + " or "
                            + properties.property(Setting.MpVerifyPublicKeyLocation) + ", not both");
        }
        if (text.isPresent()) {
            return Optional.of(publicKey(Setting.MpVerifyPublicKey, properties.property(Setting.MpVerifyPublicKey), text.get()));
        }
        return location.map(where -> {
            String property = properties.property(Setting.MpVerifyPublicKeyLocation);
            return publicKey(Setting.MpVerifyPublicKeyLocation, property, KeyLocation.read(property, where.strip()));
        });
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

    private RSAPrivateCrtKey privateKey(Setting setting, String property, String value) {
        return parsed(privateKeys.computeIfAbsent(setting, s -> new HashMap<>()), property, value,
                setting == Setting.PrivateKeyXml ? RsaKeyFormats::privateKeyFromXml : RsaKeyFormats::privateKeyFromPem);
    }

    private RSAPublicKey publicKey(Setting setting, String property, String value) {
        return parsed(publicKeys.computeIfAbsent(setting, s -> new HashMap<>()), property, value,
                setting == Setting.PublicKeyXml ? RsaKeyFormats::publicKeyFromXml : RsaKeyFormats::publicKeyFromPem);
    }

    /** A key text parsed the first time it is met; a text that does not parse is refused naming its property. */
    private static <K> K parsed(Map<String, K> cache, String property, String text, Function<String, K> parse) {
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

    private List<RSAPrivateCrtKey> fallbackPrivateKeys(ScopedProperties properties) {
        List<RSAPrivateCrtKey> keys = new ArrayList<>(fallbacks(properties, Setting.PrivateKeyPem, this::privateKey));
        keys.addAll(fallbacks(properties, Setting.PrivateKeyXml, this::privateKey));
        return keys;
    }

    private static <K> List<K> fallbacks(ScopedProperties properties, Setting setting, Parse<K> parse) {
        return properties.fallbacks(setting).stream()
                .map(n -> parse.apply(setting, properties.property(setting, n), properties.fallback(setting, n))).toList();
    }
}
