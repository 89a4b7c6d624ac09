package dev.jwtauth.token;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Public keys as JSON Web Keys (RFC 7517, RFC 7518 §6): read from a JWK or a JWK Set, written for publishing.
 * <p>
 * Reading takes what verifies our algorithms and skips the rest of a set, saying why: a key whose {@code use} is not
 * {@code sig} (or whose {@code key_ops} lack {@code verify}), an unknown {@code kty} (and {@code oct}: a secret is
 * no public key), an EC curve other than P-256, an {@code alg} that is not one of ours of the key's type, a key that
 * does not check out (RSA under the minimum size, 2048 bits unless lowered; a point off the curve). A text that yields no key is an error naming
 * every reason. Members that carry or point at other keys ({@code x5c}, {@code x5u}, {@code jku}) are ignored:
 * nothing is fetched and no certificate is trusted. A key without {@code kid} gets its RFC 7638 thumbprint.
 */
public final class Jwks {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwks() {
    }

    /**
     * The verification keys of a JWK (one object with {@code kty}) or a JWK Set ({@code {"keys":[...]}}); RSA keys
     * of at least {@link RsaKeyFormats#MIN_BITS}.
     *
     * @throws KeyFormatException if the text is no such JSON or yields no usable key, naming why
     */
    public static List<VerificationKey> read(String json) {
        return read(json, RsaKeyFormats.MIN_BITS);
    }

