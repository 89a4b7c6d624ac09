package dev.jwtauth.token;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes RSA keys in the forms people paste into configuration: PEM (RFC 7468) holding PKCS#8 or
 * X.509 SubjectPublicKeyInfo, the older OpenSSL PKCS#1 PEM (RFC 8017), and the .NET {@code RSA.ToXmlString} XML
 * that ServiceStack deployments carry, so a key can move between a ServiceStack service and this library unchanged.
 * <p>
 * Every private key read here is validated (size, CRT consistency) because a key that merely parses can still be
 * useless or dangerous to sign with. A public key's size is checked by what it becomes ({@link #checkSize}): a
 * verification key's minimum is the deployment's to lower, an encryption key's is not. Failures are
 * {@link KeyFormatException}s whose messages never quote the input.
 */
public final class RsaKeyFormats {

    /**
     * The least modulus of a key that signs, encrypts or decrypts, and of a verification key unless the deployment
     * lowers it: RFC 7518 §3.3 and §4.2 require 2048 bits; NIST SP 800-131A disallows less for new signatures.
     */
    public static final int MIN_BITS = 2048;

    /**
     * DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } (RFC 8017 Appendix A.1), the
     * header Java's KeyFactory needs in front of a bare PKCS#1 structure, since it only reads PKCS#8 and SPKI.
     */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
            0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER INTEGER 0: the PrivateKeyInfo version (RFC 5208 §5). */
    private static final byte[] PKCS8_VERSION = {0x02, 0x01, 0x00};
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /*
     * The XML is read by a strict scanner rather than an XML parser: a parser would bring DTD processing and
     * therefore XXE (external entities reading local files or making requests) and entity-expansion bombs.
     * The optional XML declaration is the only markup allowed besides <Name>Base64</Name> children.
     */
    private static final Pattern XML_DOCUMENT = Pattern.compile(
            "\\s*(?:<\\?xml[^<>]*\\?>)?\\s*<RSAKeyValue>(.*)</RSAKeyValue>\\s*", Pattern.DOTALL);
    private static final Pattern XML_ELEMENT = Pattern.compile("\\s*<([A-Za-z][A-Za-z0-9]*)>([^<]*)</\\1>\\s*");
    private static final String MODULUS = "Modulus";
    private static final String EXPONENT = "Exponent";
    private static final String P = "P";
    private static final String Q = "Q";
    private static final String DP = "DP";
    private static final String DQ = "DQ";
    private static final String INVERSE_Q = "InverseQ";
    private static final String D = "D";
    private static final Set<String> XML_ELEMENTS = Set.of(MODULUS, EXPONENT, P, Q, DP, DQ, INVERSE_Q, D);

    private RsaKeyFormats() {
    }

    /** Reads a PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}) PEM. */
    public static RSAPrivateCrtKey privateKeyFromPem(String pem) {
        Pem.Block block = Pem.read(pem);
        if (block.label().equals("PUBLIC KEY") || block.label().equals("RSA PUBLIC KEY")) {
            throw new KeyFormatException("PEM type '" + block.label() + "' holds a public key where a private key is needed");
        }
        return privateKey(block);
    }

    /**
     * Reads an SPKI ({@code PUBLIC KEY}) or PKCS#1 ({@code RSA PUBLIC KEY}) PEM. A private-key PEM is accepted too
     * and yields its public half, so one pasted private key can configure both signing and verification.
     */
    public static RSAPublicKey publicKeyFromPem(String pem) {
        Pem.Block block = Pem.read(pem);
        return switch (block.label()) {
            case "PUBLIC KEY" -> publicKey(new X509EncodedKeySpec(block.der()));
            case "RSA PUBLIC KEY" -> publicKey(new X509EncodedKeySpec(
                    Der.encode(Der.SEQUENCE, RSA_ALGORITHM_IDENTIFIER, Der.encode(Der.BIT_STRING, new byte[] {0}, block.der()))));
            default -> publicKeyOf(privateKey(block));
        };
    }

    /** The RSA key of a DER SubjectPublicKeyInfo. */
    static RSAPublicKey publicKeyFromSpki(byte[] der) {
        return publicKey(new X509EncodedKeySpec(der));
    }

    /** The key of a JWK's {@code n} and {@code e}, checked like every other. */
    static RSAPublicKey publicKey(BigInteger modulus, BigInteger exponent) {
        return publicKey(new RSAPublicKeySpec(modulus, exponent));
    }

