package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The verification keys of a public-key text in any form MicroProfile JWT allows ({@code mp.jwt.verify.publickey}):
 * a PEM public key (SubjectPublicKeyInfo, RSA or P-256 EC; or PKCS#1 {@code RSA PUBLIC KEY}), the same DER as bare
 * Base64, a JWK, a JWK Set, or a JWK / JWK Set encoded in Base64url. JWKs are read by {@link Jwks} (with its rules
 * for what is skipped); a PEM key's {@code kid} is its RFC 7638 thumbprint. An RSA key has at least the minimum
 * given ({@link RsaVerificationKey}). Failures are
 * {@link KeyFormatException}s naming why, never quoting the text.
 */
public final class PublicKeyFormats {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** DER of the OID rsaEncryption (1.2.840.113549.1.1.1). */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};

    private PublicKeyFormats() {
    }

    /** The keys of the text, in its order; at least one. RSA keys have at least {@link RsaKeyFormats#MIN_BITS}. */
    public static List<VerificationKey> read(String text) {
        return read(text, RsaKeyFormats.MIN_BITS);
    }

    /** The keys of the text, in its order; at least one. RSA keys have at least {@code minRsaBits}. */
    public static List<VerificationKey> read(String text, int minRsaBits) {
        String trimmed = Pem.requireText(text).strip();
        if (trimmed.startsWith("{")) {
            return Jwks.read(trimmed, minRsaBits);
        }
        if (Pem.isPem(trimmed)) {
            Pem.Block block = Pem.read(trimmed);
            return switch (block.label()) {
                case "PUBLIC KEY" -> List.of(fromSpki(block.der(), minRsaBits));
                case "RSA PUBLIC KEY" -> List.of(RsaVerificationKey.of(RsaKeyFormats.publicKeyFromPem(trimmed), minRsaBits));
                default -> throw new KeyFormatException("PEM type '" + block.label() + "' is not a public key; "
                        + "expected PUBLIC KEY or RSA PUBLIC KEY");
            };
        }
        byte[] decoded = decode(trimmed);
        if (decoded.length > 0 && decoded[0] == '{') {
            return Jwks.read(new String(decoded, StandardCharsets.UTF_8), minRsaBits);
        }
        if (decoded.length > 0 && decoded[0] == Der.SEQUENCE) {
            return List.of(fromSpki(decoded, minRsaBits));
        }
        throw new KeyFormatException("not a public key: expected PEM, a JWK or JWK Set (JSON, or Base64url-encoded), "
                + "or Base64 of a SubjectPublicKeyInfo");
    }

    /** The RSA or EC key of a DER SubjectPublicKeyInfo, chosen by its algorithm identifier. */
    private static VerificationKey fromSpki(byte[] der, int minRsaBits) {
        Der spki = Der.contentOf(der, Der.SEQUENCE);
        byte[] oid = Der.encode(Der.OBJECT_IDENTIFIER, spki.next(Der.SEQUENCE).next(Der.OBJECT_IDENTIFIER).bytes());
        if (Arrays.equals(oid, RSA_OID)) {
            return RsaVerificationKey.of(RsaKeyFormats.publicKeyFromSpki(der), minRsaBits);
        }
        if (Arrays.equals(oid, P256.EC_PUBLIC_KEY_OID)) {
            return EcVerificationKey.of(EcKeyFormats.publicKeyFromSpki(der));
        }
        throw new KeyFormatException("the public key is neither RSA nor EC");
    }

    /** Base64url or standard Base64, padded or not; whitespace (pasted line breaks) ignored. */
    private static byte[] decode(String text) {
        String compact = WHITESPACE.matcher(text).replaceAll("").replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("not a public key: neither PEM, JSON nor Base64");
        }
    }
}
