package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The five segments of a JWE Compact Serialization (RFC 7516 §7.1), split and decoded strictly, for the only pair of
 * algorithms jwtauth reads: {@code RSA-OAEP} key encryption with {@code A128CBC-HS256} content encryption. Both our
 * standard JWEs and ServiceStack's pre-standard ones use that pair; they differ in the AAD, the tag length and the
 * header members, which is why the tag length and a {@link HeaderRule} are parameters.
 * <p>
 * Nothing here is cryptographic: the checks only refuse, before any RSA operation, what no genuine token can look
 * like, so that a malformed token costs nothing and never reaches a JCA or jose4j code path that would throw.
 *
 * @param headerSegment       the Base64url header text exactly as sent (the AAD is built from it, RFC 7516 §5.2
 *                            step 14)
 * @param encryptedKeySegment the Base64url encrypted key as sent (ServiceStack's AAD also covers it)
 */
record JweParts(String headerSegment, JsonObject header, String encryptedKeySegment, byte[] encryptedKey, byte[] iv,
        byte[] ciphertext, byte[] tag) {

    /** RSAES-OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3), the only key management algorithm read. */
    static final String ALG = "RSA-OAEP";
    /** AES_128_CBC_HMAC_SHA_256 (RFC 7518 §5.2.3), the only content encryption read. */
    static final String ENC = "A128CBC-HS256";
    /** The CEK: 16 bytes of HMAC key, then 16 bytes of AES key (RFC 7518 §5.2.2.1; ServiceStack splits it the same way). */
    static final int CEK_BYTES = 32;
    static final int IV_BYTES = 16;
    static final int AES_BLOCK_BYTES = 16;
    /** RFC 7518 §5.2.3: the HMAC-SHA-256 output truncated to its first 16 bytes. */
    static final int STANDARD_TAG_BYTES = 16;
    /** ServiceStack's draft-era layout sends the whole HMAC-SHA-256 output. */
    static final int LEGACY_TAG_BYTES = 32;

    /** Checks the header members other than {@code alg} and {@code enc}, which {@link #parse} checks itself. */
    @FunctionalInterface
    interface HeaderRule {
        void check(JsonObject header) throws TokenException;
    }

    /** A cheap shape test: exactly five dot-separated segments (four dots). */
    static boolean hasFiveSegments(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.' && ++dots > 4) {
                return false;
            }
        }
        return dots == 4;
    }

    /**
     * Splits and decodes the token. The header is checked first (algorithms, then the rule), so that a token
     * naming an algorithm we refuse is reported as such whatever its other segments look like.
     */
    static JweParts parse(String token, int tagBytes, HeaderRule rule) throws TokenException {
        if (!hasFiveSegments(token)) {
            throw new TokenException(TokenFailure.MALFORMED, "not a JWE with 5 parts");
        }
        // RFC 7516 §2: Base64url without padding; every other character outside the alphabet is refused by the
        // decoder (characters beyond Latin-1 arrive there as '?').
        if (token.indexOf('=') >= 0) {
            throw new TokenException(TokenFailure.MALFORMED, "not Base64url");
        }
        int[] dots = new int[4];
        for (int i = 0, from = 0; i < 4; i++) {
            dots[i] = token.indexOf('.', from);
            from = dots[i] + 1;
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        JsonObject header = header(ascii, dots[0]);
        checkAlgorithm(header, "alg", ALG);
        checkAlgorithm(header, "enc", ENC);
        rule.check(header);

        byte[] encryptedKey = Base64Url.decode(ascii, dots[0] + 1, dots[1], "encrypted key", false);
        byte[] iv = Base64Url.decode(ascii, dots[1] + 1, dots[2], "IV", false);
        byte[] ciphertext = Base64Url.decode(ascii, dots[2] + 1, dots[3], "ciphertext", false);
        byte[] tag = Base64Url.decode(ascii, dots[3] + 1, ascii.length, "tag", false);
        if (iv.length != IV_BYTES) {
            throw new TokenException(TokenFailure.MALFORMED, "the IV is not " + IV_BYTES + " bytes");
        }
        // CBC with PKCS#7 padding always yields whole blocks, at least one.
        if (ciphertext.length % AES_BLOCK_BYTES != 0) {
            throw new TokenException(TokenFailure.MALFORMED, "the ciphertext is not whole AES blocks");
        }
        if (tag.length != tagBytes) {
            throw new TokenException(TokenFailure.MALFORMED, "the tag is not " + tagBytes + " bytes");
        }
        return new JweParts(token.substring(0, dots[0]), header, token.substring(dots[0] + 1, dots[1]), encryptedKey,
                iv, ciphertext, tag);
    }

    /** The header's {@code kid} if it is a string; a {@code kid} of another JSON type is refused. */
    static String kid(JsonObject header) throws TokenException {
        JsonValue kid = header.get("kid");
        if (kid == null) {
            return null;
        }
        if (kid instanceof JsonString text) {
            return text.getString();
        }
        throw new TokenException(TokenFailure.MALFORMED, "kid is not a string");
    }

    /** A header parameter name for a log line: never more than a short, fixed-length piece of attacker text. */
    static String shortName(String name) {
        return name.length() <= 16 ? name : name.substring(0, 16) + "…";
    }

    private static JsonObject header(byte[] ascii, int end) throws TokenException {
        String json = new String(Base64Url.decode(ascii, 0, end, "header", false), StandardCharsets.UTF_8);
        try {
            return JsonCodec.parseObject(json);
        } catch (JsonException e) {
            throw new TokenException(TokenFailure.MALFORMED, "header is not a JSON object");
        }
    }

    /** RFC 7516 §4.1.1/§4.1.2: {@code alg} and {@code enc} are case-sensitive strings and must both be present. */
    private static void checkAlgorithm(JsonObject header, String name, String expected) throws TokenException {
        if (!(header.get(name) instanceof JsonString value)) {
            throw new TokenException(TokenFailure.MALFORMED, "no " + name);
        }
        if (!expected.equals(value.getString())) {
            throw new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM, name + " " + shortName(value.getString()));
        }
    }
}
