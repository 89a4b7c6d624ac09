package dev.jwtauth.token;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Reads and writes P-256 keys in the PEM forms OpenSSL and Java produce: PKCS#8 ({@code PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}, RFC 5915, what {@code openssl ecparam -genkey} writes, after its {@code EC PARAMETERS}
 * block) and X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}). Every key is checked against P-256 (curve
 * parameters, point on the curve, scalar range), and a private key that carries its public point must carry the
 * right one. Failures are {@link KeyFormatException}s whose messages never quote the input.
 */
public final class EcKeyFormats {

    private EcKeyFormats() {
    }

    /** Reads a PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) PEM of a P-256 key. */
    public static ECPrivateKey privateKeyFromPem(String pem) {
        Pem.Block block = Pem.read(pem);
        return switch (block.label()) {
            case "PRIVATE KEY" -> fromPkcs8(block.der());
            case "EC PRIVATE KEY" -> fromSec1(block.der());
            case "PUBLIC KEY" -> throw new KeyFormatException("PEM type 'PUBLIC KEY' holds a public key where a private key is needed");
            default -> throw new KeyFormatException("unsupported PEM type '" + block.label()
                    + "'; expected PRIVATE KEY, EC PRIVATE KEY or PUBLIC KEY");
        };
    }

    /**
     * Reads an SPKI ({@code PUBLIC KEY}) PEM of a P-256 key. A private-key PEM is accepted too and yields its public
     * half, so one pasted private key can configure both signing and verification.
     */
    public static ECPublicKey publicKeyFromPem(String pem) {
        Pem.Block block = Pem.read(pem);
        if (block.label().equals("PUBLIC KEY")) {
            return publicKeyFromSpki(block.der());
        }
        return publicKeyOf(privateKeyFromPem(pem));
    }

    /**
     * Whether the PEM's key is an EC key (by its label or algorithm identifier), so that a setting may hold an RSA or
     * an EC key; says nothing about whether the key is valid. A text that is no PEM is not an EC key.
     */
    public static boolean isEcKey(String pem) {
        Pem.Block block;
        try {
            block = Pem.read(pem);
        } catch (KeyFormatException e) {
            return false;
        }
        return switch (block.label()) {
            case "EC PRIVATE KEY" -> true;
            case "PRIVATE KEY", "PUBLIC KEY" -> algorithmIs(block.der(), block.label().equals("PUBLIC KEY"));
            default -> false;
        };
    }

    /** Whether the AlgorithmIdentifier of a PKCS#8 or SPKI structure is id-ecPublicKey. */
    private static boolean algorithmIs(byte[] der, boolean spki) {
        try {
            Der content = Der.contentOf(der, Der.SEQUENCE);
            if (!spki) {
                content.next(Der.INTEGER);
            }
            byte[] oid = content.next(Der.SEQUENCE).next(Der.OBJECT_IDENTIFIER).bytes();
            return Arrays.equals(Der.encode(Der.OBJECT_IDENTIFIER, oid), P256.EC_PUBLIC_KEY_OID);
        } catch (KeyFormatException e) {
            return false;
        }
    }

