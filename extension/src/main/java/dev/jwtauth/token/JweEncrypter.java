package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;

/**
 * Encrypts signed access tokens: RFC 7516 JWE Compact Serialization with
 * {@code RSA-OAEP} key encryption and {@code A128CBC-HS256} content encryption, a fresh random CEK and IV per
 * token, and the header {@code {"alg":"RSA-OAEP","enc":"A128CBC-HS256","cty":"JWT","kid":<thumbprint>}}.
 * <p>
 * Only a signed JWT is accepted as content (sign-then-encrypt, RFC 7519 §11.2): the public key that encrypts is
 * meant to be shareable, and whoever holds it can make a JWE that decrypts, so the inner signature is what makes a
 * token ours. The encryption itself is jose4j's, constrained to the two algorithms.
 * <p>
 * Immutable and thread-safe; build one per tenant and keep it.
 */
public final class JweEncrypter {
    private static final AlgorithmConstraints KEY_ENCRYPTION = new AlgorithmConstraints(ConstraintType.PERMIT,
            JweParts.ALG);
    private static final AlgorithmConstraints CONTENT_ENCRYPTION = new AlgorithmConstraints(ConstraintType.PERMIT,
            JweParts.ENC);

    private final RSAPublicKey recipient;
    private final String kid;

    /** @param recipient the public half of the key that {@link JweDecrypter} will decrypt with; at least 2048 bits */
    public JweEncrypter(RSAPublicKey recipient) {
        this.recipient = RsaKeyFormats.checkSize(recipient, RsaKeyFormats.MIN_BITS);
        this.kid = KeyIds.thumbprint(recipient);
    }

    /** The {@code kid} written in every header: the recipient key's RFC 7638 thumbprint. */
    public String kid() {
        return kid;
    }

    /**
     * @param signedJwt a compact JWS with {@code typ} JWT and a signing {@code alg} we support
     * @return the compact JWE
     * @throws IllegalArgumentException if {@code signedJwt} is not such a JWS — a programming error, never a token
     */
    public String encrypt(String signedJwt) {
        try {
            NestedJws.check(signedJwt);
        } catch (TokenException e) {
            throw new IllegalArgumentException("only a signed JWT may be encrypted (" + e.getMessage() + ")");
        }
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(KEY_ENCRYPTION);
        jwe.setContentEncryptionAlgorithmConstraints(CONTENT_ENCRYPTION);
        jwe.setAlgorithmHeaderValue(JweParts.ALG);
        jwe.setEncryptionMethodHeaderParameter(JweParts.ENC);
        jwe.setContentTypeHeaderValue("JWT");
        jwe.setKeyIdHeaderValue(kid);
        jwe.setKey(recipient);
        jwe.setPlaintext(signedJwt.getBytes(StandardCharsets.US_ASCII));
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            // Both algorithms are mandatory in every Java runtime and the key was checked, so this is a broken JCA.
            throw new IllegalStateException("the JCA cannot encrypt RSA-OAEP + A128CBC-HS256", e);
        }
    }

    @Override
    public String toString() {
        return "JweEncrypter[kid=" + kid + ", " + recipient.getModulus().bitLength() + " bits]";
    }
}
