package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.sample.it.mpjwt.ReaderApplication;
import dev.jwtauth.sample.it.mpjwt.ReaderResource;

/**
 * Interoperability with Open Liberty's own MicroProfile JWT ({@code mpJwt-2.1}): the sample, configured for RS256 and
 * {@code jwt.IncludeMpJwtClaims=true}, issues tokens on the Arquillian server; a second Liberty server runs two
 * services without jwtauth that accept them — one fetching the keys from jwtauth's {@code /.well-known/jwks.json}
 * ({@code <mpJwt jwksUri=…>}, trusting the issuer's self-signed certificate through {@code sslRef}), one given the
 * public key as MicroProfile Config ({@code mp.jwt.verify.publickey}). The caller is the token's {@code upn}, the
 * roles its {@code groups}; tampered tokens, tokens of another key and of another issuer are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MpJwtInteropIT {
    private static final String APP = "mpjwt-issuer";
    private static final String ISSUER = "https://jwtauth.example/mpjwt-interop";
    private static final String PASSWORD = "jwtauth-demo";
    private static final String JWKS_READER = "reader-jwks";
    private static final String PEM_READER = "reader-pem";
    private static final String UNTRUSTED_READER = "reader-untrusted";
    private static final List<String> READERS = List.of(JWKS_READER, PEM_READER);
    /** The second server's ports: -Dit.reader.http.port / -Dit.reader.https.port, or the IT server's plus 1000. */
    private static final int READER_HTTP_PORT = Integer.getInteger("it.reader.http.port", Http.HTTP_PORT + 1000);
    private static final int READER_HTTPS_PORT = Integer.getInteger("it.reader.https.port", Http.HTTPS_PORT + 1000);
    /** What the reader logs for the requests these tests make it refuse; anything else E or W in its log fails. */
    private static final List<String> EXPECTED_PROBLEMS = List.of(
            "CWWKS5522E", // no token
            "CWWKS5523E", "CWWKS5524E", // invalid token: signature, unknown kid, issuer
            "CWWKS5519E", "CWWKS5506E", "CWWKS5508E", // no upn claim
            "CWPKI0823E"); // reader-untrusted: the issuer's certificate is not trusted
    private static final String TRUST_PASSWORD = "issuer-trust";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The deployment's signing key, made for this run. */
    private static final KeyPair KEY = rsaKeyPair();

    private static LibertyServer reader;

    @Deployment(testable = false)
    static WebArchive issuer() {
        String privateKeyPem = pem("PRIVATE KEY", KEY.getPrivate().getEncoded()).replace("\n", "\\n");
        return SampleArchive.withConfig(APP, "jwt.HashAlgorithm=RS256\n"
                + "jwt.PrivateKeyPem=" + privateKeyPem + "\n"
                + "jwt.Issuer=" + ISSUER + "\n"
                + "jwt.IncludeMpJwtClaims=true\n");
    }

    /** The second server: Liberty's mpJwt with the reader services, trusting the issuer's certificate. */
    @BeforeAll
    static void startReader() throws Exception {
        reader = LibertyServer.besideTheItServer("jwtauthMpJwtReader", READER_HTTP_PORT);
        Path dir = reader.dir();
        try (InputStream serverXml = MpJwtInteropIT.class.getResourceAsStream("/mpjwt-reader/server.xml")) {
            Files.copy(serverXml, dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("bootstrap.properties"), String.join("\n",
                "reader.http.port=" + READER_HTTP_PORT,
                "reader.https.port=" + READER_HTTPS_PORT,
                "issuer.jwks.uri=" + Http.https(APP, "/.well-known/jwks.json"),
                "issuer.name=" + ISSUER,
                "issuer.trust.password=" + TRUST_PASSWORD, ""));
        writeIssuerTrustStore(dir.resolve("resources/security/issuer-trust.p12"));
        export(readerApp(JWKS_READER), dir.resolve("apps/" + JWKS_READER + ".war"));
        export(readerApp(PEM_READER).addAsResource(new StringAsset(
                "mp.jwt.verify.publickey=" + pem("PUBLIC KEY", KEY.getPublic().getEncoded()).replace("\n", "\\n") + "\n"
                + "mp.jwt.verify.issuer=" + ISSUER + "\n"), "META-INF/microprofile-config.properties"),
                dir.resolve("apps/" + PEM_READER + ".war"));
        export(readerApp(UNTRUSTED_READER), dir.resolve("apps/" + UNTRUSTED_READER + ".war"));
        reader.start(Duration.ofSeconds(120), JWKS_READER, PEM_READER, UNTRUSTED_READER);
    }

    @AfterAll
    static void stopReader() {
        if (reader == null) {
            return;
        }
        reader.close();
        List<String> unexpected = reader.problems().stream()
                .filter(line -> EXPECTED_PROBLEMS.stream().noneMatch(line::contains)).toList();
        assertEquals(List.of(), unexpected, () -> "errors or warnings in " + reader.dir().resolve("logs/messages.log"));
    }

    @Test
    void theCallerIsTheUpnAndTheGroupsAreTheRoles() {
        String alice = bearerToken("alice");
        assertEquals("alice", claims(alice).get("upn"));
        assertEquals(List.of("User"), claims(alice).get("groups"));
        for (String service : READERS) {
            Http.Reply reply = call(service, "/whoami", alice, 200);
            Map<String, Object> caller = reply.json();
            assertEquals("alice", caller.get("caller"), service + ": " + reply);
            assertEquals(true, caller.get("principalIsJwt"), service + ": " + reply);
            assertEquals(true, caller.get("isUser"), service + ": " + reply);
            assertEquals(false, caller.get("isAdmin"), service + ": " + reply);
            assertEquals(List.of("User"), caller.get("groups"), service + ": " + reply);
            assertEquals(ISSUER, caller.get("issuer"), service + ": " + reply);
            call(service, "/whoami/admin", alice, 403);
        }
    }

    @Test
    void anAdminsGroupsGrantTheAdminRole() {
        String admin = bearerToken("admin");
        for (String service : READERS) {
            Map<String, Object> caller = call(service, "/whoami/admin", admin, 200).json();
            assertEquals("admin", caller.get("caller"), service);
            assertEquals(true, caller.get("isAdmin"), service);
            assertEquals(List.of("Admin", "User"), caller.get("groups"), service);
        }
    }

    @Test
    void theJwksHoldsTheKeyOfTheTokens() {
        String token = bearerToken("alice");
        Http.Reply jwks = Http.get(Http.https(APP, "/.well-known/jwks.json"));
        assertEquals(200, jwks.status(), jwks::toString);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.json().get("keys");
        assertEquals(1, keys.size(), jwks::body);
        assertEquals(header(token).get("kid"), keys.get(0).get("kid"));
        assertEquals("RS256", header(token).get("alg"));
    }

    @Test
    void noTokenIsRefused() {
        for (String service : READERS) {
            call(service, "/whoami", null, 401);
        }
    }

    @Test
    void aTamperedTokenIsRefused() {
        String alice = bearerToken("alice");
        String[] parts = alice.split("\\.");
        Map<String, Object> payload = claims(alice);
        payload.put("groups", List.of("Admin", "User"));
        String promoted = parts[0] + "." + BASE64URL.encodeToString(json(payload).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        String badSignature = parts[0] + "." + parts[1] + "." + new String(signature);
        for (String service : READERS) {
            call(service, "/whoami", alice, 200);
            call(service, "/whoami/admin", promoted, 401);
            call(service, "/whoami", promoted, 401);
            call(service, "/whoami", badSignature, 401);
        }
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String alice = bearerToken("alice");
        PrivateKey otherKey = rsaKeyPair().getPrivate();
        String sameKid = resign(alice, header -> { }, payload -> { }, otherKey);
        String ownKid = resign(alice, header -> header.put("kid", "another-key"), payload -> { }, otherKey);
        assertEquals(header(alice).get("kid"), header(sameKid).get("kid"));
        for (String service : READERS) {
            call(service, "/whoami", sameKid, 401);
            call(service, "/whoami", ownKid, 401);
        }
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String elsewhere = resign(bearerToken("alice"), header -> { },
                payload -> payload.put("iss", "https://elsewhere.example"), KEY.getPrivate());
        for (String service : READERS) {
            call(service, "/whoami", elsewhere, 401);
        }
    }

    /** Control for the tests above: re-signing with jwtauth's own key keeps a token valid. */
    @Test
    void aTokenResignedWithTheIssuersKeyIsAccepted() {
        String resigned = resign(bearerToken("alice"), header -> { }, payload -> { }, KEY.getPrivate());
        for (String service : READERS) {
            assertEquals("alice", call(service, "/whoami", resigned, 200).json().get("caller"));
        }
    }

    /**
     * Without {@code jwt.IncludeMpJwtClaims} a token has no {@code upn} and no {@code groups}, and mpJwt with its
     * defaults ({@code userNameAttribute="upn"}) refuses it outright (CWWKS5519E) rather than fall back to
     * {@code preferred_username}: the option is what makes our tokens MP-JWT tokens (or configure mpJwt with
     * {@code userNameAttribute="preferred_username" groupNameAttribute="roles"}, as the load benchmark does).
     */
    @Test
    void withoutTheMpJwtClaimsMpJwtFindsNoCaller() {
        String plain = resign(bearerToken("alice"), header -> { }, payload -> {
            payload.remove("upn");
            payload.remove("groups");
        }, KEY.getPrivate());
        for (String service : READERS) {
            call(service, "/whoami", plain, 401);
        }
        assertTrue(reader.log().contains("CWWKS5519E"), () -> "the missing upn claim is logged\n" + reader.tail(30));
    }

    /** The issuer's certificate is self-signed: without the trust store of {@code sslRef} mpJwt cannot fetch the JWKS. */
    @Test
    void theJwksIsFetchedOnlyWithTheIssuersCertificateTrusted() {
        call(UNTRUSTED_READER, "/whoami", bearerToken("alice"), 401);
        assertTrue(reader.log().contains("CWPKI0823E"), () -> "the SSL handshake failure is logged\n" + reader.tail(30));
    }

    // ---- helpers

    private static String bearerToken(String user) {
        Object token = signIn(APP, user, PASSWORD, "\"useTokenCookie\":false").json().get("bearerToken");
        assertTrue(token instanceof String s && !s.isEmpty(), "bearerToken of " + user);
        return (String) token;
    }

    /** GET on a reader service, asserting the status (unless {@code expected} is -1), with its log on failure. */
    private static Http.Reply call(String service, String path, String token, int expected) {
        URI uri = URI.create("http://localhost:" + READER_HTTP_PORT + "/" + service + path);
        Http.Reply reply = token == null ? Http.get(uri) : Http.get(uri, "Authorization", "Bearer " + token);
        if (expected >= 0) {
            assertEquals(expected, reply.status(), () -> "GET " + uri + ": " + reply + "\n" + reader.tail(30));
        }
        return reply;
    }

    private static WebArchive readerApp(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(ReaderApplication.class, ReaderResource.class);
    }

    private static void export(WebArchive war, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
    }

    /** A PKCS#12 trust store with the certificate chain the Arquillian server presents on its HTTPS port. */
    private static void writeIssuerTrustStore(Path file) throws IOException, GeneralSecurityException {
        Certificate[] chain;
        try (SSLSocket socket = (SSLSocket) Http.trustAll().getSocketFactory().createSocket("localhost", Http.HTTPS_PORT)) {
            socket.startHandshake();
            chain = socket.getSession().getPeerCertificates();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < chain.length; i++) {
            trust.setCertificateEntry("issuer-" + i, chain[i]);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
    }

    /** The token's header and payload, changed as told, signed RS256 with {@code key}. */
    private static String resign(String token, Consumer<Map<String, Object>> headerChange,
                                 Consumer<Map<String, Object>> payloadChange, PrivateKey key) {
        Map<String, Object> header = header(token);
        Map<String, Object> payload = claims(token);
        headerChange.accept(header);
        payloadChange.accept(payload);
        String input = BASE64URL.encodeToString(json(header).getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(json(payload).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> header(String token) {
        return part(token, 0);
    }

    private static Map<String, Object> claims(String token) {
        return part(token, 1);
    }

    private static Map<String, Object> part(String token, int index) {
        try {
            return new LinkedHashMap<>(JsonUtil.parseJson(
                    new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8)));
        } catch (JoseException e) {
            throw new AssertionError("not JSON: part " + index + " of " + token, e);
        }
    }

    private static String json(Map<String, Object> map) {
        return JsonUtil.toJson(map);
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

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
