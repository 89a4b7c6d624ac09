package dev.jwtauth.token;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The one elliptic curve jwtauth uses, NIST P-256 (secp256r1, RFC 7518 §3.4 and §6.2.1.1), and the two encodings of
 * an ECDSA signature on it: JOSE's fixed-length {@code R || S} (64 bytes) and the DER {@code SEQUENCE {r, s}} that
 * every JCA provider's {@code SHA256withECDSA} reads and writes.
 * <p>
 * Keys are checked against the curve's parameters, not its name: a key whose parameters merely claim P-256, or
 * whose point is not on the curve, is what invalid-curve attacks are made of.
 */
final class P256 {
    static final String CRV = "P-256";
    /** Bytes of a coordinate, of R and of S. */
    static final int FIELD_BYTES = 32;
    static final int SIGNATURE_BYTES = 2 * FIELD_BYTES;
    /** DER of the OID prime256v1 (1.2.840.10045.3.1.7). */
    static final byte[] CURVE_OID = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    /** The curve's domain parameters as the JCA names them. */
    static final ECParameterSpec SPEC = namedSpec();

    private static final BigInteger P = ((ECFieldFp) SPEC.getCurve().getField()).getP();
    private static final BigInteger A = SPEC.getCurve().getA();
    private static final BigInteger B = SPEC.getCurve().getB();
    private static final BigInteger N = SPEC.getOrder();
    /** The group order, big-endian and exactly 32 bytes, for comparing R and S without allocating. */
    private static final byte[] N_BYTES = coordinate(N);

    private P256() {
    }

    /** Refuses, naming why, any parameters other than P-256's: field, a, b, generator, order and cofactor. */
    static void checkCurve(ECParameterSpec params) {
        boolean p256 = params.getCurve().equals(SPEC.getCurve())
                && params.getGenerator().equals(SPEC.getGenerator())
                && params.getOrder().equals(SPEC.getOrder())
                && params.getCofactor() == SPEC.getCofactor();
        if (!p256) {
            throw new KeyFormatException("EC keys must be on the curve P-256 (ES256); this one is on another curve");
        }
    }

    /**
     * Refuses a point that is not on P-256 (y² = x³ + ax + b mod p, coordinates in [0, p)), and the point at
     * infinity. The cofactor is 1, so every such point lies in the group of order n.
     */
    static void checkPoint(ECPoint point) {
        if (point.equals(ECPoint.POINT_INFINITY)) {
            throw new KeyFormatException("the EC public key is the point at infinity");
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0
                || !y.pow(2).mod(P).equals(x.pow(3).add(A.multiply(x)).add(B).mod(P))) {
            throw new KeyFormatException("the EC public key's point is not on the curve P-256");
        }
    }

