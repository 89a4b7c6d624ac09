package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The five segments of a JWE Compact Serialization (RFC 7516 §7.1), split and decoded strictly, for the algorithms
 * the caller accepts: {@code RSA-OAEP} or {@code RSA-OAEP-256} key encryption ({@link JweKeyManagement}) with
 * {@code A128CBC-HS256} or {@code A256GCM} content encryption ({@link JweContentEncryption}). ServiceStack's
 * pre-standard layout uses RSA-OAEP + A128CBC-HS256 only and differs in the AAD, the tag length and the header
 * members, which is why the layout and a {@link HeaderRule} are parameters.
 * <p>
 * Nothing here is cryptographic: the checks only refuse, before any RSA operation, what no genuine token can look
 * like, so that a malformed token costs nothing and never reaches a JCA or jose4j code path that would throw.
 *
 * @param headerSegment       the Base64url header text exactly as sent (the AAD is built from it, RFC 7516 §5.2
 *                            step 14)
 * @param encryptedKeySegment the Base64url encrypted key as sent (ServiceStack's AAD also covers it)
 */
record JweParts(String headerSegment, JsonObject header, JweKeyManagement keyManagement,
        JweContentEncryption contentEncryption, String encryptedKeySegment, byte[] encryptedKey, byte[] iv,
        byte[] ciphertext, byte[] tag) {

    /** What our own JWEs (and ServiceStack's) use: RSAES-OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3)... */
    static final String ALG = JweKeyManagement.RSA_OAEP.alg();
    /** ... and AES_128_CBC_HMAC_SHA_256 (RFC 7518 §5.2.3). */
    static final String ENC = JweContentEncryption.A128CBC_HS256.enc();
    static final int AES_BLOCK_BYTES = 16;
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
     *
     * @param keyManagement     the {@code alg}s accepted; another known one is {@link TokenFailure#ALGORITHM_NOT_ALLOWED}
     * @param contentEncryption the {@code enc}s accepted
     * @param legacyLayout      ServiceStack's 32-byte tag instead of the standard 16
     */
    static JweParts parse(String token, Set<JweKeyManagement> keyManagement, Set<JweContentEncryption> contentEncryption,
                          boolean legacyLayout, HeaderRule rule) throws TokenException {
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
        JweKeyManagement alg = algorithm(header, "alg", JweKeyManagement::fromHeader, keyManagement);
        JweContentEncryption enc = algorithm(header, "enc", JweContentEncryption::fromHeader, contentEncryption);
        rule.check(header);

        byte[] encryptedKey = Base64Url.decode(ascii, dots[0] + 1, dots[1], "encrypted key", false);
        byte[] iv = Base64Url.decode(ascii, dots[1] + 1, dots[2], "IV", false);
        byte[] ciphertext = Base64Url.decode(ascii, dots[2] + 1, dots[3], "ciphertext", false);
        byte[] tag = Base64Url.decode(ascii, dots[3] + 1, ascii.length, "tag", false);
        if (iv.length != enc.ivBytes()) {
            throw new TokenException(TokenFailure.MALFORMED, "the IV is not " + enc.ivBytes() + " bytes");
        }
        // CBC with PKCS#7 padding always yields whole blocks, at least one.
        if (enc.wholeBlocks() && ciphertext.length % AES_BLOCK_BYTES != 0) {
            throw new TokenException(TokenFailure.MALFORMED, "the ciphertext is not whole AES blocks");
        }
        int tagBytes = legacyLayout ? LEGACY_TAG_BYTES : JweContentEncryption.TAG_BYTES;
        if (tag.length != tagBytes) {
            throw new TokenException(TokenFailure.MALFORMED, "the tag is not " + tagBytes + " bytes");
        }
        return new JweParts(token.substring(0, dots[0]), header, alg, enc, token.substring(dots[0] + 1, dots[1]),
                encryptedKey, iv, ciphertext, tag);
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

    /**
     * RFC 7516 §4.1.1/§4.1.2: {@code alg} and {@code enc} are case-sensitive strings and must both be present; one
     * we do not know is unsupported, one we know but do not accept here is not allowed.
     */
    private static <A> A algorithm(JsonObject header, String name, Function<String, Optional<A>> known, Set<A> accepted)
            throws TokenException {
        if (!(header.get(name) instanceof JsonString value)) {
            throw new TokenException(TokenFailure.MALFORMED, "no " + name);
        }
        A algorithm = known.apply(value.getString()).orElseThrow(() ->
                new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM, name + " " + shortName(value.getString())));
        if (!accepted.contains(algorithm)) {
            throw new TokenException(TokenFailure.ALGORITHM_NOT_ALLOWED, name + " " + value.getString());
        }
        return algorithm;
    }
}
