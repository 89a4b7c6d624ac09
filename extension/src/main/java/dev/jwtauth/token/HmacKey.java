package dev.jwtauth.token;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared HMAC secret (ServiceStack's AuthKey). Each thread keeps one initialised {@link Mac} per HS algorithm:
 * {@code doFinal} resets a Mac to its keyed state, so it is reused without re-keying.
 */
public final class HmacKey implements VerificationKey, SigningKey {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final byte[] secret;
    private final String kid;
    private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(() -> new Mac[3]);

    public HmacKey(byte[] secret, String kid) {
        if (secret.length == 0) {
            throw new KeyFormatException("an HMAC key must not be empty");
        }
        this.secret = secret.clone();
        this.kid = kid;
    }

    /** A key whose {@code kid} is its RFC 7638 thumbprint, which reveals nothing of the secret. */
    public static HmacKey of(byte[] secret) {
        return new HmacKey(secret, KeyIds.thumbprint(secret));
    }

    public static HmacKey fromBase64(String base64) {
        return of(decodeBase64(base64));
    }

    /** The same secret under another {@code kid} (one configured rather than the thumbprint). */
    public HmacKey withKid(String newKid) {
        return new HmacKey(secret, newKid);
    }

    /**
     * Standard or URL-safe Base64, with or without padding; whitespace (pasted line breaks) is ignored, any other
     * character outside the alphabet is an error (a lenient decoder would silently drop it and use another key).
     */
    static byte[] decodeBase64(String base64) {
        String compact = WHITESPACE.matcher(base64).replaceAll("").replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character of the secret: not passed on.
            throw new KeyFormatException("not valid Base64");
        }
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public JwsAlgorithm.KeyType keyType() {
        return JwsAlgorithm.KeyType.HMAC;
    }

    /** The key length in bytes, checked against each algorithm's minimum. */
    public int length() {
        return secret.length;
    }

    /** RFC 7518 §3.2: a key shorter than the hash output is never used with that algorithm. */
    @Override
    public boolean verifies(JwsAlgorithm algorithm) {
        return algorithm.isHmac() && secret.length >= algorithm.minKeyBytes();
    }

    @Override
    public boolean verify(JwsAlgorithm algorithm, byte[] input, int length, byte[] signature) {
        Mac mac = mac(algorithm);
        mac.update(input, 0, length);
        // Constant time over the full expected length; a different length is unequal (MessageDigest.isEqual).
        return MessageDigest.isEqual(mac.doFinal(), signature);
    }

    @Override
    public byte[] sign(JwsAlgorithm algorithm, byte[] input) {
        return mac(algorithm).doFinal(input);
    }

    private Mac mac(JwsAlgorithm algorithm) {
        if (!algorithm.isHmac()) {
            throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        }
        Mac[] perAlgorithm = macs.get();
        Mac mac = perAlgorithm[algorithm.ordinal()];
        if (mac == null) {
            mac = newMac(algorithm);
            perAlgorithm[algorithm.ordinal()] = mac;
        }
        return mac;
    }

    private Mac newMac(JwsAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(secret, algorithm.jcaName()));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256/384/512 and accept any non-empty raw key.
            throw new IllegalStateException("the JCA cannot compute " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        return "HmacKey[kid=" + kid + ", " + secret.length + " bytes]";
    }

}