    /**
     * The verification keys of a JWK or a JWK Set; RSA keys of at least {@code minRsaBits}.
     *
     * @throws KeyFormatException if the text is no such JSON or yields no usable key, naming why
     */
    public static List<VerificationKey> read(String json, int minRsaBits) {
        JsonObject root;
        try {
            root = JsonCodec.parseObject(Pem.requireText(json));
        } catch (JsonException e) {
            throw new KeyFormatException("not a JSON object (a JWK or a JWK Set)");
        }
        if (!root.containsKey("keys")) {
            return List.of(key(root, minRsaBits));
        }
        if (!(root.get("keys") instanceof JsonArray members)) {
            throw new KeyFormatException("the JWK Set's 'keys' is not an array");
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            try {
                if (!(members.get(i) instanceof JsonObject member)) {
                    throw new KeyFormatException("not a JSON object");
                }
                keys.add(key(member, minRsaBits));
            } catch (KeyFormatException e) {
                skipped.add("key " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new KeyFormatException("the JWK Set holds no usable signature key"
                    + (skipped.isEmpty() ? " (it is empty)" : " (" + String.join("; ", skipped) + ")"));
        }
        return List.copyOf(keys);
    }

    /**
     * The public JWK of a verification key, to publish in a JWK Set: {@code kty, kid, use: sig, alg}, then
     * {@code n, e} (RSA) or {@code crv, x, y} (EC). Empty for an HMAC key: a secret is never published.
     *
     * @param algorithm the {@code alg} to announce; ignored for a key that does not verify it (then the key type's
     *                  first algorithm is announced)
     */
    public static Optional<Map<String, Object>> publicJwk(VerificationKey key, JwsAlgorithm algorithm) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", key.keyType().kty());
        jwk.put("kid", key.kid());
        jwk.put("use", "sig");
        jwk.put("alg", (key.verifies(algorithm) ? algorithm : firstOf(key.keyType())).name());
        if (key instanceof RsaVerificationKey rsa) {
            jwk.put("n", BASE64URL.encodeToString(RsaKeyFormats.unsignedBytes(rsa.publicKey().getModulus())));
            jwk.put("e", BASE64URL.encodeToString(RsaKeyFormats.unsignedBytes(rsa.publicKey().getPublicExponent())));
        } else if (key instanceof EcVerificationKey ec) {
            jwk.put("crv", P256.CRV);
            jwk.put("x", BASE64URL.encodeToString(P256.coordinate(ec.publicKey().getW().getAffineX())));
            jwk.put("y", BASE64URL.encodeToString(P256.coordinate(ec.publicKey().getW().getAffineY())));
        } else {
            return Optional.empty();
        }
        return Optional.of(jwk);
    }

    private static JwsAlgorithm firstOf(JwsAlgorithm.KeyType type) {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            if (algorithm.keyType() == type) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("no algorithm of " + type);
    }

    /** One JWK's verification key, or a {@link KeyFormatException} saying why it is none. */
    private static VerificationKey key(JsonObject jwk, int minRsaBits) {
        String kty = optionalText(jwk, "kty").orElseThrow(() -> new KeyFormatException("no kty"));
        Optional<String> kid = optionalText(jwk, "kid");
        String named = kid.map(id -> "kid '" + JweParts.shortName(id) + "': ").orElse("");
        Optional<String> use = optionalText(jwk, "use");
        if (use.isPresent() && !use.get().equals("sig")) {
            throw new KeyFormatException(named + "use '" + JweParts.shortName(use.get()) + "' is not sig");
        }
        if (jwk.containsKey("key_ops") && !(jwk.get("key_ops") instanceof JsonArray ops && ops.contains(JsonCodec.string("verify")))) {
            throw new KeyFormatException(named + "key_ops do not include verify");
        }
        JwsAlgorithm.KeyType type = switch (kty) {
            case "RSA" -> JwsAlgorithm.KeyType.RSA;
            case "EC" -> JwsAlgorithm.KeyType.EC;
            case "oct" -> throw new KeyFormatException(named + "kty 'oct' is a secret key, not a public one");
            default -> throw new KeyFormatException(named + "kty '" + JweParts.shortName(kty) + "' is not RSA or EC");
        };
        Optional<String> alg = optionalText(jwk, "alg");
        if (alg.isPresent() && JwsAlgorithm.fromHeader(alg.get()).filter(a -> a.keyType() == type).isEmpty()) {
            throw new KeyFormatException(named + "alg '" + JweParts.shortName(alg.get()) + "' is not a signature "
                    + "algorithm of kty " + kty + " that jwtauth verifies");
        }
        try {
            if (type == JwsAlgorithm.KeyType.RSA) {
                RSAPublicKey key = RsaKeyFormats.publicKey(integer(jwk, "n"), integer(jwk, "e"));
                return kid.isPresent() ? new RsaVerificationKey(key, kid.get(), minRsaBits) : RsaVerificationKey.of(key, minRsaBits);
            }
            String crv = optionalText(jwk, "crv").orElseThrow(() -> new KeyFormatException("no crv"));
            if (!crv.equals(P256.CRV)) {
                throw new KeyFormatException("crv '" + JweParts.shortName(crv) + "' is not P-256");
            }
            ECPublicKey key = EcKeyFormats.publicKey(coordinate(jwk, "x"), coordinate(jwk, "y"));
            return kid.isPresent() ? new EcVerificationKey(key, kid.get()) : EcVerificationKey.of(key);
        } catch (KeyFormatException e) {
            throw new KeyFormatException(named + e.getMessage(), e);
        }
    }

    private static Optional<String> optionalText(JsonObject jwk, String member) {
        JsonValue value = jwk.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw new KeyFormatException(member + " is not a string");
    }

    private static byte[] base64url(JsonObject jwk, String member) {
        String text = optionalText(jwk, member).orElseThrow(() -> new KeyFormatException("no " + member));
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            if (bytes.length == 0) {
                throw new KeyFormatException(member + " is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(member + " is not Base64url");
        }
    }

    private static BigInteger integer(JsonObject jwk, String member) {
        return new BigInteger(1, base64url(jwk, member));
    }

    /** RFC 7518 §6.2.1.2: a coordinate is the full 32 bytes for P-256, never shortened. */
    private static BigInteger coordinate(JsonObject jwk, String member) {
        byte[] bytes = base64url(jwk, member);
        if (bytes.length != P256.FIELD_BYTES) {
            throw new KeyFormatException(member + " is not " + P256.FIELD_BYTES + " bytes");
        }
        return new BigInteger(1, bytes);
    }
}