    /** PKCS#8 PEM (without the optional public key: readers derive it). */
    public static String toPem(ECPrivateKey key) {
        return Pem.write("PRIVATE KEY", canonical(key).getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo PEM. */
    public static String toPem(ECPublicKey key) {
        return Pem.write("PUBLIC KEY", key.getEncoded());
    }

    /** The public half, d·G, e.g. to verify our own tokens or publish the key in a JWKS. */
    public static ECPublicKey publicKeyOf(ECPrivateKey key) {
        P256.checkCurve(key.getParams());
        return publicKey(P256.publicPoint(key.getS()));
    }

    /** A P-256 public key of the point (x, y), checked to be on the curve. */
    public static ECPublicKey publicKey(BigInteger x, BigInteger y) {
        return publicKey(new ECPoint(x, y));
    }

    static ECPublicKey publicKeyFromSpki(byte[] der) {
        Der spki = Der.contentOf(der, Der.SEQUENCE);
        Der algorithm = spki.next(Der.SEQUENCE);
        byte[] oid = Der.encode(Der.OBJECT_IDENTIFIER, algorithm.next(Der.OBJECT_IDENTIFIER).bytes());
        if (!Arrays.equals(oid, P256.EC_PUBLIC_KEY_OID)) {
            throw new KeyFormatException("the public key is not an EC key");
        }
        ECPublicKey key;
        try {
            key = (ECPublicKey) ecKeyFactory().generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException | ClassCastException e) {
            throw new KeyFormatException("not a valid EC public key (truncated or corrupt encoding, or an unknown curve)", e);
        }
        P256.checkCurve(key.getParams());
        P256.checkPoint(key.getW());
        return key;
    }

    private static ECPublicKey publicKey(ECPoint point) {
        P256.checkPoint(point);
        try {
            return (ECPublicKey) ecKeyFactory().generatePublic(new ECPublicKeySpec(point, P256.SPEC));
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("not a valid P-256 public key", e);
        }
    }

    /**
     * PrivateKeyInfo (RFC 5208): version, AlgorithmIdentifier {id-ecPublicKey, prime256v1}, then the SEC1
     * structure in an OCTET STRING, which is read as such (so its optional public point is checked too).
     */
    private static ECPrivateKey fromPkcs8(byte[] der) {
        Der info = Der.contentOf(der, Der.SEQUENCE);
        info.next(Der.INTEGER);
        Der algorithm = info.next(Der.SEQUENCE);
        byte[] oid = Der.encode(Der.OBJECT_IDENTIFIER, algorithm.next(Der.OBJECT_IDENTIFIER).bytes());
        if (!Arrays.equals(oid, P256.EC_PUBLIC_KEY_OID)) {
            throw new KeyFormatException("the private key is not an EC key");
        }
        if (!algorithm.hasNext() || algorithm.peekTag() != Der.OBJECT_IDENTIFIER
                || !Arrays.equals(Der.encode(Der.OBJECT_IDENTIFIER, algorithm.next(Der.OBJECT_IDENTIFIER).bytes()), P256.CURVE_OID)) {
            throw new KeyFormatException("EC keys must be on the curve P-256 (ES256); this one is on another curve");
        }
        return fromSec1(info.next(Der.OCTET_STRING).bytes());
    }

    /**
     * ECPrivateKey (RFC 5915 §3): version 1, the scalar, optionally [0] the curve (which must be P-256) and [1]
     * the public point (which must be d·G).
     */
    private static ECPrivateKey fromSec1(byte[] der) {
        Der sec1 = Der.contentOf(der, Der.SEQUENCE);
        byte[] version = sec1.next(Der.INTEGER).bytes();
        if (version.length != 1 || version[0] != 1) {
            throw new KeyFormatException("unsupported EC private key version");
        }
        BigInteger d = new BigInteger(1, sec1.next(Der.OCTET_STRING).bytes());
        byte[] publicPoint = null;
        while (sec1.hasNext()) {
            int tag = sec1.peekTag();
            if (tag == 0xA0) {
                byte[] curve = sec1.next(0xA0).bytes();
                if (!Arrays.equals(curve, P256.CURVE_OID)) {
                    throw new KeyFormatException("EC keys must be on the curve P-256 (ES256); this one is on another curve");
                }
            } else if (tag == 0xA1) {
                publicPoint = sec1.next(0xA1).next(Der.BIT_STRING).bytes();
            } else {
                throw new KeyFormatException("unexpected member in the EC private key");
            }
        }
        P256.checkPrivate(d);
        ECPrivateKey key = privateKey(new ECPrivateKeySpec(d, P256.SPEC));
        if (publicPoint != null && !Arrays.equals(publicPoint, uncompressedPoint(publicKeyOf(key).getW()))) {
            throw new KeyFormatException("inconsistent EC private key: its public point does not belong to it");
        }
        return key;
    }

    /** A BIT STRING's content for an uncompressed point (SEC1 §2.3.3): no unused bits, 0x04, x, y. */
    private static byte[] uncompressedPoint(ECPoint point) {
        byte[] content = new byte[2 + P256.SIGNATURE_BYTES];
        content[1] = 0x04;
        System.arraycopy(P256.coordinate(point.getAffineX()), 0, content, 2, P256.FIELD_BYTES);
        System.arraycopy(P256.coordinate(point.getAffineY()), 0, content, 2 + P256.FIELD_BYTES, P256.FIELD_BYTES);
        return content;
    }

    private static ECPrivateKey privateKey(KeySpec spec) {
        try {
            return (ECPrivateKey) ecKeyFactory().generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("not a valid EC private key", e);
        }
    }

    /** Re-created through the plain "EC" KeyFactory so the encoding is PKCS#8 with the named curve. */
    private static PrivateKey canonical(ECPrivateKey key) {
        P256.checkCurve(key.getParams());
        return privateKey(new ECPrivateKeySpec(key.getS(), P256.SPEC));
    }

    private static KeyFactory ecKeyFactory() {
        try {
            return KeyFactory.getInstance("EC");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime provides no EC KeyFactory", e);
        }
    }
}
