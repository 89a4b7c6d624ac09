package dev.jwtauth.tool;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import dev.jwtauth.token.EcKeyFormats;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.RsaKeyFormats;

/**
 * Writes a key as {@code microprofile-config.properties} lines, each value on one line, with {@code #} comments
 * saying what the key is and, for a rotation, where the current key goes. Every value is what
 * {@code JwtSettingsReader} reads: PEM line breaks become {@code \n}, which a properties file turns back into
 * line breaks and which the PEM reader also accepts literally (as environment variables carry them).
 */
final class KeyProperties {

    private KeyProperties() {
    }

    /** {@code prefix} is {@code jwt.} or {@code jwt.tenant.<id>.}. */
    static String hmac(JwsAlgorithm algorithm, byte[] secret, String prefix, boolean rotate) {
        String key = prefix + "AuthKeyBase64";
        StringBuilder out = new StringBuilder();
        comment(out, algorithm + " AuthKey (" + secret.length + " random bytes), kid " + KeyIds.thumbprint(secret));
        if (rotate) {
            comment(out, "Rotation: if several services share the current key, first add the new key to each as its");
            comment(out, "next fallback (" + key + ".1), so all accept it before any signs with it.");
            comment(out, "Then rename the current " + key + " to " + key + ".1 (an existing .1 to .2, and so on),");
            comment(out, "keep the algorithm and add the lines below. Delete the fallback once the tokens it signed");
            comment(out, "have expired (" + prefix + "ExpireTokensIn, default 14 days).");
        }
        property(out, prefix + "HashAlgorithm", algorithm.name());
        property(out, key, Base64.getEncoder().encodeToString(secret));
        return out.toString();
    }

    static String rsa(JwsAlgorithm algorithm, RSAPrivateCrtKey privateKey, boolean xml, String prefix, boolean rotate) {
        RSAPublicKey publicKey = RsaKeyFormats.publicKeyOf(privateKey);
        return keyPair("RSA " + publicKey.getModulus().bitLength() + "-bit key pair for " + algorithm
                        + ", kid " + KeyIds.thumbprint(publicKey), algorithm, xml ? "Xml" : "Pem",
                xml ? RsaKeyFormats.toXml(privateKey) : oneLine(RsaKeyFormats.toPem(privateKey)),
                xml ? RsaKeyFormats.toXml(publicKey) : oneLine(RsaKeyFormats.toPem(publicKey)), prefix, rotate);
    }

    static String ec(ECPrivateKey privateKey, String prefix, boolean rotate) {
        ECPublicKey publicKey = EcKeyFormats.publicKeyOf(privateKey);
        return keyPair("EC P-256 key pair for ES256, kid " + KeyIds.thumbprint(publicKey), JwsAlgorithm.ES256, "Pem",
                oneLine(EcKeyFormats.toPem(privateKey)), oneLine(EcKeyFormats.toPem(publicKey)), prefix, rotate);
    }

    /** A key pair's lines: the private key to sign with, and (commented out) the public key for readers. */
    private static String keyPair(String description, JwsAlgorithm algorithm, String form, String privateValue,
                                  String publicValue, String prefix, boolean rotate) {
        StringBuilder out = new StringBuilder();
        comment(out, description);
        if (rotate) {
            comment(out, "Rotation, in this order:");
            comment(out, "1. Services that only verify: add the new public key (last line) as their next fallback,");
            comment(out, "   " + prefix + "PublicKey" + form + ".1, so they accept tokens signed with either key.");
            comment(out, "2. Signing services: rename the current " + prefix + "PrivateKey" + form + " to "
                    + prefix + "PrivateKey" + form + ".1");
            comment(out, "   (only its public half is used, to verify), then add the lines below.");
            comment(out, "3. Once the old key's tokens have expired (" + prefix + "ExpireTokensIn, default 14 days),");
            comment(out, "   delete the fallbacks; verifying services make the new key "
                    + prefix + "PublicKey" + form + ".");
        }
        property(out, prefix + "HashAlgorithm", algorithm.name());
        property(out, prefix + "PrivateKey" + form, privateValue);
        comment(out, rotate ? "Step 1, for services that only verify:"
                : "Services that only verify set the public key instead of the private one:");
        out.append("# ");
        property(out, prefix + "PublicKey" + form + (rotate ? ".1" : ""), publicValue);
        return out.toString();
    }

    /** The PEM's line breaks as {@code \n} escapes, without the final one. */
    private static String oneLine(String pem) {
        return pem.strip().replace("\n", "\\n");
    }

    private static void comment(StringBuilder out, String text) {
        out.append("# ").append(text).append('\n');
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append(name).append('=').append(value).append('\n');
    }
}
