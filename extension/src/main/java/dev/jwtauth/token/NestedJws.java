package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The content of one of our JWEs must be a signed JWT (RFC 7519 §11.2, sign-then-encrypt). RSA-OAEP encryption
 * needs only the public key, so the JWE's own authentication tag proves nothing about who made the token; only the
 * inner signature does. This check refuses, right after decryption, content that could not be a JWS we would
 * verify — claims sent as they are ("encrypt-only"), {@code alg: none}, an unknown algorithm, another JWE — so
 * that such content never reaches a code path that might take it for verified claims. The signature itself is
 * verified afterwards by {@link TokenReader} with the normal key ring.
 */
final class NestedJws {

    private NestedJws() {
    }

    /** Returns the plaintext as the compact JWS text, or refuses it. */
    static String check(byte[] plaintext) throws TokenException {
        for (byte b : plaintext) {
            if (b < 0) {
                throw new TokenException(TokenFailure.NOT_SIGNED, "the encrypted content is not a signed JWT");
            }
        }
        String jws = new String(plaintext, StandardCharsets.US_ASCII);
        check(jws);
        return jws;
    }

    /**
     * Three non-empty Base64url segments whose header names a signing algorithm we know (never {@code none}) and
     * {@code typ} JWT, as {@link TokenReader} requires of every access token.
     */
    static void check(String jws) throws TokenException {
        int firstDot = jws.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : jws.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || secondDot == firstDot + 1 || secondDot == jws.length() - 1
                || jws.indexOf('.', secondDot + 1) >= 0 || !isBase64url(jws)) {
            throw new TokenException(TokenFailure.NOT_SIGNED, "the encrypted content is not a signed JWT");
        }
        JsonObject header;
        try {
            header = JsonCodec.parseObject(new String(Base64.getUrlDecoder().decode(jws.substring(0, firstDot)),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonException e) {
            throw new TokenException(TokenFailure.MALFORMED, "the encrypted JWT's header is not a JSON object");
        }
        if (!(header.get("alg") instanceof JsonString alg)) {
            throw new TokenException(TokenFailure.MALFORMED, "the encrypted JWT has no alg");
        }
        if (JwsAlgorithm.fromHeader(alg.getString()).isEmpty()) {
            throw new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM,
                    "the encrypted JWT is signed with " + JweParts.shortName(alg.getString()));
        }
        if (!(header.get("typ") instanceof JsonString typ) || !typ.getString().equalsIgnoreCase("JWT")) {
            throw new TokenException(TokenFailure.INVALID_TYPE, "the encrypted JWT");
        }
    }

    private static boolean isBase64url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
