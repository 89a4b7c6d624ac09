package dev.jwtauth.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * Reads the encrypted tokens a ServiceStack issuer makes with {@code EncryptPayload=true}, so that such an issuer
 * can be migrated. Off unless configured: standard libraries can neither read nor
 * write this layout, and it is weaker than our own JWEs.
 * <p>
 * The layout, after ServiceStack's draft-09-era {@code JwtAuthProvider.CreateEncryptedJweToken}: header
 * {@code {"alg":"RSA-OAEP","enc":"A128CBC-HS256","kid":<3 characters>}}; a 32-byte CEK (HMAC key, then AES-128 key)
 * encrypted with RSA-OAEP (SHA-1); a 16-byte IV; AES-128-CBC/PKCS#7 of the UTF-8 <em>claims JSON itself</em>;
 * and a tag that is the whole 32-byte HMAC-SHA-256 over {@code ASCII(header segment "." encrypted-key segment) || IV
 * || ciphertext} — no AAD length block and no truncation, unlike RFC 7518 §5.2.
 * <p>
 * <strong>What a token this reader accepts proves, and what it does not.</strong> The tag is checked (in constant
 * time, before any decryption) with a key that only a holder of one of our private keys can unwrap, so the claims
 * are confidential and were not altered after the token was made. But nothing is signed: making such a token needs
 * only the <em>public</em> key, so anyone who has the public key can mint a token with any claims and this reader
 * will accept it. ServiceStack's own reader has the same property. Enable it only while the RSA public key is
 * secret — never published in a JWKS, never given to a client or another service — and only for as long as
 * ServiceStack-issued tokens are still in circulation.
 * <p>
 * Keys: the key whose ServiceStack-style {@code kid} (first 3 characters of the standard Base64 of its modulus)
 * matches is tried first, then every other key, because 18 bits of key id do not identify a key. Unlike upstream,
 * fallback keys work (ServiceStack stops at the first key whose RSA decryption throws). Every failure to
 * authenticate is the same {@link TokenFailure#BAD_SIGNATURE}. Immutable and thread-safe.
 */
public final class LegacyJweReader {
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "enc", "kid");
    private static final int MAC_KEY_BYTES = 16;
    /** Base64url length of the 32-byte tag, without padding. */
    private static final int LEGACY_TAG_CHARS = 43;

    private final List<RSAPrivateCrtKey> keys;
    private final List<String> serviceStackKids;

    /** @param keys the primary private key first, then the fallback keys; at least one, each at least 2048 bits */
    public LegacyJweReader(List<RSAPrivateCrtKey> keys) {
        JweKeyUnwrap.checkUsable(keys);
        this.keys = List.copyOf(keys);
        List<String> kids = new ArrayList<>(keys.size());
        for (RSAPrivateCrtKey key : this.keys) {
            kids.add(serviceStackKid(key));
        }
        this.serviceStackKids = List.copyOf(kids);
    }

    /**
     * Whether a token has ServiceStack's layout rather than ours: five segments and a 32-byte tag (43 Base64url
     * characters; ours is 16 bytes, 22 characters). Use it to route a JWE to this reader or {@link JweDecrypter}.
     */
    public static boolean hasLegacyTag(String token) {
        return JweParts.hasFiveSegments(token) && token.length() - token.lastIndexOf('.') - 1 == LEGACY_TAG_CHARS;
    }

    /**
     * The {@code kid} ServiceStack writes into its JWE header: the first three characters of the standard (not
     * URL-safe) Base64 of the modulus' unsigned big-endian bytes.
     */
    static String serviceStackKid(RSAPrivateCrtKey key) {
        return Base64.getEncoder().encodeToString(RsaKeyFormats.unsignedBytes(key.getModulus())).substring(0, 3);
    }

    /**
     * Decrypts the token and returns its claims, authenticated as described in the class comment (encrypted for
     * us, unaltered) but <em>not signed</em>; the caller must still check expiry, audience and the rest.
     *
     * @throws TokenException for anything else, and never another exception for any input
     */
    public JsonObject read(String jwe) throws TokenException {
        JweParts parts = JweParts.parse(jwe, Set.of(JweKeyManagement.RSA_OAEP), Set.of(JweContentEncryption.A128CBC_HS256),
                true, LegacyJweReader::checkHeader);
        byte[] aad = (parts.headerSegment() + "." + parts.encryptedKeySegment()).getBytes(StandardCharsets.US_ASCII);
        String kid = JweParts.kid(parts.header());
        for (int index : keyOrder(kid)) {
            byte[] cek = JweKeyUnwrap.unwrap(keys.get(index), parts.encryptedKey(), JweKeyManagement.RSA_OAEP);
            try {
                if (MessageDigest.isEqual(tag(cek, aad, parts.iv(), parts.ciphertext()), parts.tag())) {
                    return claims(decrypt(cek, parts.iv(), parts.ciphertext()));
                }
            } finally {
                Arrays.fill(cek, (byte) 0);
            }
        }
        throw new TokenException(TokenFailure.UNDECRYPTABLE);
    }

    private int[] keyOrder(String kid) {
        int[] order = new int[keys.size()];
        int next = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (serviceStackKids.get(i).equals(kid)) {
                order[next++] = i;
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!serviceStackKids.get(i).equals(kid)) {
                order[next++] = i;
            }
        }
        return order;
    }

    /** ServiceStack writes exactly these three members; its reader ignores the header, ours refuses surprises. */
    private static void checkHeader(JsonObject header) throws TokenException {
        for (String name : header.keySet()) {
            if (!HEADER_MEMBERS.contains(name)) {
                throw new TokenException(TokenFailure.UNSUPPORTED_HEADER, JweParts.shortName(name));
            }
        }
        JweParts.kid(header);
    }

    /** HMAC-SHA-256 with the first half of the CEK over AAD || IV || ciphertext, untruncated. */
    private static byte[] tag(byte[] cek, byte[] aad, byte[] iv, byte[] ciphertext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cek, 0, MAC_KEY_BYTES, "HmacSHA256"));
            mac.update(aad);
            mac.update(iv);
            return mac.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime provides no HmacSHA256", e);
        }
    }

    /** AES-128-CBC with the second half of the CEK; only ever called on authenticated ciphertext. */
    private static byte[] decrypt(byte[] cek, byte[] iv, byte[] ciphertext) throws TokenException {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, MAC_KEY_BYTES, JweContentEncryption.CEK_BYTES - MAC_KEY_BYTES, "AES"),
                    new IvParameterSpec(iv));
            return aes.doFinal(ciphertext);
        } catch (BadPaddingException e) {
            // The tag verified, so whoever made the token knew the CEK: bad padding is their error, not an oracle.
            throw new TokenException(TokenFailure.MALFORMED, "the encrypted content has bad padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime provides no AES/CBC/PKCS5Padding", e);
        }
    }

    private static JsonObject claims(byte[] utf8) throws TokenException {
        try {
            String json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
            return JsonCodec.parseObject(json);
        } catch (CharacterCodingException | JsonException e) {
            throw new TokenException(TokenFailure.MALFORMED, "the encrypted claims are not a JSON object");
        }
    }
}
