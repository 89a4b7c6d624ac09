package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reader deployment that knows no key, only its issuer's JWK Set ({@code jwt.JwksUrl}): the issuer is a second
 * Liberty server running the sample with an RSA key, which counts the fetches of its {@code /.well-known/jwks.json}
 * ({@link JwksFetchCounter}); the reader is the Arquillian deployment. In order: the reader accepts the issuer's
 * tokens; a burst of tokens naming unknown kids costs the issuer at most one fetch per
 * {@code jwt.JwksMinRefreshInterval}; the issuer rotates (a new key signs, the old one stays as a fallback) and the
 * reader accepts tokens of the new kid without a restart; with the issuer stopped, the reader goes on accepting the
 * kids it knows. Readers whose issuer was never reachable, or whose certificate the JVM does not trust, refuse tokens
 * with the documented 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteKeySetIT {
    private static final String READER = "jwks-reader";
    private static final String UNREACHABLE = "jwks-unreachable";
    private static final String UNTRUSTED = "jwks-untrusted";
    private static final String ISSUER_NAME = "https://issuer.example/jwks-it";
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** The issuer's ports: -Dit.issuer.http.port / -Dit.issuer.https.port, or the IT server's plus 1100. */
    private static final int ISSUER_HTTP_PORT = Integer.getInteger("it.issuer.http.port", Http.HTTP_PORT + 1100);
    private static final int ISSUER_HTTPS_PORT = Integer.getInteger("it.issuer.https.port", Http.HTTPS_PORT + 1100);
    /** The issuer runs the sample where {@code server.xml} expects it: {@code apps/sample-war.war}, at "/". */
    private static final String ISSUER_APP = "sample-war";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final KeyPair FIRST_KEY = rsaKeyPair();
    private static final KeyPair SECOND_KEY = rsaKeyPair();

    private static LibertyServer issuer;
    /** Tokens of the first and of the second key, as the issuer signed them. */
    private static String firstToken;
    private static String secondToken;

    @Deployment(name = READER, testable = false)
    static WebArchive reader() {
        return SampleArchive.withConfig(READER, "jwt.HashAlgorithm=RS256\n"
                + "jwt.JwksUrl=http://localhost:" + ISSUER_HTTP_PORT + "/.well-known/jwks.json\n"
                + "jwt.JwksMinRefreshInterval=PT" + INTERVAL.toSeconds() + "S\n"
                + "jwt.Issuer=" + ISSUER_NAME + "\n");
    }

    /** Nothing answers on port 9 of this machine: the set is never fetched. */
    @Deployment(name = UNREACHABLE, testable = false)
    static WebArchive unreachable() {
        return SampleArchive.withConfig(UNREACHABLE, "jwt.HashAlgorithm=RS256\n"
                + "jwt.JwksUrl=http://localhost:9/.well-known/jwks.json\n"
                + "jwt.Issuer=" + ISSUER_NAME + "\n");
    }

    /** The issuer's HTTPS port, whose self-signed certificate this server's JVM does not trust. */
    @Deployment(name = UNTRUSTED, testable = false)
    static WebArchive untrusted() {
        return SampleArchive.withConfig(UNTRUSTED, "jwt.HashAlgorithm=RS256\n"
                + "jwt.JwksUrl=https://localhost:" + ISSUER_HTTPS_PORT + "/.well-known/jwks.json\n"
                + "jwt.Issuer=" + ISSUER_NAME + "\n");
    }

    /** The issuer: a second server of the sample (its own Derby), configured like the Arquillian one. */
    @BeforeAll
    static void startIssuer() throws IOException {
        issuer = LibertyServer.besideTheItServer("jwtauthJwksIssuer", ISSUER_HTTP_PORT);
        Path itServer = LibertyServer.itServerDir();
        try (Stream<Path> configuration = Files.list(itServer); Stream<Path> libraries = Files.walk(itServer.resolve("lib"))) {
            for (Path file : Stream.concat(configuration.filter(file -> file.getFileName().toString().matches(
                    "server\\.xml|datasource-derby\\.xml")), libraries.filter(Files::isRegularFile)).toList()) {
                Path copy = issuer.dir().resolve(itServer.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(issuer.dir().resolve("bootstrap.properties"), String.join("\n",
                "http.port=" + ISSUER_HTTP_PORT, "https.port=" + ISSUER_HTTPS_PORT, "jwtauth.database=derby", ""));
        startIssuerWith("jwt.PrivateKeyPem=" + pem(FIRST_KEY.getPrivate()) + "\n");
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    @Order(1)
    void theReaderAcceptsTheIssuersTokens() {
        firstToken = issuerToken("alice");
        assertEquals(0, fetches(), "the reader fetched nothing before a token needed a key");
        assertEquals("alice", caller(firstToken));
        assertEquals("admin", caller(issuerToken("admin")));
        assertEquals(1, fetches(), "the set is fetched once and kept");
    }

    @Test
    @Order(2)
    void anIssuerWhoseCertificateIsNotTrustedIsNotBelieved() {
        ServerLog log = ServerLog.mark();
        Http.Reply reply = Http.get(Http.https(UNTRUSTED, "/user"), "Authorization", "Bearer " + firstToken);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: No key to verify the token", reply.error());
        assertTrue(log.since().contains("JWTAUTH0130W") && log.since().contains("SSLHandshakeException"),
                () -> "the refused certificate is logged:\n" + log.since());
    }

    @Test
    @Order(3)
    void aBurstOfUnknownKidsCostsTheIssuerAtMostOneFetchPerInterval() throws InterruptedException {
        Thread.sleep(INTERVAL.toMillis()); // past the interval of the last fetch, so that the burst may fetch
        int before = fetches();
        List<Burst.Request> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String forged = resign(firstToken, UUID.randomUUID().toString(), rsaKeyPair().getPrivate());
            requests.add(new Burst.Request("GET", Http.https(READER, "/user"), "Authorization", "Bearer " + forged));
        }
        List<Burst.Answer> answers = Burst.fire(requests, Duration.ofSeconds(30));
        for (Burst.Answer answer : answers) {
            assertEquals(401, answer.reply().status(), () -> answer + ": " + answer.reply());
            assertEquals("TokenException: Invalid signature", answer.reply().error(), answer::toString);
        }
        long window = answers.stream().mapToLong(answer -> answer.after().toMillis()).max().orElseThrow();
        int made = fetches() - before;
        assertTrue(made >= 1, "the unknown kids asked for the set: " + made + " fetches");
        assertTrue(made <= 1 + window / INTERVAL.toMillis(), made + " fetches for 40 unknown kids within " + window
                + " ms: at most one per " + INTERVAL);
        assertEquals("alice", caller(firstToken), "the issuer's own tokens pass as before");
    }

    @Test
    @Order(4)
    void afterTheIssuerRotatesItsKeyTheReaderAcceptsTheNewKidWithoutARestart() throws InterruptedException {
        issuer.close();
        startIssuerWith("jwt.PrivateKeyPem=" + pem(SECOND_KEY.getPrivate()) + "\n"
                + "jwt.PrivateKeyPem.1=" + pem(FIRST_KEY.getPrivate()) + "\n");
        Thread.sleep(INTERVAL.toMillis()); // past the interval of the burst's fetch
        secondToken = issuerToken("alice");
        assertNotEquals(kid(firstToken), kid(secondToken), "the issuer signs with its new key");
        assertEquals("alice", caller(secondToken), "the reader fetched the rotated set for the new kid");
        assertEquals(1, fetches(), "once");
        assertEquals("alice", caller(firstToken), "tokens of the old key still pass");
    }

    @Test
    @Order(5)
    void withTheIssuerStoppedTheReaderStillAcceptsTheKidsItKnows() throws InterruptedException {
        issuer.close();
        ServerLog log = ServerLog.mark();
        Thread.sleep(INTERVAL.toMillis()); // so that an unknown kid tries the issuer
        String forged = resign(secondToken, "unknown-" + UUID.randomUUID(), rsaKeyPair().getPrivate());
        Http.Reply refused = Http.get(Http.https(READER, "/user"), "Authorization", "Bearer " + forged);
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(log.since().contains("JWTAUTH0130W"), () -> "the failed fetch is logged:\n" + log.since());
        assertTrue(!log.since().contains(forged.substring(forged.lastIndexOf('.') + 1)), "no token is logged");
        assertEquals("alice", caller(secondToken), "the last good set is kept");
        assertEquals("alice", caller(firstToken));
    }

    @Test
    @Order(6)
    void beforeAnySetWasFetchedTokensAreRefusedWithTheDocumented401() {
        Http.Reply reply = Http.get(Http.https(UNREACHABLE, "/user"), "Authorization", "Bearer " + resign(
                bearerTokenShape(), "any", FIRST_KEY.getPrivate()));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: No key to verify the token", reply.error());
        assertTrue(reply.header("WWW-Authenticate").stream().anyMatch(value -> value.contains("invalid_token")), reply::toString);
    }

    // ---- helpers

    /** Writes the issuer's sample with {@code keys} (and the fetch counter), and starts it. */
    private static void startIssuerWith(String keys) {
        Path war = issuer.dir().resolve("apps/" + ISSUER_APP + ".war");
        try {
            Files.createDirectories(war.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SampleArchive.withConfig(ISSUER_APP, "jwt.HashAlgorithm=RS256\n" + keys + "jwt.Issuer=" + ISSUER_NAME + "\n")
                .addClasses(JwksFetchCounter.class, JwksFetches.class).as(ZipExporter.class).exportTo(war.toFile(), true);
        issuer.start(Duration.ofSeconds(180), ISSUER_APP);
    }

    private static String issuerToken(String user) {
        Http.Reply reply = Services.postJson(URI.create("https://localhost:" + ISSUER_HTTPS_PORT + "/auth/credentials"),
                Services.signInBody(user, "jwtauth-demo", "\"useTokenCookie\":false"));
        assertEquals(200, reply.status(), () -> "sign-in of " + user + " at the issuer: " + reply);
        return (String) reply.json().get("bearerToken");
    }

    /** How many times the issuer (since it last started) was asked for its JWK Set. */
    private static int fetches() {
        Http.Reply reply = Http.get(URI.create("https://localhost:" + ISSUER_HTTPS_PORT + "/jwks-fetches"));
        assertEquals(200, reply.status(), reply::toString);
        return Integer.parseInt(reply.body().strip());
    }

    /** The reader's caller for {@code token}, asserting a 200. */
    private static String caller(String token) {
        Http.Reply reply = Http.get(Http.https(READER, "/user"), "Authorization", "Bearer " + token);
        assertEquals(200, reply.status(), reply::toString);
        return (String) reply.json().get("caller");
    }

    /** A token of the issuer's form without asking it: for the reader that never reached it. */
    private static String bearerTokenShape() {
        long now = System.currentTimeMillis() / 1000;
        return encode(Map.of("typ", "JWT", "alg", "RS256")) + "." + encode(Map.of("sub", "alice", "iss", ISSUER_NAME,
                "iat", now, "exp", now + 600, "roles", List.of("User"))) + ".x";
    }

    /** {@code token}'s header and payload with header {@code kid}, signed RS256 with {@code key}. */
    private static String resign(String token, String kid, PrivateKey key) {
        Map<String, Object> header = part(token, 0);
        header.put("kid", kid);
        String input = encode(header) + "." + token.split("\\.")[1];
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object kid(String token) {
        return part(token, 0).get("kid");
    }

    private static Map<String, Object> part(String token, int index) {
        try {
            return new LinkedHashMap<>(JsonUtil.parseJson(
                    new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8)));
        } catch (JoseException e) {
            throw new AssertionError("not JSON: part " + index + " of " + token, e);
        }
    }

    private static String encode(Map<String, ?> json) {
        return BASE64URL.encodeToString(JsonUtil.toJson(json).getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(PrivateKey key) {
        // one line, as a properties file holds it: the line breaks written as \n
        return ("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----").replace("\n", "\\n");
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
