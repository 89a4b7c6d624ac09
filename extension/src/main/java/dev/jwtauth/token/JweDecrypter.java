package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jose4j.lang.JoseException;

/**
 * Opens encrypted access tokens: RFC 7516 JWE Compact Serialization with key management {@code RSA-OAEP} or
 * {@code RSA-OAEP-256} ({@link JweKeyManagement}; a decrypter may accept only one) and content encryption
 * {@code A128CBC-HS256} or {@code A256GCM}, whose content is a signed JWT. Ours are RSA-OAEP + A128CBC-HS256
 * ({@link JweEncrypter}); the others are what MicroProfile JWT issuers send. Returns the inner JWS, which the caller
 * must then verify like any other token — decryption proves only that the token was encrypted for us, which anyone
 * holding our public key can do.
 * <p>
 * Nothing in the token selects code beyond those four pairs: {@code dir}, {@code RSA1_5}, PBES2, ECDH-ES, AES key
 * wrap and every other {@code enc} are refused before any key is touched, as are {@code zip} (jose4j would inflate
 * it), {@code crit} and every header parameter not listed in {@link #HEADER_MEMBERS}. The two steps are: the OAEP
 * unwrap with the JCA ({@link JweKeyUnwrap}, which hides why an unwrap failed), then jose4j's content cipher (tag
 * check first, in constant time; then AES-CBC or AES-GCM).
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

    private final List<RSAPrivateCrtKey> keys;
    private final Map<String, RSAPrivateCrtKey> keysByThumbprint;
    private final Set<JweKeyManagement> keyManagement;

    /**
     * A decrypter that accepts both key management algorithms.
     *
     * @param keys the primary private key first, then the fallback keys of a rotation; at least one, each at
     *             least 2048 bits
     */
    public JweDecrypter(List<RSAPrivateCrtKey> keys) {
        this(keys, EnumSet.allOf(JweKeyManagement.class));
    }

    /**
     * A decrypter that accepts only the given key management algorithms (e.g. MicroProfile JWT's
     * {@code mp.jwt.decrypt.key.algorithm}); a JWE with another is refused as
     * {@link TokenFailure#ALGORITHM_NOT_ALLOWED} before any key is used.
     *
     * @param keys          as for {@link #JweDecrypter(List)}
     * @param keyManagement at least one
     */
    public JweDecrypter(List<RSAPrivateCrtKey> keys, Set<JweKeyManagement> keyManagement) {
        JweKeyUnwrap.checkUsable(keys);
        if (keyManagement.isEmpty()) {
            throw new IllegalArgumentException("at least one key management algorithm must be accepted");
        }
        this.keyManagement = Collections.unmodifiableSet(EnumSet.copyOf(keyManagement));
        this.keys = List.copyOf(keys);
        Map<String, RSAPrivateCrtKey> byThumbprint = new LinkedHashMap<>();
        for (RSAPrivateCrtKey key : this.keys) {
            byThumbprint.putIfAbsent(KeyIds.thumbprint(RsaKeyFormats.publicKeyOf(key)), key);
        }
        this.keysByThumbprint = Map.copyOf(byThumbprint);
    }

    /** The key management algorithms this decrypter accepts. */
    public Set<JweKeyManagement> keyManagement() {
        return keyManagement;
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
        JweParts parts = JweParts.parse(jwe, keyManagement, EnumSet.allOf(JweContentEncryption.class), false,
                JweDecrypter::checkHeader);
        // RFC 7516 §5.2 step 14: the AAD is the ASCII of the protected header segment exactly as received.
        byte[] aad = parts.headerSegment().getBytes(StandardCharsets.US_ASCII);
        String kid = JweParts.kid(parts.header());
        RSAPrivateCrtKey named = kid == null ? null : keysByThumbprint.get(kid);
        for (RSAPrivateCrtKey key : named != null ? List.of(named) : keys) {
            byte[] cek = JweKeyUnwrap.unwrap(key, parts.encryptedKey(), parts.keyManagement());
            byte[] plaintext;
            try {
                plaintext = parts.contentEncryption().decrypt(cek, aad, parts.iv(), parts.ciphertext(), parts.tag());
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
