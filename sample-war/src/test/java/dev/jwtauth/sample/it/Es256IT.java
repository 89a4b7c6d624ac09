package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.EcKeyFormats;
import dev.jwtauth.token.KeyIds;

/**
 * A deployment that signs with ES256 ({@code jwt.HashAlgorithm=ES256}, an EC P-256 private key pasted as PKCS#8
 * PEM): its sign-in issues ES256 tokens, its JWKS publishes the EC public key, {@code @RolesAllowed} accepts the
 * tokens, and a token whose signature has one byte changed is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class Es256IT {
    private static final String APP = "es256";
    private static final KeyPair KEYS = ecKeyPair();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String pem = EcKeyFormats.toPem((ECPrivateKey) KEYS.getPrivate()).replace("\n", "\\n");
        return SampleArchive.withConfig(APP, "jwt.HashAlgorithm=ES256\njwt.PrivateKeyPem=" + pem + "\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void signInIssuesEs256TokensThatTheJwksKeyVerifiesAndRolesAllowedAccepts() throws GeneralSecurityException, JoseException {
        String token = signIn();
        Map<String, Object> header = JsonUtil.parseJson(decode(token.split("\\.")[0]));
        assertEquals("ES256", header.get("alg"), token);
        String kid = KeyIds.thumbprint((ECPublicKey) KEYS.getPublic());
        assertEquals(kid, header.get("kid"), "the RFC 7638 thumbprint of the configured key");
        assertEquals(86, token.substring(token.lastIndexOf('.') + 1).length(), "R || S: 64 bytes");

        Http.Reply jwks = Http.get(Http.https(APP, "/.well-known/jwks.json"));
        assertEquals(200, jwks.status(), jwks::toString);
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.json().get("keys");
        assertEquals(1, keys.size(), jwks::body);
        Map<String, Object> jwk = keys.get(0);
        assertEquals(Map.of("kty", "EC", "kid", kid, "use", "sig", "alg", "ES256", "crv", "P-256"),
                Map.of("kty", jwk.get("kty"), "kid", jwk.get("kid"), "use", jwk.get("use"), "alg", jwk.get("alg"),
                        "crv", jwk.get("crv")), jwks::body);
        // What a reader of the JWKS does: the published point checks the token's signature (the JDK, not jwtauth).
        assertTrue(verifiesWith(publishedKey(jwk), token), "the JWKS key verifies the token");

        Http.Reply user = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + token);
        assertEquals(200, user.status(), user::toString);
        assertEquals("alice", user.json().get("caller"), user::toString);
    }

    @Test
    void aTokenWithAChangedSignatureByteIsRefused() {
        String token = signIn();
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        for (int index : List.of(0, 31, 32, 63)) {
            byte[] changed = signature.clone();
            changed[index] ^= 0x01;
            String forged = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + forged);
            assertEquals(401, reply.status(), () -> "byte " + index + ": " + reply);
            assertEquals("TokenException: Invalid signature", reply.error(), reply::toString);
        }
        // An HS256 token keyed with the EC public key's encoding: this deployment holds no HMAC key at all.
        String confused = DemoTokens.hmac(Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                Duration.ZERO).token(DemoTokens.ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + confused);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token algorithm is not allowed: HS256", reply.error());
    }

    private static String signIn() {
        Http.Reply reply = Services.postJson(Http.https(APP, "/auth/credentials"),
                Services.signInBody("alice", "jwtauth-demo", "\"useTokenCookie\":false"));
        assertEquals(200, reply.status(), reply::toString);
        return (String) reply.json().get("bearerToken");
    }

    private static PublicKey publishedKey(Map<String, Object> jwk) throws GeneralSecurityException {
        ECPoint point = new ECPoint(coordinate(jwk.get("x")), coordinate(jwk.get("y")));
        return KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(point, ((ECPublicKey) KEYS.getPublic()).getParams()));
    }

    private static BigInteger coordinate(Object base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode((String) base64url);
        assertEquals(32, bytes.length, "a P-256 coordinate in full (RFC 7518 §6.2.1.2)");
        return new BigInteger(1, bytes);
    }

    /** JOSE's R || S is the P1363 form the JDK reads directly. */
    private static boolean verifiesWith(PublicKey key, String token) throws GeneralSecurityException {
        int dot = token.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