    /** PKCS#8 PEM with 64-character lines and a trailing newline, as OpenSSL writes it. */
    public static String toPem(RSAPrivateCrtKey key) {
        return Pem.write("PRIVATE KEY", canonical(key).getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo PEM with 64-character lines and a trailing newline. */
    public static String toPem(RSAPublicKey key) {
        return Pem.write("PUBLIC KEY", canonical(key).getEncoded());
    }

    /** Reads .NET {@code RSA.ToXmlString(true)} XML; every CRT element is required. */
    public static RSAPrivateCrtKey privateKeyFromXml(String xml) {
        Map<String, BigInteger> values = readXml(xml);
        return privateKey(new RSAPrivateCrtKeySpec(
                required(values, MODULUS), required(values, EXPONENT), required(values, D),
                required(values, P), required(values, Q),
                required(values, DP), required(values, DQ), required(values, INVERSE_Q)));
    }

    /** Reads .NET {@code RSA.ToXmlString(false)} XML; a private-key XML yields its public part. */
    public static RSAPublicKey publicKeyFromXml(String xml) {
        Map<String, BigInteger> values = readXml(xml);
        return publicKey(new RSAPublicKeySpec(required(values, MODULUS), required(values, EXPONENT)));
    }

    /**
     * Writes exactly what .NET's {@code RSA.ToXmlString(true)} writes. .NET's importer rejects values that are not
     * of the fixed lengths its RSAParameters demand (D as long as the modulus, the CRT values half of that), so
     * BigInteger's sign byte is dropped and short values are left-padded with zeros.
     */
    public static String toXml(RSAPrivateCrtKey key) {
        int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
        int halfBytes = (modulusBytes + 1) / 2;
        return "<RSAKeyValue>"
                + xmlElement(MODULUS, fixedLength(MODULUS, key.getModulus(), modulusBytes))
                + xmlElement(EXPONENT, unsignedBytes(key.getPublicExponent()))
                + xmlElement(P, fixedLength(P, key.getPrimeP(), halfBytes))
                + xmlElement(Q, fixedLength(Q, key.getPrimeQ(), halfBytes))
                + xmlElement(DP, fixedLength(DP, key.getPrimeExponentP(), halfBytes))
                + xmlElement(DQ, fixedLength(DQ, key.getPrimeExponentQ(), halfBytes))
                + xmlElement(INVERSE_Q, fixedLength(INVERSE_Q, key.getCrtCoefficient(), halfBytes))
                + xmlElement(D, fixedLength(D, key.getPrivateExponent(), modulusBytes))
                + "</RSAKeyValue>";
    }

    /** Writes exactly what .NET's {@code RSA.ToXmlString(false)} writes. */
    public static String toXml(RSAPublicKey key) {
        int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
        return "<RSAKeyValue>"
                + xmlElement(MODULUS, fixedLength(MODULUS, key.getModulus(), modulusBytes))
                + xmlElement(EXPONENT, unsignedBytes(key.getPublicExponent()))
                + "</RSAKeyValue>";
    }

    /** The public half, e.g. to verify our own tokens or publish the key in a JWKS. */
    public static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) rsaKeyFactory().generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("the private key's modulus and exponent do not form a valid RSA public key", e);
        }
    }

    /** Unsigned big-endian bytes without BigInteger's sign byte, as JWK (RFC 7518 §6.3) and .NET both want them. */
    static byte[] unsignedBytes(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] stripped = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, stripped, 0, stripped.length);
            return stripped;
        }
        return bytes;
    }

    // ---- PEM ------------------------------------------------------------------------------------------------------

    private static RSAPrivateCrtKey privateKey(Pem.Block block) {
        return switch (block.label()) {
            case "PRIVATE KEY" -> privateKey(new PKCS8EncodedKeySpec(block.der()));
            case "RSA PRIVATE KEY" -> privateKey(new PKCS8EncodedKeySpec(
                    Der.encode(Der.SEQUENCE, PKCS8_VERSION, RSA_ALGORITHM_IDENTIFIER, Der.encode(Der.OCTET_STRING, block.der()))));
            default -> throw new KeyFormatException("unsupported PEM type '" + block.label()
                    + "'; expected PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY or RSA PUBLIC KEY");
        };
    }

    // ---- XML --------------------------------------------------------------------------------------------------

    private static Map<String, BigInteger> readXml(String xml) {
        String text = Pem.requireText(xml);
        if (text.contains("<!") || text.contains("&")) {
            throw new KeyFormatException("RSA key XML must not contain DOCTYPE, entity, comment or CDATA markup");
        }
        Matcher document = XML_DOCUMENT.matcher(text);
        if (!document.matches()) {
            throw new KeyFormatException("not an RSA key XML document (expected <RSAKeyValue>...</RSAKeyValue>)");
        }
        Map<String, BigInteger> values = new HashMap<>();
        Matcher element = XML_ELEMENT.matcher(text);
        for (int at = document.start(1); at < document.end(1); at = element.end()) {
            element.region(at, document.end(1));
            if (!element.lookingAt()) {
                throw new KeyFormatException("malformed RSA key XML: <RSAKeyValue> may only contain <Name>Base64</Name> elements");
            }
            String name = element.group(1);
            if (!XML_ELEMENTS.contains(name)) {
                continue; // unknown elements are ignored, as .NET's importer does
            }
            // A repeated element would let two readers of the same text disagree on which key it is.
            if (values.containsKey(name)) {
                throw new KeyFormatException("duplicate <" + name + "> in RSA key XML");
            }
            values.put(name, xmlInteger(name, element.group(2)));
        }
        return values;
    }

    private static BigInteger xmlInteger(String name, String content) {
        byte[] bytes = Pem.decodeBase64(WHITESPACE.matcher(content).replaceAll(""), "<" + name + ">");
        if (bytes.length == 0) {
            throw new KeyFormatException("empty <" + name + "> in RSA key XML");
        }
        return new BigInteger(1, bytes);
    }

    private static BigInteger required(Map<String, BigInteger> values, String name) {
        BigInteger value = values.get(name);
        if (value == null) {
            throw new KeyFormatException("RSA key XML is missing <" + name + ">");
        }
        return value;
    }

    private static String xmlElement(String name, byte[] value) {
        return "<" + name + ">" + Base64.getEncoder().encodeToString(value) + "</" + name + ">";
    }

    private static byte[] fixedLength(String name, BigInteger value, int length) {
        byte[] bytes = unsignedBytes(value);
        if (bytes.length > length) {
            // Only keys with unbalanced primes get here; .NET could not import them.
            throw new KeyFormatException("<" + name + "> is longer than the " + length + " bytes .NET's RSA XML allows");
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }

    // ---- key construction and validation ----------------------------------------------------------------------

    private static RSAPrivateCrtKey privateKey(KeySpec spec) {
        PrivateKey key;
        try {
            key = rsaKeyFactory().generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("not a valid RSA private key (truncated or corrupt encoding, not RSA, or values out of range)", e);
        }
        if (!(key instanceof RSAPrivateCrtKey crtKey)) {
            throw new KeyFormatException("RSA private key lacks the CRT parameters (P, Q, DP, DQ, InverseQ)");
        }
        checkSize(crtKey, MIN_BITS);
        checkConsistent(crtKey);
        return crtKey;
    }

    private static RSAPublicKey publicKey(KeySpec spec) {
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) rsaKeyFactory().generatePublic(spec);
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("not a valid RSA public key (truncated or corrupt encoding, not RSA, or values out of range)", e);
        }
        return key;
    }

    /**
     * The one rule of RSA key sizes: {@code key} has at least {@code minBits} bits, which is {@link #MIN_BITS} for
     * every key but one that only verifies signatures.
     *
     * @return the key
     */
    public static <K extends RSAKey> K checkSize(K key, int minBits) {
        int bits = key.getModulus().bitLength();
        if (bits < minBits) {
            throw new KeyFormatException("RSA keys must be at least " + minBits + " bits (this one has " + bits + ")");
        }
        return key;
    }

    /**
     * A key whose CRT values do not belong together yields faulty signatures, and one faulty CRT signature reveals
     * a prime factor through gcd(s^e - m, n) (Boneh, DeMillo, Lipton). SunRsaSign re-verifies and fails every
     * signing request with an opaque error; other providers may not. Either way it belongs at load time.
     */
    private static void checkConsistent(RSAPrivateCrtKey key) {
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(key.getModulus())) {
            throw new KeyFormatException("inconsistent RSA private key: P * Q does not equal the modulus");
        }
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger d = key.getPrivateExponent();
        BigInteger e = key.getPublicExponent();
        boolean consistent = key.getPrimeExponentP().equals(d.mod(pMinus1))
                && key.getPrimeExponentQ().equals(d.mod(qMinus1))
                && e.multiply(key.getPrimeExponentP()).mod(pMinus1).equals(BigInteger.ONE)
                && e.multiply(key.getPrimeExponentQ()).mod(qMinus1).equals(BigInteger.ONE)
                && key.getCrtCoefficient().multiply(q).mod(p).equals(BigInteger.ONE);
        if (!consistent) {
            throw new KeyFormatException("inconsistent RSA private key: D, DP, DQ and InverseQ do not match P, Q and the exponent");
        }
    }

    /**
     * Re-creates the key through the plain "RSA" KeyFactory so its encoding is PKCS#8/SPKI with the rsaEncryption
     * identifier even when the caller's key came from another provider or is an RSASSA-PSS key.
     */
    private static PrivateKey canonical(RSAPrivateCrtKey key) {
        try {
            return rsaKeyFactory().generatePrivate(new RSAPrivateCrtKeySpec(key.getModulus(), key.getPublicExponent(),
                    key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
                    key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient()));
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("the RSA private key cannot be encoded as PKCS#8", e);
        }
    }

    private static PublicKey canonical(RSAPublicKey key) {
        try {
            return rsaKeyFactory().generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (InvalidKeySpecException e) {
            throw new KeyFormatException("the RSA public key cannot be encoded as SubjectPublicKeyInfo", e);
        }
    }

    private static KeyFactory rsaKeyFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide RSA, so this is a broken runtime, not a bad key.
            throw new IllegalStateException("the Java runtime provides no RSA KeyFactory", e);
        }
    }
}
