package dev.jwtauth.token;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;

/** A P-256 private key that signs ES256 tokens (JOSE R || S signatures); one initialised {@link Signature} per thread. */
public final class EcSigningKey implements SigningKey {
    private final ECPrivateKey key;
    private final String kid;
    private final ThreadLocal<Signature> signers = new ThreadLocal<>();

    public EcSigningKey(ECPrivateKey key, String kid) {
        P256.checkCurve(key.getParams());
        P256.checkPrivate(key.getS());
        this.key = key;
        this.kid = kid;
    }

    public ECPrivateKey privateKey() {
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
    public byte[] sign(JwsAlgorithm algorithm, byte[] input) {
        if (algorithm != JwsAlgorithm.ES256) {
            throw new IllegalArgumentException(algorithm + " is not an EC algorithm");
        }
        try {
            Signature signer = signers.get();
            if (signer == null) {
                signer = Signature.getInstance(algorithm.jcaName());
                signer.initSign(key);
                signers.set(signer);
            }
            signer.update(input);
            return P256.derToJose(signer.sign());
        } catch (NoSuchAlgorithmException | InvalidKeyException | SignatureException e) {
            signers.remove();
            throw new IllegalStateException("the JCA cannot sign with " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        return "EcSigningKey[kid=" + kid + ", " + P256.CRV + "]";
    }
}
