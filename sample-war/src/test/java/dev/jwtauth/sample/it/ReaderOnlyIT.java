package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.DemoTokens.ADMIN;
import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static dev.jwtauth.sample.it.DemoTokens.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.KeyPair;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;

/**
 * A microservice that only reads tokens: configured with nothing but an RSA public key (ServiceStack's
 * JwtAuthProviderReader). No AuthKey, no database, no user store; tokens come from an issuer holding the private key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReaderOnlyIT {
    private static final String APP = "reader";
    private static final KeyPair ISSUER_KEYS = rsaKeyPair();
    private static final DemoTokens ISSUER = DemoTokens.of(JwsAlgorithm.RS256,
            new RsaSigningKey((RSAPrivateCrtKey) ISSUER_KEYS.getPrivate(), KeyIds.thumbprint((RSAPublicKey) ISSUER_KEYS.getPublic())),
            RsaVerificationKey.of((RSAPublicKey) ISSUER_KEYS.getPublic()), Duration.ofHours(1), Duration.ZERO);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The public key as users paste it into a properties file: one line with escaped newlines.
        String pem = RsaKeyFormats.toPem((RSAPublicKey) ISSUER_KEYS.getPublic()).replace("\n", "\\n");
        return SampleArchive.withConfig(APP, "jwt.HashAlgorithm=RS256\njwt.PublicKeyPem=" + pem + "\n");
    }

    @Test
    void tokensOfTheIssuerAreAccepted() {
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(ISSUER.token(ADMIN)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("admin", reply.json().get("caller"));
        assertEquals(true, reply.json().get("isAdmin"));
    }

    @Test
    void rolesStillDecide() {
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(ISSUER.token(ALICE)));
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("Forbidden: Invalid Role", reply.error());
    }

    @Test
    void hmacTokensAreRefusedEvenWithThePublicKeyAsSecret() {
        // Algorithm confusion: an attacker HMAC-signs with the (public) RSA key material.
        String confused = DemoTokens.hmac(java.util.Base64.getEncoder().encodeToString(
                ISSUER_KEYS.getPublic().getEncoded()), Duration.ZERO).token(ADMIN);
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(confused));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token algorithm is not allowed: HS256", reply.error());
    }

    @Test
    void theSampleDemoTokensAreRefused() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(DemoTokens.demo().token(ALICE)));
        assertEquals(401, reply.status(), reply::toString);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
