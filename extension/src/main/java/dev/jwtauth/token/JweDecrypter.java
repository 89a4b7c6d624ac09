package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwe.AesCbcHmacSha2ContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionParts;
import org.jose4j.jwx.Headers;
import org.jose4j.lang.JoseException;

/**
 * Opens our encrypted access tokens: RFC 7516 JWE Compact Serialization, {@code RSA-OAEP} + {@code A128CBC-HS256},
 * whose content is a signed JWT. Returns that inner JWS, which the caller must then verify like any other token —
 * decryption proves only that the token was encrypted for us, which anyone holding our public key can do.
 * <p>
 * Nothing in the token selects code: the header must name exactly our two algorithms, so {@code dir},
 * {@code RSA1_5}, {@code RSA-OAEP-256}, PBES2, ECDH-ES, AES key wrap and every other {@code enc} are refused before
 * any key is touched, as are {@code zip} (jose4j would inflate it), {@code crit} and every header parameter not
 * listed in {@link #HEADER_MEMBERS}. The two steps are: the RSA-OAEP unwrap with the JCA ({@link JweKeyUnwrap},
 * which hides why an unwrap failed), then jose4j's A128CBC-HS256 (tag check in constant time, then AES-CBC).
 * <p>
 * Keys: a {@code kid} naming one of ours (its RFC 7638 thumbprint, as {@link JweEncrypter} writes it) selects that
 * key alone — a CEK wrapped for one key does not unwrap with another, so trying the rest would only hand an attacker
 * extra RSA operations per forged token. Without a {@code kid}, or with one we do not know (a ServiceStack-style
 * kid), every key is tried in order: the primary key, then the fallbacks of a key rotation. Each failure, whatever
 * its cause, is the same {@link TokenFailure#BAD_SIGNATURE} with the same detail.
 * <p>
 * Immutable and thread-safe; build one per tenant and keep it.
 */
public final class JweDecrypter {
    /** RFC 7516 §4.1 members we understand; anything else is refused rather than ignored. */
    static final Set<String> HEADER_MEMBERS = Set.of("alg", "enc", "cty", "kid", "typ");

    private static final ContentEncryptionAlgorithm A128CBC_HS256 =
            new AesCbcHmacSha2ContentEncryptionAlgorithm.Aes128CbcHmacSha256();
    /** jose4j's default JCA providers; only read by jose4j, never changed. */
    private static final ProviderContext JCA = new ProviderContext();

    private final List<RSAPrivateCrtKey> keys;
    private final Map<String, RSAPrivateCrtKey> keysByThumbprint;

    /**
     * @param keys the primary private key first, then the fallback keys of a rotation; at least one, each at
     *             least 2048 bits
     */
    public JweDecrypter(List<RSAPrivateCrtKey> keys) {
        JweKeyUnwrap.checkUsable(keys);
        this.keys = List.copyOf(keys);
        Map<String, RSAPrivateCrtKey> byThumbprint = new LinkedHashMap<>();
        for (RSAPrivateCrtKey key : this.keys) {
            byThumbprint.putIfAbsent(KeyIds.thumbprint(RsaKeyFormats.publicKeyOf(key)), key);
        }
        this.keysByThumbprint = Map.copyOf(byThumbprint);
    }

    /**
     * Whether the token has the shape of a JWE (five segments) rather than a JWS (three). Says nothing about
     * whether it is valid; use it to choose between this decrypter and {@link TokenReader}.
     */
    public static boolean isJwe(String token) {
        return JweParts.hasFiveSegments(token);
    }

    /**
     * Decrypts the token and returns the compact JWS inside it, checked only for its shape (three segments, a
     * signing {@code alg} we know, {@code typ} JWT): the caller must verify its signature and claims.
     *
     * @throws TokenException for anything else, and never another exception for any input
     */
    public String decrypt(String jwe) throws TokenException {
        JweParts parts = JweParts.parse(jwe, JweParts.STANDARD_TAG_BYTES, JweDecrypter::checkHeader);
        // RFC 7516 §5.2 step 14: the AAD is the ASCII of the protected header segment exactly as received.
        byte[] aad = parts.headerSegment().getBytes(StandardCharsets.US_ASCII);
        String kid = JweParts.kid(parts.header());
        RSAPrivateCrtKey named = kid == null ? null : keysByThumbprint.get(kid);
        for (RSAPrivateCrtKey key : named != null ? List.of(named) : keys) {
            byte[] cek = JweKeyUnwrap.unwrap(key, parts.encryptedKey());
            byte[] plaintext;
            try {
                plaintext = decryptContent(cek, aad, parts.iv(), parts.ciphertext(), parts.tag());
            } catch (JoseException e) {
                // Tag mismatch, from a wrong key (random CEK) or a tampered token alike; jose4j checks the tag
                // before it decrypts, so AES-CBC padding is never examined for unauthenticated content.
                continue;
            } finally {
                Arrays.fill(cek, (byte) 0);
            }
            return NestedJws.check(plaintext);
        }
        throw new TokenException(TokenFailure.UNDECRYPTABLE);
    }

    /**
     * A128CBC-HS256 decryption (RFC 7518 §5.2.2.2) by jose4j; package-private so the RFC vectors test exactly the
     * call {@link #decrypt} makes.
     */
    static byte[] decryptContent(byte[] cek, byte[] aad, byte[] iv, byte[] ciphertext, byte[] tag) throws JoseException {
        // Empty headers: jose4j only reads them to choose the JCA provider context (general, as alg is not "dir").
        return A128CBC_HS256.decrypt(new ContentEncryptionParts(iv, ciphertext, tag), aad, cek, new Headers(), JCA);
    }

    /**
     * RFC 7519 §5.2: a nested JWT's JWE must say {@code cty: JWT}. {@code typ} is optional and then must be JWT too.
     */
    private static void checkHeader(JsonObject header) throws TokenException {
        for (String name : header.keySet()) {
            if (!HEADER_MEMBERS.contains(name)) {
                throw new TokenException(TokenFailure.UNSUPPORTED_HEADER, JweParts.shortName(name));
            }
        }
        if (!isJwt(header.get("cty"))) {
            throw new TokenException(TokenFailure.INVALID_TYPE, "cty is not JWT");
        }
        JsonValue typ = header.get("typ");
        if (typ != null && !isJwt(typ)) {
            throw new TokenException(TokenFailure.INVALID_TYPE, "typ is not JWT");
        }
        JweParts.kid(header);
    }

    /** Media type names are case-insensitive (RFC 7515 §4.1.9, §4.1.10). */
    private static boolean isJwt(JsonValue value) {
        return value instanceof JsonString text && text.getString().equalsIgnoreCase("JWT");
    }
}
