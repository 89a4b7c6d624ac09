package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.Jwks;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.PublicKeyFormats;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerificationKey;

/**
 * {@code jwt.JwksUrl} and {@code jwt.PublicKeyLocation} as a deployment reads them: what is refused at start-up, and
 * tokens of an issuer whose JWK Set is served on the loopback, read by the engine the settings make.
 */
class RemoteKeySettingsTest {
    private static final KeyPair ISSUER = rsaKeyPair();
    private static final KeyPair OTHER = rsaKeyPair();

    private HttpServer server;
    private String jwksUrl;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startIssuer() throws IOException {
        byte[] jwks = JsonCodec.write(Map.of("keys", List.of(Jwks.publicJwk(RsaVerificationKey.of(
                (RSAPublicKey) ISSUER.getPublic()), JwsAlgorithm.RS256).orElseThrow()))).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        jwksUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @AfterEach
    void stopIssuer() {
        server.stop(0);
    }

    @Test
    void tokensOfTheIssuerAreAcceptedWithItsFetchedKeys() throws TokenException {
        JwtEngine engine = engine("jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", jwksUrl);
        assertEquals(0, fetches.get(), "nothing is fetched at start-up: the issuer may not be up yet");
        assertEquals("alice", engine.reader().read(token(ISSUER)).subject());
        assertEquals(1, fetches.get());
        TokenException refused = assertThrows(TokenException.class, () -> engine.reader().read(token(OTHER)));
        assertEquals(TokenFailure.BAD_SIGNATURE, refused.failure(), "a token of another key, whose kid is unknown");
        assertThrows(TokenException.class, () -> engine.reader().read(token(OTHER)));
        assertEquals(1, fetches.get(), "its unknown kid fetches nothing within jwt.JwksMinRefreshInterval of the first fetch");
    }

    @Test
    void beforeAnyKeyWasFetchedTokensAreRefusedAsOfAnUnknownKey() {
        server.stop(0);
        JwtEngine engine = engine("jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", jwksUrl);
        TokenException refused = assertThrows(TokenException.class, () -> engine.reader().read(token(ISSUER)));
        assertEquals(TokenFailure.UNKNOWN_KEY, refused.failure(), "401 No key to verify the token, not a 500");
    }

    @Test
    void configuredKeysComeFirstAndNeedNoFetch() throws TokenException {
        String pem = RsaKeyFormats.toPem((RSAPublicKey) OTHER.getPublic());
        JwtEngine engine = engine("jwt.HashAlgorithm", "RS256", "jwt.PublicKeyPem", pem, "jwt.JwksUrl", jwksUrl);
        assertEquals("alice", engine.reader().read(token(OTHER)).subject());
        assertEquals(0, fetches.get());
        assertEquals("alice", engine.reader().read(token(ISSUER)).subject());
    }

    @Test
    void tenantsNamingOneUrlShareOneSet() throws TokenException {
        Tenants tenants = Tenants.read(MapConfig.of("jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", jwksUrl,
                "jwt.TenantResolver", "header", "jwt.tenant.acme.JwksUrl", jwksUrl, "jwt.tenant.acme.Issuer", "acme"),
                Clock.systemUTC());
        tenants.global().reader().read(token(ISSUER));
        assertTrue(tenants.configured("acme").orElseThrow().settings().tokens().keys().remoteKeys().isPresent());
        tenants.configured("acme").orElseThrow().settings().tokens().keys().remoteKeys().orElseThrow().current();
        assertEquals(1, fetches.get(), "one issuer, one fetch");
    }

    @Test
    void aJwksUrlNeedsThePublicKeyAlgorithmOfItsIssuer() {
        assertInvalid("jwt.JwksUrl", "jwt.HashAlgorithm is HS256", "jwt.JwksUrl", jwksUrl);
        assertInvalid("jwt.JwksUrl", "jwt.HashAlgorithm is HS256", "jwt.JwksUrl", jwksUrl,
                "jwt.AuthKeyBase64", "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=");
        engine("jwt.HashAlgorithm", "ES256", "jwt.JwksUrl", jwksUrl);
    }

    @Test
    void keysAreFetchedOverHttpsOrFromThisMachineOnly() {
        assertInvalid("jwt.JwksUrl", "http: to another machine", "jwt.HashAlgorithm", "RS256",
                "jwt.JwksUrl", "http://issuer.example/.well-known/jwks.json");
        assertInvalid("jwt.JwksUrl", "not an https: URL", "jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", "ftp://issuer.example/jwks");
        assertInvalid("jwt.JwksUrl", "not an https: URL", "jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", "issuer.example/jwks");
        assertInvalid("jwt.JwksUrl", "is not a URL", "jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", "https://issuer example/");
        assertInvalid("jwt.PublicKeyLocation", "http: to another machine", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyLocation", "http://10.0.0.1/key.pem");
        for (String local : List.of("http://localhost:9080/.well-known/jwks.json", "http://127.0.0.2/jwks", "http://[::1]:9/jwks",
                "https://issuer.example/.well-known/jwks.json")) {
            engine("jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", local);
        }
    }

    @Test
    void oneRemoteSetAtMost() {
        assertInvalid("jwt.JwksUrl", "not both", "jwt.HashAlgorithm", "RS256", "jwt.JwksUrl", jwksUrl,
                "jwt.PublicKeyLocation", jwksUrl);
    }

    @Test
    void theIntervalsAreAtLeastASecond() {
        assertInvalid("jwt.JwksMinRefreshInterval", "at least one second", "jwt.HashAlgorithm", "RS256",
                "jwt.JwksUrl", jwksUrl, "jwt.JwksMinRefreshInterval", "PT0.5S");
        assertInvalid("jwt.JwksMaxAge", "at least one second", "jwt.AuthKeyBase64",
                "WBVTgfB5zUsrjh0dMVs8H3vqoeIclIr2PLN6yUVhg5A=", "jwt.JwksMaxAge", "PT0S");
    }

    @Test
    void aKeyLocationIsAResourceAFileOrAUrl(@TempDir Path dir) throws IOException, TokenException {
        String pem = resource("keys/rsa2048-spki.pem");
        VerificationKey expected = PublicKeyFormats.read(pem).get(0);
        Path file = Files.writeString(dir.resolve("issuer.pem"), pem);
        for (String location : List.of("classpath:keys/rsa2048-spki.pem", "/keys/rsa2048-spki.pem", "keys/rsa2048-spki.pem",
                file.toUri().toString())) {
            KeyRing keys = engine("jwt.HashAlgorithm", "RS256", "jwt.PublicKeyLocation", location).settings().tokens().keys();
            assertEquals(List.of(expected.kid()), keys.verificationKeys().stream().map(VerificationKey::kid).toList(), location);
            assertEquals(Optional.empty(), keys.remoteKeys(), location + " is read once, not fetched");
        }
        JwtEngine fetched = engine("jwt.HashAlgorithm", "RS256", "jwt.PublicKeyLocation", jwksUrl);
        assertEquals("alice", fetched.reader().read(token(ISSUER)).subject(), "a URL is fetched as jwt.JwksUrl is");
        assertEquals(1, fetches.get());
    }

    @Test
    void aKeyLocationThatHoldsNoKeyStopsTheDeployment(@TempDir Path dir) throws IOException {
        assertInvalid("jwt.PublicKeyLocation", "names no resource", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyLocation", "classpath:keys/missing.pem");
        assertInvalid("jwt.PublicKeyLocation", "names a file that does not exist", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyLocation", dir.resolve("missing.pem").toUri().toString());
        assertInvalid("jwt.PublicKeyLocation", "'ldap:' is not one of", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyLocation", "ldap://directory.example/key");
        Path notAKey = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertInvalid("jwt.PublicKeyLocation", "not a public key", "jwt.HashAlgorithm", "RS256",
                "jwt.PublicKeyLocation", notAKey.toUri().toString());
    }

    // ---- helpers

    private static JwtEngine engine(String... keysAndValues) {
        return new JwtEngine(JwtSettingsReader.read(MapConfig.of(keysAndValues)), Clock.systemUTC());
    }

    private static void assertInvalid(String property, String why, String... keysAndValues) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.read(MapConfig.of(keysAndValues)), why);
        assertEquals(property, e.property(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** A token of the issuer {@code ssjwt} signed with {@code keys}' private key, its kid the key's thumbprint. */
    private static String token(KeyPair keys) {
        RsaVerificationKey verification = RsaVerificationKey.of((RSAPublicKey) keys.getPublic());
        KeyRing ring = new KeyRing(Optional.of(new RsaSigningKey((RSAPrivateCrtKey) keys.getPrivate(), verification.kid())),
                List.of(verification));
        TokenPolicy policy = new TokenPolicy(JwsAlgorithm.RS256, true, ring, "ssjwt", List.of(), false,
                Duration.ofMinutes(5), Optional.empty(), Duration.ofSeconds(30), 8192);
        return new TokenWriter(policy, Clock.systemUTC(), new SecureRandom()).create(TokenUser.of("alice", List.of("User"), List.of()));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RemoteKeySettingsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
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
