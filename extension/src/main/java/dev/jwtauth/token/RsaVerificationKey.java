package dev.jwtauth.token;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA public key that verifies RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3), of at least the minimum size
 * the deployment allows ({@link RsaKeyFormats#MIN_BITS} unless it lowers it for an issuer's older keys). Each thread
 * keeps one {@link Signature} per algorithm, initialised once: {@code verify} resets it to that initialised state.
 */
public final class RsaVerificationKey implements VerificationKey {
    private final RSAPublicKey key;
    private final String kid;
    private final int signatureBytes;
    private final ThreadLocal<Signature[]> verifiers = ThreadLocal.withInitial(() -> new Signature[3]);

    /** @throws KeyFormatException the key has fewer than {@code minBits} bits */
    public RsaVerificationKey(RSAPublicKey key, String kid, int minBits) {
        this.key = RsaKeyFormats.checkSize(key, minBits);
        this.kid = kid;
        this.signatureBytes = (key.getModulus().bitLength() + 7) / 8;
    }

    /** A key of at least {@link RsaKeyFormats#MIN_BITS} whose {@code kid} is its RFC 7638 thumbprint. */
    public static RsaVerificationKey of(RSAPublicKey key) {
        return of(key, RsaKeyFormats.MIN_BITS);
    }

    /** A key of at least {@code minBits} whose {@code kid} is its RFC 7638 thumbprint. */
    public static RsaVerificationKey of(RSAPublicKey key, int minBits) {
        return new RsaVerificationKey(key, KeyIds.thumbprint(key), minBits);
    }

    public RSAPublicKey publicKey() {
        return key;
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public JwsAlgorithm.KeyType keyType() {
        return JwsAlgorithm.KeyType.RSA;
    }

    @Override
    public boolean verifies(JwsAlgorithm algorithm) {
        return algorithm.keyType() == JwsAlgorithm.KeyType.RSA;
    }

    @Override
    public boolean verify(JwsAlgorithm algorithm, byte[] input, int length, byte[] signature) {
        Signature verifier = verifier(algorithm);
        // PKCS#1 v1.5 signatures are exactly modulus-sized; refusing others here also keeps the provider from
        // throwing before it has reset its digest, which would poison the reused Signature.
        if (signature.length != signatureBytes) {
            return false;
        }
        try {
            verifier.update(input, 0, length);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            verifiers.get()[index(algorithm)] = null;
            return false;
        }
    }

    private Signature verifier(JwsAlgorithm algorithm) {
        Signature[] perAlgorithm = verifiers.get();
        Signature verifier = perAlgorithm[index(algorithm)];
        if (verifier == null) {
            try {
                verifier = Signature.getInstance(algorithm.jcaName());
                verifier.initVerify(key);
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("the JCA cannot verify " + algorithm.jcaName(), e);
            }
            perAlgorithm[index(algorithm)] = verifier;
        }
        return verifier;
    }

    static int index(JwsAlgorithm algorithm) {
        if (algorithm.keyType() != JwsAlgorithm.KeyType.RSA) {
            throw new IllegalArgumentException(algorithm + " is not an RSA algorithm");
        }
        return algorithm.ordinal() - JwsAlgorithm.RS256.ordinal();
    }

    @Override
    public String toString() {
        return "RsaVerificationKey[kid=" + kid + ", " + key.getModulus().bitLength() + " bits]";
    }
}