    /** Refuses a private scalar outside [1, n - 1]. */
    static void checkPrivate(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(N) >= 0) {
            throw new KeyFormatException("the EC private key is out of range for P-256");
        }
    }

    /**
     * d·G, the public point of private scalar {@code d}. Used once per key when configuration is read (the JCA offers no
     * public way to derive it); a Montgomery ladder over affine coordinates, so every bit costs the same operations.
     */
    static ECPoint publicPoint(BigInteger d) {
        checkPrivate(d);
        ECPoint r0 = ECPoint.POINT_INFINITY;
        ECPoint r1 = SPEC.getGenerator();
        for (int i = N.bitLength() - 1; i >= 0; i--) {
            if (d.testBit(i)) {
                r0 = add(r0, r1);
                r1 = add(r1, r1);
            } else {
                r1 = add(r0, r1);
                r0 = add(r0, r0);
            }
        }
        return r0;
    }

    private static ECPoint add(ECPoint p1, ECPoint p2) {
        if (p1.equals(ECPoint.POINT_INFINITY)) {
            return p2;
        }
        if (p2.equals(ECPoint.POINT_INFINITY)) {
            return p1;
        }
        BigInteger x1 = p1.getAffineX();
        BigInteger y1 = p1.getAffineY();
        BigInteger x2 = p2.getAffineX();
        BigInteger y2 = p2.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(A).multiply(y1.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P)).mod(P);
        }
        BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(P);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(P);
        return new ECPoint(x3, y3);
    }

    /** A coordinate or scalar as exactly 32 unsigned big-endian bytes (RFC 7518 §6.2.1.2: the full length, always). */
    static byte[] coordinate(BigInteger value) {
        byte[] bytes = RsaKeyFormats.unsignedBytes(value);
        if (bytes.length > FIELD_BYTES) {
            throw new KeyFormatException("EC value longer than " + FIELD_BYTES + " bytes");
        }
        byte[] fixed = new byte[FIELD_BYTES];
        System.arraycopy(bytes, 0, fixed, FIELD_BYTES - bytes.length, bytes.length);
        return fixed;
    }

    /**
     * The DER form of a JOSE signature, or null if it cannot be a valid one: not 64 bytes, or R or S outside
     * [1, n - 1]. Checking the range here does not rely on the provider (CVE-2022-21449: Java 15 to 18 accepted
     * R = S = 0 for any message and key).
     */
    static byte[] joseToDer(byte[] signature) {
        if (signature.length != SIGNATURE_BYTES || !inRange(signature, 0) || !inRange(signature, FIELD_BYTES)) {
            return null;
        }
        byte[] r = derInteger(signature, 0);
        byte[] s = derInteger(signature, FIELD_BYTES);
        byte[] der = new byte[2 + r.length + s.length];
        der[0] = Der.SEQUENCE;
        der[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, der, 2, r.length);
        System.arraycopy(s, 0, der, 2 + r.length, s.length);
        return der;
    }

    /** The JOSE form (R || S, each left-padded to 32 bytes) of a DER signature the JCA produced. */
    static byte[] derToJose(byte[] der) {
        Der sequence = Der.contentOf(der, Der.SEQUENCE);
        byte[] r = sequence.next(Der.INTEGER).bytes();
        byte[] s = sequence.next(Der.INTEGER).bytes();
        if (sequence.hasNext()) {
            throw new IllegalStateException("the JCA produced an ECDSA signature with trailing content");
        }
        byte[] jose = new byte[SIGNATURE_BYTES];
        place(r, jose, 0);
        place(s, jose, FIELD_BYTES);
        return jose;
    }

    private static void place(byte[] integer, byte[] jose, int offset) {
        BigInteger value = new BigInteger(integer);
        if (value.signum() <= 0 || value.compareTo(N) >= 0) {
            throw new IllegalStateException("the JCA produced an ECDSA signature value out of range");
        }
        System.arraycopy(coordinate(value), 0, jose, offset, FIELD_BYTES);
    }

    /** Whether the 32 bytes at {@code offset} are a number in [1, n - 1] (compared unsigned, big-endian). */
    private static boolean inRange(byte[] signature, int offset) {
        boolean zero = true;
        int comparison = 0;
        for (int i = 0; i < FIELD_BYTES; i++) {
            int b = signature[offset + i] & 0xFF;
            zero &= b == 0;
            if (comparison == 0) {
                comparison = Integer.compare(b, N_BYTES[i] & 0xFF);
            }
        }
        return !zero && comparison < 0;
    }

    /** DER INTEGER of the positive 32-byte number at {@code offset}: leading zeros dropped, a sign byte if needed. */
    private static byte[] derInteger(byte[] signature, int offset) {
        int start = offset;
        int end = offset + FIELD_BYTES;
        while (start < end - 1 && signature[start] == 0) {
            start++;
        }
        int pad = (signature[start] & 0x80) != 0 ? 1 : 0;
        int length = end - start + pad;
        byte[] integer = new byte[2 + length];
        integer[0] = Der.INTEGER;
        integer[1] = (byte) length;
        System.arraycopy(signature, start, integer, 2 + pad, end - start);
        return integer;
    }

    private static ECParameterSpec namedSpec() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime provides no P-256 (secp256r1)", e);
        }
    }
}
