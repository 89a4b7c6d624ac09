package dev.jwtauth.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The RSA private keys of a decryption key text in any form MicroProfile JWT allows
 * ({@code mp.jwt.decrypt.key.location}): a PEM private key (PKCS#8 or PKCS#1), a JWK with its private members
 * (RFC 7518 §6.3.2), or a JWK Set of such keys. A JWK Set's members that are not RSA private keys (public keys, other
 * types, keys for signing only) are skipped; a text without one key is refused. Failures are
 * {@link KeyFormatException}s naming why, never quoting the text.
 */
public final class PrivateKeyFormats {
    /** The members of an RSA private JWK that make a CRT key, as the JCA needs them. */
    private static final List<String> RSA_PRIVATE = List.of("n", "e", "d", "p", "q", "dp", "dq", "qi");

    private PrivateKeyFormats() {
    }

    /** The RSA private keys of the text, in its order; at least one. */
    public static List<RSAPrivateCrtKey> rsaKeys(String text) {
        String trimmed = Pem.requireText(text).strip();
        if (!trimmed.startsWith("{")) {
            return List.of(RsaKeyFormats.privateKeyFromPem(trimmed));
        }
        JsonObject json;
        try {
            json = JsonCodec.parseObject(trimmed);
        } catch (JsonException e) {
            throw new KeyFormatException("not a JWK or JWK Set: the JSON does not parse");
        }
        if (!json.containsKey("keys")) {
            return List.of(rsaKey(json));
        }
        if (!(json.get("keys") instanceof JsonArray keys)) {
            throw new KeyFormatException("a JWK Set's \"keys\" is an array");
        }
        List<RSAPrivateCrtKey> found = new ArrayList<>();
        for (JsonValue member : keys) {
            if (member instanceof JsonObject jwk && isRsaPrivate(jwk) && !"sig".equals(string(jwk, "use"))) {
                found.add(rsaKey(jwk));
            }
        }
        if (found.isEmpty()) {
            throw new KeyFormatException("the JWK Set has no RSA private key for decryption");
        }
        return List.copyOf(found);
    }

    private static boolean isRsaPrivate(JsonObject jwk) {
        return "RSA".equals(string(jwk, "kty")) && jwk.containsKey("d");
    }

    private static RSAPrivateCrtKey rsaKey(JsonObject jwk) {
        if (!"RSA".equals(string(jwk, "kty"))) {
            throw new KeyFormatException("the JWK is not an RSA key (kty RSA)");
        }
        BigInteger[] values = new BigInteger[RSA_PRIVATE.size()];
        for (int i = 0; i < values.length; i++) {
            String name = RSA_PRIVATE.get(i);
            String value = string(jwk, name);
            if (value == null) {
                throw new KeyFormatException("the RSA JWK has no \"" + name + "\": a private key with its CRT members "
                        + "(n, e, d, p, q, dp, dq, qi) is needed");
            }
            try {
                values[i] = new BigInteger(1, Base64.getUrlDecoder().decode(value));
            } catch (IllegalArgumentException e) {
                throw new KeyFormatException("the RSA JWK's \"" + name + "\" is not Base64url");
            }
        }
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                    values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("the RSA JWK is not a valid private key", e);
        }
    }

    private static String string(JsonObject jwk, String name) {
        return jwk.get(name) instanceof JsonString text ? text.getString() : null;
    }
}
