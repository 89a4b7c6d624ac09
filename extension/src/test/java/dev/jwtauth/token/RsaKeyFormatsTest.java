package dev.jwtauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RsaKeyFormatsTest {

    private static final Pattern DOTNET_PRIVATE_XML = Pattern.compile("<RSAKeyValue><Modulus>([^<]+)</Modulus>"
            + "<Exponent>([^<]+)</Exponent><P>([^<]+)</P><Q>([^<]+)</Q><DP>([^<]+)</DP><DQ>([^<]+)</DQ>"
            + "<InverseQ>([^<]+)</InverseQ><D>([^<]+)</D></RSAKeyValue>");
    /** Any long Base64 run in an error message would be a leak of the input. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{24,}");

    private static final List<RSAPrivateCrtKey> GENERATED = new ArrayList<>();
    private static RSAPrivateCrtKey weakKey;

    private static String pkcs1Pem;
    private static String pkcs8Pem;
    private static String spkiPem;
    private static String dotnetXml;

    @BeforeAll
    static void setUp() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        for (int i = 0; i < 4; i++) {
            GENERATED.add((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        }
        generator.initialize(1024);
        weakKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        pkcs1Pem = resource("rsa2048-pkcs1.pem");
        pkcs8Pem = resource("rsa2048-pkcs8.pem");
        spkiPem = resource("rsa2048-spki.pem");
        dotnetXml = resource("rsa2048-dotnet.xml");
    }

    // ---- PEM ----------------------------------------------------------------------------------------------------

    @Test
    void privatePemRoundTrip() {
        for (RSAPrivateCrtKey key : GENERATED) {
            String pem = RsaKeyFormats.toPem(key);
            assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
            assertTrue(pem.endsWith("\n-----END PRIVATE KEY-----\n"));
            assertTrue(Arrays.stream(pem.split("\n")).allMatch(line -> line.length() <= 64));
            assertEquals(key, RsaKeyFormats.privateKeyFromPem(pem));
        }
    }

    @Test
    void publicPemRoundTrip() {
        for (RSAPrivateCrtKey key : GENERATED) {
            RSAPublicKey publicKey = RsaKeyFormats.publicKeyOf(key);
            String pem = RsaKeyFormats.toPem(publicKey);
            assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
            assertTrue(pem.endsWith("\n-----END PUBLIC KEY-----\n"));
            assertEquals(publicKey, RsaKeyFormats.publicKeyFromPem(pem));
        }
    }

    @Test
    void writesPemExactlyAsOpenSslDoes() {
        RSAPrivateCrtKey key = RsaKeyFormats.privateKeyFromPem(pkcs8Pem);
        assertEquals(pkcs8Pem, RsaKeyFormats.toPem(key));
        assertEquals(spkiPem, RsaKeyFormats.toPem(RsaKeyFormats.publicKeyOf(key)));
    }

    @Test
    void readsPkcs1PrivateKeyPem() {
        assertEquals(RsaKeyFormats.privateKeyFromPem(pkcs8Pem), RsaKeyFormats.privateKeyFromPem(pkcs1Pem));
    }

    @Test
    void readsPkcs1PublicKeyPem() throws IOException {
        assertEquals(RsaKeyFormats.publicKeyFromPem(spkiPem), RsaKeyFormats.publicKeyFromPem(resource("rsa2048-pkcs1-public.pem")));
    }

    @Test
    void publicKeyFromPrivatePemYieldsThePublicHalf() {
        RSAPublicKey expected = RsaKeyFormats.publicKeyFromPem(spkiPem);
        assertEquals(expected, RsaKeyFormats.publicKeyFromPem(pkcs1Pem));
        assertEquals(expected, RsaKeyFormats.publicKeyFromPem(pkcs8Pem));
        assertEquals(expected, RsaKeyFormats.publicKeyOf(RsaKeyFormats.privateKeyFromPem(pkcs1Pem)));
    }

    @Test
    void toleratesEscapedNewlinesCrLfAndStrayWhitespace() {
        RSAPrivateCrtKey expected = RsaKeyFormats.privateKeyFromPem(pkcs1Pem);
        String escapedLf = pkcs1Pem.replace("\n", "\\n");
        String escapedCrLf = pkcs1Pem.replace("\n", "\\r\\n");
        String crLf = pkcs1Pem.replace("\n", "\r\n");
        String indented = "  # pasted from a vault\n" + pkcs1Pem.replaceFirst("MII", "M I I ").replace("\n", "\n\t    ") + "\n\n";

        for (String pem : List.of(escapedLf, escapedCrLf, crLf, indented)) {
            assertEquals(expected, RsaKeyFormats.privateKeyFromPem(pem));
        }
        assertEquals(RsaKeyFormats.publicKeyFromPem(spkiPem), RsaKeyFormats.publicKeyFromPem(spkiPem.replace("\n", "\\n")));
    }

    // ---- XML ----------------------------------------------------------------------------------------------------

    @Test
    void privateXmlRoundTripWithDotNetFixedLengths() {
        for (RSAPrivateCrtKey key : GENERATED) {
            String xml = RsaKeyFormats.toXml(key);
            Matcher elements = DOTNET_PRIVATE_XML.matcher(xml);
            assertTrue(elements.matches(), "exact .NET element order, no whitespace");
            // Modulus and P, Q always have their top bit set, so BigInteger adds a sign byte the XML must not carry.
            assertEquals(257, key.getModulus().toByteArray().length);
            assertEquals(129, key.getPrimeP().toByteArray().length);
            assertEquals(256, decodedLength(elements.group(1)), "Modulus");
            assertEquals("AQAB", elements.group(2));
            List<String> halfLength = List.of("P", "Q", "DP", "DQ", "InverseQ");
            for (int i = 0; i < halfLength.size(); i++) {
                assertEquals(128, decodedLength(elements.group(3 + i)), halfLength.get(i));
            }
            assertEquals(256, decodedLength(elements.group(8)), "D");
            assertEquals(key, RsaKeyFormats.privateKeyFromXml(xml));
        }
    }

    @Test
    void publicXmlRoundTrip() {
        for (RSAPrivateCrtKey key : GENERATED) {
            RSAPublicKey publicKey = RsaKeyFormats.publicKeyOf(key);
            String xml = RsaKeyFormats.toXml(publicKey);
            assertTrue(xml.matches("<RSAKeyValue><Modulus>[A-Za-z0-9+/=]{344}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>"), xml);
            assertEquals(publicKey, RsaKeyFormats.publicKeyFromXml(xml));
        }
    }

    /** The fixture's D is two bytes shorter than the modulus, so it only imports into .NET if left-padded. */
    @Test
    void writesDotNetXmlExactlyIncludingLeftPadding() {
        RSAPrivateCrtKey key = RsaKeyFormats.privateKeyFromPem(pkcs1Pem);
        assertTrue(RsaKeyFormats.unsignedBytes(key.getPrivateExponent()).length < 256, "fixture needs left padding");

        assertEquals(dotnetXml, RsaKeyFormats.toXml(key));
        assertEquals(dotnetXml.substring(0, dotnetXml.indexOf("<P>")) + "</RSAKeyValue>",
                RsaKeyFormats.toXml(RsaKeyFormats.publicKeyOf(key)));
    }

    @Test
    void dotNetXmlKeySignsAndItsPublicPartVerifies() throws GeneralSecurityException {
        RSAPrivateCrtKey privateKey = RsaKeyFormats.privateKeyFromXml(dotnetXml);
        assertEquals(RsaKeyFormats.privateKeyFromPem(pkcs1Pem), privateKey);
        byte[] payload = "header.payload".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(payload);
        byte[] signature = signer.sign();

        for (RSAPublicKey publicKey : List.of(RsaKeyFormats.publicKeyFromXml(dotnetXml), RsaKeyFormats.publicKeyFromPem(spkiPem))) {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(payload);
            assertTrue(verifier.verify(signature));
        }
    }

    @Test
    void readsXmlInAnyOrderWithWhitespaceAndUnknownElements() {
        Matcher elements = DOTNET_PRIVATE_XML.matcher(dotnetXml);
        assertTrue(elements.matches());
        String shuffled = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<RSAKeyValue>\n"
                + "  <D>" + wrap(elements.group(8)) + "</D>\n"
                + "  <Comment>made by hand</Comment>\n"
                + "  <InverseQ>" + elements.group(7) + "</InverseQ>\n"
                + "  <Q>" + elements.group(4) + "</Q>\t<P>" + elements.group(3) + "</P>\n"
                + "  <DQ>" + elements.group(6) + "</DQ><DP>" + elements.group(5) + "</DP>\n"
                + "  <Exponent>" + elements.group(2) + "</Exponent>\n"
                + "  <Modulus>" + wrap(elements.group(1)) + "</Modulus>\n"
                + "</RSAKeyValue>\n";

        RSAPrivateCrtKey expected = RsaKeyFormats.privateKeyFromXml(dotnetXml);
        assertEquals(expected, RsaKeyFormats.privateKeyFromXml(shuffled));
        assertEquals(RsaKeyFormats.publicKeyOf(expected), RsaKeyFormats.publicKeyFromXml(shuffled));
    }

    // ---- refused input: PEM -----------------------------------------------------------------------------------

    @Test
    void refusesEmptyInput() {
        for (String empty : Arrays.asList("", " \n\t", null)) {
            assertRefused("empty", () -> RsaKeyFormats.privateKeyFromPem(empty));
            assertRefused("empty", () -> RsaKeyFormats.publicKeyFromPem(empty));
            assertRefused("empty", () -> RsaKeyFormats.privateKeyFromXml(empty));
            assertRefused("empty", () -> RsaKeyFormats.publicKeyFromXml(empty));
        }
    }

    @Test
    void refusesTextThatIsNotPem() {
        assertRefused("not a PEM block", () -> RsaKeyFormats.privateKeyFromPem("MIIEogIBAAKCAQEA2qbM9jFH1pako7ZV3CyAycrbHFCz"));
        assertRefused("not a PEM block", () -> RsaKeyFormats.publicKeyFromPem(dotnetXml));
        assertRefused("no matching '-----END PRIVATE KEY-----'",
                () -> RsaKeyFormats.privateKeyFromPem(pkcs8Pem.substring(0, pkcs8Pem.indexOf("-----END"))));
    }

    @Test
    void refusesEcKeys() throws IOException {
        String ecPem = resource("ec-p256.pem");
        assertRefused("unsupported PEM type 'EC PRIVATE KEY'", () -> RsaKeyFormats.privateKeyFromPem(ecPem));
        assertRefused("unsupported PEM type 'EC PRIVATE KEY'", () -> RsaKeyFormats.publicKeyFromPem(ecPem));
        String ecPkcs8 = resource("ec-p256-pkcs8.pem");
        assertRefused("not a valid RSA private key", () -> RsaKeyFormats.privateKeyFromPem(ecPkcs8));
    }

    @Test
    void refusesOtherPemTypes() {
        String certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
        assertRefused("unsupported PEM type 'CERTIFICATE'", () -> RsaKeyFormats.publicKeyFromPem(certificate));
        assertRefused("holds a public key where a private key is needed", () -> RsaKeyFormats.privateKeyFromPem(spkiPem));
    }

    @Test
    void refusesEncryptedPem() throws IOException {
        String encryptedPkcs8 = resource("rsa2048-encrypted-pkcs8.pem");
        assertTrue(encryptedPkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertRefused("encrypted PEM is not supported", () -> RsaKeyFormats.privateKeyFromPem(encryptedPkcs8));
        assertRefused("encrypted PEM is not supported", () -> RsaKeyFormats.publicKeyFromPem(encryptedPkcs8));

        String encryptedPkcs1 = resource("rsa2048-encrypted-pkcs1.pem");
        assertTrue(encryptedPkcs1.contains("Proc-Type: 4,ENCRYPTED"));
        assertRefused("encrypted PEM is not supported", () -> RsaKeyFormats.privateKeyFromPem(encryptedPkcs1));
    }

    @Test
    void refusesBadBase64InPem() {
        String corrupted = pkcs8Pem.replaceFirst("\nMII", "\nM*I");
        assertRefused("bad Base64 in PEM block 'PRIVATE KEY'", () -> RsaKeyFormats.privateKeyFromPem(corrupted));
    }

    @Test
    void refusesTruncatedDer() {
        assertRefused("not a valid RSA private key", () -> RsaKeyFormats.privateKeyFromPem(truncated(pkcs8Pem, "PRIVATE KEY")));
        assertRefused("not a valid RSA private key", () -> RsaKeyFormats.privateKeyFromPem(truncated(pkcs1Pem, "RSA PRIVATE KEY")));
        assertRefused("not a valid RSA public key", () -> RsaKeyFormats.publicKeyFromPem(truncated(spkiPem, "PUBLIC KEY")));
    }

    @Test
    void refusesKeysBelow2048BitsButToVerifyWhereAllowed() throws GeneralSecurityException {
        String message = "RSA keys must be at least 2048 bits (this one has 1024)";
        assertRefused(message, () -> RsaKeyFormats.privateKeyFromPem(RsaKeyFormats.toPem(weakKey)));
        assertRefused(message, () -> RsaKeyFormats.privateKeyFromXml(RsaKeyFormats.toXml(weakKey)));
        assertRefused(message, () -> new RsaSigningKey(weakKey, "weak"));
        RSAPublicKey weakPublic = RsaKeyFormats.publicKeyOf(weakKey);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(weakKey);
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        signer.update(input);
        byte[] signature = signer.sign();
        for (RSAPublicKey read : List.of(RsaKeyFormats.publicKeyFromPem(RsaKeyFormats.toPem(weakPublic)),
                RsaKeyFormats.publicKeyFromXml(RsaKeyFormats.toXml(weakPublic)))) {
            assertRefused(message, () -> RsaVerificationKey.of(read));
            assertRefused(message, () -> new JweEncrypter(read));
            assertTrue(RsaVerificationKey.of(read, 1024).verify(JwsAlgorithm.RS256, input, input.length, signature));
        }
    }

    // ---- refused input: XML -----------------------------------------------------------------------------------

    @Test
    void refusesPrivateXmlMissingAnElement() {
        for (String name : List.of("D", "P", "Q", "DP", "DQ", "InverseQ", "Modulus", "Exponent")) {
            String xml = dotnetXml.replaceFirst("<" + name + ">[^<]*</" + name + ">", "");
            assertRefused("RSA key XML is missing <" + name + ">", () -> RsaKeyFormats.privateKeyFromXml(xml));
        }
    }

    @Test
    void refusesBadBase64InXml() {
        assertRefused("bad Base64 in <Modulus>",
                () -> RsaKeyFormats.publicKeyFromXml(withElement(dotnetXml, "Modulus", "2qbM9jFH1pako7ZV3CyA*ycrbHFCz")));
        assertRefused("bad Base64 in <D>", () -> RsaKeyFormats.privateKeyFromXml(withElement(dotnetXml, "D", "AAKq_BEc-6CK")));
        assertRefused("empty <P>", () -> RsaKeyFormats.privateKeyFromXml(withElement(dotnetXml, "P", "")));
    }

    @Test
    void refusesXmlWhosePrimesDoNotMultiplyToTheModulus() {
        String otherP = Base64.getEncoder().encodeToString(RsaKeyFormats.unsignedBytes(GENERATED.get(0).getPrimeP()));
        assertRefused("P * Q does not equal the modulus",
                () -> RsaKeyFormats.privateKeyFromXml(withElement(dotnetXml, "P", otherP)));
    }

    @Test
    void refusesXmlWithInconsistentCrtValues() {
        RSAPrivateCrtKey key = RsaKeyFormats.privateKeyFromXml(dotnetXml);
        String wrongDp = Base64.getEncoder().encodeToString(
                RsaKeyFormats.unsignedBytes(key.getPrimeExponentP().add(BigInteger.ONE)));
        assertRefused("D, DP, DQ and InverseQ do not match", () -> RsaKeyFormats.privateKeyFromXml(withElement(dotnetXml, "DP", wrongDp)));
        String wrongInverseQ = Base64.getEncoder().encodeToString(
                RsaKeyFormats.unsignedBytes(key.getCrtCoefficient().add(BigInteger.ONE)));
        assertRefused("D, DP, DQ and InverseQ do not match",
                () -> RsaKeyFormats.privateKeyFromXml(withElement(dotnetXml, "InverseQ", wrongInverseQ)));
    }

    /** With e = 1 a "signature" is the message itself; the JDK refuses that exponent, and so must we. */
    @Test
    void refusesExponentOne() {
        assertRefused("not a valid RSA public key", () -> RsaKeyFormats.publicKeyFromXml(withElement(dotnetXml, "Exponent", "AQ==")));
    }

    @Test
    void neverResolvesEntities() {
        String externalEntity = "<?xml version=\"1.0\"?><!DOCTYPE RSAKeyValue [<!ENTITY m SYSTEM \"file:///etc/passwd\">]>"
                + withElement(dotnetXml, "Modulus", "&m;");
        String entityBomb = "<!DOCTYPE RSAKeyValue [<!ENTITY a \"AAAA\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + withElement(dotnetXml, "Exponent", "&b;");
        String bareReference = withElement(dotnetXml, "Exponent", "&#65;QAB");
        for (String xml : List.of(externalEntity, entityBomb, bareReference)) {
            assertRefused("must not contain DOCTYPE, entity", () -> RsaKeyFormats.privateKeyFromXml(xml));
            assertRefused("must not contain DOCTYPE, entity", () -> RsaKeyFormats.publicKeyFromXml(xml));
        }
    }

    @Test
    void refusesMalformedXml() {
        assertRefused("not an RSA key XML document", () -> RsaKeyFormats.publicKeyFromXml("<KeyValue><Modulus>AQAB</Modulus></KeyValue>"));
        assertRefused("not an RSA key XML document", () -> RsaKeyFormats.publicKeyFromXml(pkcs8Pem));
        assertRefused("may only contain <Name>Base64</Name> elements",
                () -> RsaKeyFormats.publicKeyFromXml(dotnetXml.replace("<Exponent>", "<Exponent x=\"1\">")));
        assertRefused("may only contain <Name>Base64</Name> elements",
                () -> RsaKeyFormats.publicKeyFromXml(dotnetXml.replace("</Exponent>", "</Exp>")));
        assertRefused("duplicate <Modulus>",
                () -> RsaKeyFormats.publicKeyFromXml(dotnetXml.replace("<Exponent>", "<Modulus>AQAB</Modulus><Exponent>")));
    }

    /** .NET's RSAParameters demand P, Q, ... of exactly half the modulus length; a key with unbalanced primes cannot be written. */
    @Test
    void refusesToWriteXmlDotNetCannotImport() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        BigInteger e = BigInteger.valueOf(65537);
        BigInteger p;
        BigInteger q;
        do {
            p = BigInteger.probablePrime(1100, random);
            q = BigInteger.probablePrime(949, random);
        } while (p.multiply(q).bitLength() != 2048 || !p.subtract(BigInteger.ONE).gcd(e).equals(BigInteger.ONE) || !q.subtract(BigInteger.ONE).gcd(e).equals(BigInteger.ONE));
        BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
        RSAPrivateCrtKey unbalanced = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                p.multiply(q), e, d, p, q, d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p)));

        assertEquals(unbalanced, RsaKeyFormats.privateKeyFromPem(RsaKeyFormats.toPem(unbalanced)), "a valid RSA key");
        assertRefused("<P> is longer than the 128 bytes .NET's RSA XML allows", () -> RsaKeyFormats.toXml(unbalanced));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertRefused(String expected, Executable call) {
        KeyFormatException refused = assertThrows(KeyFormatException.class, call);
        String message = refused.getMessage();
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
        assertFalse(BASE64_RUN.matcher(message).find(), () -> "key material in: " + message);
        String modulus = Base64.getEncoder().encodeToString(RsaKeyFormats.unsignedBytes(GENERATED.get(0).getModulus()));
        assertFalse(message.contains(modulus.substring(0, 12)) || message.contains("2qbM9jFH1pak"), () -> "modulus in: " + message);
    }

    private static int decodedLength(String base64) {
        return Base64.getDecoder().decode(base64).length;
    }

    private static String withElement(String xml, String name, String content) {
        return xml.replaceFirst("<" + name + ">[^<]*</" + name + ">", "<" + name + ">" + Matcher.quoteReplacement(content) + "</" + name + ">");
    }

    /** Splits Base64 over 76-character lines, as a pretty-printer might. */
    private static String wrap(String base64) {
        return String.join("\n    ", base64.split("(?<=\\G.{76})"));
    }

    /** The same PEM with its DER cut in half: still valid Base64, no longer valid DER. */
    private static String truncated(String pem, String label) {
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).replace("\n", "");
        byte[] der = Base64.getDecoder().decode(body);
        byte[] half = Arrays.copyOf(der, der.length / 2);
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(half) + "\n-----END " + label + "-----\n";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RsaKeyFormatsTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
