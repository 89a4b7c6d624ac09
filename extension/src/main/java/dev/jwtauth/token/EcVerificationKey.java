package dev.jwtauth.token;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;

/**
 * A P-256 public key that verifies ES256 (ECDSA with SHA-256, RFC 7518 §3.4) and nothing else. The key is checked
 * when it is made (curve parameters, point on the curve); each thread keeps one initialised {@link Signature}.
 * A JOSE signature is R || S, exactly 64 bytes: any other length, or R or S out of range, is simply wrong.
 */
public final class EcVerificationKey implements VerificationKey {
    private final ECPublicKey key;
    private final String kid;
    private final ThreadLocal<Signature> verifiers = new ThreadLocal<>();

    public EcVerificationKey(ECPublicKey key, String kid) {
        P256.checkCurve(key.getParams());
        P256.checkPoint(key.getW());
        this.key = key;
        this.kid = kid;
    }

    /** A key whose {@code kid} is its RFC 7638 thumbprint. */
    public static EcVerificationKey of(ECPublicKey key) {
        return new EcVerificationKey(key, KeyIds.thumbprint(key));
    }

    public ECPublicKey publicKey() {
        return key;
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public JwsAlgorithm.KeyType keyType() {
        return JwsAlgorithm.KeyType.EC;
    }

    @Override
    public boolean verifies(JwsAlgorithm algorithm) {
        return algorithm == JwsAlgorithm.ES256;
    }

    @Override
    public boolean verify(JwsAlgorithm algorithm, byte[] input, int length, byte[] signature) {
        if (algorithm != JwsAlgorithm.ES256) {
            throw new IllegalArgumentException(algorithm + " is not an EC algorithm");
        }
        // Checked before the provider sees it, which also keeps a throwing provider from poisoning the reused Signature.
        byte[] der = P256.joseToDer(signature);
        if (der == null) {
            return false;
        }
        Signature verifier = verifier();
        try {
            verifier.update(input, 0, length);
            return verifier.verify(der);
        } catch (SignatureException e) {
            verifiers.remove();
            return false;
        }
    }

    private Signature verifier() {
        Signature verifier = verifiers.get();
        if (verifier == null) {
            try {
                verifier = Signature.getInstance(JwsAlgorithm.ES256.jcaName());
                verifier.initVerify(key);
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("the JCA cannot verify " + JwsAlgorithm.ES256.jcaName(), e);
            }
            verifiers.set(verifier);
        }
        return verifier;
    }

    @Override
    public String toString() {
        return "EcVerificationKey[kid=" + kid + ", " + P256.CRV + "]";
    }
}
