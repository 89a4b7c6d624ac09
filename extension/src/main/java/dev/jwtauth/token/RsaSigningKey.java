package dev.jwtauth.token;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;

/** An RSA private key that signs RS256/384/512 tokens; one initialised {@link Signature} per thread and algorithm. */
public final class RsaSigningKey implements SigningKey {
    private final RSAPrivateCrtKey key;
    private final String kid;
    private final ThreadLocal<Signature[]> signers = ThreadLocal.withInitial(() -> new Signature[3]);

    public RsaSigningKey(RSAPrivateCrtKey key, String kid) {
        this.key = RsaKeyFormats.checkSize(key, RsaKeyFormats.MIN_BITS);
        this.kid = kid;
    }

    public RSAPrivateCrtKey privateKey() {
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
    public byte[] sign(JwsAlgorithm algorithm, byte[] input) {
        Signature[] perAlgorithm = signers.get();
        int index = RsaVerificationKey.index(algorithm);
        try {
            if (perAlgorithm[index] == null) {
                Signature signer = Signature.getInstance(algorithm.jcaName());
                signer.initSign(key);
                perAlgorithm[index] = signer;
            }
            Signature signer = perAlgorithm[index];
            signer.update(input);
            return signer.sign();
        } catch (NoSuchAlgorithmException | InvalidKeyException | SignatureException e) {
            perAlgorithm[index] = null;
            throw new IllegalStateException("the JCA cannot sign with " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        return "RsaSigningKey[kid=" + kid + ", " + key.getModulus().bitLength() + " bits]";
    }
}
