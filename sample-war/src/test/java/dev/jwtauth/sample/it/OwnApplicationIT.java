package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.sample.it.consumer.App;
import dev.jwtauth.sample.it.consumer.FirstUser;
import dev.jwtauth.sample.it.consumer.Note;
import dev.jwtauth.sample.it.consumer.Notes;

/**
 * A minimal application of its own, as a new user writes it from the README (the package {@code consumer}): the
 * jars of the sample's WEB-INF/lib (jwtauth and what it brings), one key in its configuration, its own persistence
 * unit injected without {@code unitName}, {@code @ApplicationPath("/api")}, and a {@code @RolesAllowed} resource
 * that injects the token and a {@code @Claim}. It runs on the Arquillian server (the features the README lists) and
 * on a second Liberty with the umbrella features {@code jakartaee-10.0} + {@code microProfile-6.1}, which bring
 * Liberty's own mpJwt (with its {@code @Claim} producers) and mpOpenAPI. On both, jwtauth's services answer at the
 * context root whatever the application's path, and the application's own unit reads and writes its rows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OwnApplicationIT {
    private static final String APP = "own-app";
    /** The second server's ports: -Dit.umbrella.http.port / -Dit.umbrella.https.port, or the IT server's plus 20. */
    private static final int UMBRELLA_HTTP_PORT = Integer.getInteger("it.umbrella.http.port", Http.HTTP_PORT + 20);
    private static final int UMBRELLA_HTTPS_PORT = Integer.getInteger("it.umbrella.https.port", Http.HTTPS_PORT + 20);
    private static final String CONFIG = "jwt.AuthKeyBase64=" + randomKey() + "\n";
    /** What the umbrella server logs besides; anything else E or W in its log fails. */
    private static final List<String> EXPECTED_PROBLEMS = List.of(
            "CWWKS9660E", // jakartaee-10.0's ORB wants a user registry; nothing here uses the ORB
            "CWPMI2006W"); // mpMetrics reports the application's own 404s, which the routes test asks for

    private static final Server ON_UMBRELLA = new Server("jakartaee-10.0 + microProfile-6.1", UMBRELLA_HTTP_PORT,
            UMBRELLA_HTTPS_PORT);
    private static final List<Server> SERVERS = List.of(new Server("the IT server", Http.HTTP_PORT, Http.HTTPS_PORT),
            ON_UMBRELLA);

    private static LibertyServer umbrella;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return application();
    }

    /** The second server, with the same application. */
    @BeforeAll
    static void startUmbrellaServer() throws IOException {
        umbrella = LibertyServer.besideTheItServer("jwtauthUmbrella", UMBRELLA_HTTP_PORT);
        Path dir = umbrella.dir();
        try (InputStream serverXml = OwnApplicationIT.class.getResourceAsStream("/own-app/server.xml")) {
            Files.copy(serverXml, dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("bootstrap.properties"),
                "own.http.port=" + UMBRELLA_HTTP_PORT + "\nown.https.port=" + UMBRELLA_HTTPS_PORT + "\n");
        Path derby = dir.resolve("lib/derby");
        Files.createDirectories(derby);
        try (var jars = Files.list(LibertyServer.itServerDir().resolve("lib/derby"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, derby.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(dir.resolve("apps"));
        application().as(ZipExporter.class).exportTo(dir.resolve("apps/" + APP + ".war").toFile(), true);
        umbrella.start(Duration.ofSeconds(240), APP);
    }

    @AfterAll
    static void stopUmbrellaServer() {
        if (umbrella == null) {
            return;
        }
        umbrella.close();
        String log = umbrella.log();
        assertTrue(log.contains("CWWKO1660I: The application " + APP + " was processed and an OpenAPI document was produced"),
                () -> "mpOpenAPI described the application\n" + umbrella.tail(40));
        List<String> unexpected = umbrella.problems().stream()
                .filter(line -> EXPECTED_PROBLEMS.stream().noneMatch(line::contains)).toList();
        assertEquals(List.of(), unexpected, () -> "errors or warnings (CWWKO1650E: jwtauth's routes in the OpenAPI "
                + "document) in " + umbrella.dir().resolve("logs/messages.log"));
    }

    @Test
    void theApplicationsOwnUnitReadsAndWritesForTheCallerOfABearerToken() {
        for (Server server : SERVERS) {
            Map<String, Object> signedIn = server.signIn("\"useTokenCookie\":false").json();
            String bearer = (String) signedIn.get("bearerToken");
            String note = "note " + UUID.randomUUID();
            Http.Reply added = Http.send(HttpRequest.newBuilder(server.https("/api/notes"))
                    .POST(HttpRequest.BodyPublishers.ofString(note)).header("Content-Type", "text/plain"),
                    "Authorization", "Bearer " + bearer);
            assertEquals(204, added.status(), () -> server + ": " + added);
            Map<String, Object> mine = server.notes("Authorization", "Bearer " + bearer);
            assertEquals(FirstUser.NAME, mine.get("user"), server::toString);
            assertEquals(List.of("notes:write"), mine.get("permissions"), () -> server + ": the @Claim(\"perms\") injected");
            assertTrue(((List<?>) mine.get("notes")).contains(note), () -> server + ": the row written is read: " + mine);

            Http.Reply anonymous = Http.get(server.https("/api/notes"));
            assertEquals(401, anonymous.status(), () -> server + ": " + anonymous);
            assertEquals("Unauthorized: Not Authenticated", anonymous.error(), server::toString);
        }
    }

    @Test
    void cookieSignInRefreshAndLogoutAtTheContextRoot() {
        for (Server server : SERVERS) {
            Http.Reply signedIn = server.signIn();
            String access = cookie(signedIn, "ss-tok");
            String refresh = cookie(signedIn, "ss-reftok");
            assertEquals(FirstUser.NAME, server.notes("Cookie", "ss-tok=" + access).get("user"), server::toString);

            Http.Reply refreshed = Services.post(server.https("/access-token"), "Cookie", "ss-reftok=" + refresh);
            assertEquals(200, refreshed.status(), () -> server + ": " + refreshed);
            String rotated = cookie(refreshed, "ss-reftok");
            assertNotEquals(refresh, rotated, server::toString);
            assertEquals(FirstUser.NAME, server.notes("Cookie", "ss-tok=" + cookie(refreshed, "ss-tok")).get("user"), server::toString);

            Http.Reply logout = Http.get(server.https("/auth/logout"), "Cookie", "ss-tok=" + access + "; ss-reftok=" + rotated);
            assertEquals(200, logout.status(), () -> server + ": " + logout);
            assertEquals("", setCookies(logout).get("ss-reftok").value(), () -> server + ": the refresh cookie is deleted");
            Http.Reply afterLogout = Services.post(server.https("/access-token"), "Cookie", "ss-reftok=" + rotated);
            assertEquals(401, afterLogout.status(), () -> server + ": logout revoked the refresh token: " + afterLogout);
        }
    }

    @Test
    void aRefreshTokenInTheBodyGetsAnAccessToken() {
        for (Server server : SERVERS) {
            String refreshToken = (String) server.signIn("\"useTokenCookie\":false").json().get("refreshToken");
            Http.Reply refreshed = Services.postJson(server.https("/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}");
            assertEquals(200, refreshed.status(), () -> server + ": " + refreshed);
            String access = (String) refreshed.json().get("accessToken");
            assertEquals(FirstUser.NAME, server.notes("Authorization", "Bearer " + access).get("user"), server::toString);
        }
    }

    /**
     * The routes of ServiceStack's clients are where the README says, once: not under the application's
     * {@code /api} (no {@code /api/auth/credentials}, no {@code /api/api/Authenticate}).
     */
    @Test
    void jwtauthsRoutesAreAtTheContextRootWhateverTheApplicationPath() {
        for (Server server : SERVERS) {
            String body = Services.signInBody(FirstUser.NAME, FirstUser.PASSWORD, "\"provider\":\"credentials\"", "\"useTokenCookie\":false");
            for (String route : List.of("/api/Authenticate", "/json/reply/Authenticate")) {
                Http.Reply reply = Services.postJson(server.https(route), body);
                assertEquals(200, reply.status(), () -> server + " " + route + ": " + reply);
                assertEquals(FirstUser.NAME, reply.json().get("userName"), server::toString);
            }
            for (String route : List.of("/api/auth/credentials", "/api/api/Authenticate")) {
                Http.Reply reply = Services.postJson(server.https(route), body);
                assertEquals(404, reply.status(), () -> server + " " + route + ": " + reply);
            }
            Http.Reply get = Http.get(server.https("/access-token"));
            assertEquals(405, get.status(), () -> server + ": " + get);
            assertEquals("NotSupportedException: /access-token only accepts POST", get.error(), server::toString);
            assertEquals(List.of("POST, OPTIONS"), get.header("Allow"), server::toString);
            Http.Reply jwks = Http.get(server.https("/.well-known/jwks.json"));
            assertEquals(200, jwks.status(), () -> server + ": " + jwks);
            assertEquals(List.of(), jwks.json().get("keys"), () -> server + ": an HMAC key is never published");
        }
    }

    /**
     * Liberty's mpJwt leaves the application to jwtauth even with an {@code <mpJwt>} element (for other
     * applications) whose {@code ignoreApplicationAuthMethod} is left at {@code true}, which applies it to every
     * application that has no mechanism of its own: a bearer token and its absence get jwtauth's answers.
     */
    @Test
    void anMpJwtElementForOtherApplicationsLeavesTheApplicationToJwtauth() {
        Path dropin = umbrella.dir().resolve("configDropins/overrides/other-applications.xml");
        Server server = ON_UMBRELLA;
        umbrella.reconfigure(Duration.ofSeconds(60), () -> {
            Files.createDirectories(dropin.getParent());
            Files.writeString(dropin, "<server><mpJwt id=\"otherApplications\" issuer=\"https://elsewhere.example\""
                    + " jwksUri=\"https://elsewhere.example/jwks\"/></server>");
        });
        try {
            String bearer = (String) server.signIn("\"useTokenCookie\":false").json().get("bearerToken");
            assertEquals(FirstUser.NAME, server.notes("Authorization", "Bearer " + bearer).get("user"));
            Http.Reply anonymous = Http.get(server.https("/api/notes"));
            assertEquals(401, anonymous.status(), anonymous::toString);
            assertEquals("Unauthorized: Not Authenticated", anonymous.error());
        } finally {
            umbrella.reconfigure(Duration.ofSeconds(60), () -> Files.delete(dropin));
        }
    }

    /** No token was sent, so the answer speaks of the credentials that were. */
    @Test
    void aSignInOverPlainHttpIsRefusedForItsCredentials() {
        for (Server server : SERVERS) {
            Http.Reply reply = Services.postJson(server.http("/auth/credentials"),
                    Services.signInBody(FirstUser.NAME, FirstUser.PASSWORD));
            assertEquals(403, reply.status(), () -> server + ": " + reply);
            assertEquals("Forbidden: Sending credentials over insecure connection forbidden when RequireSecureConnection=true",
                    reply.error(), server::toString);
            assertEquals(List.of(), reply.header("Set-Cookie"), server::toString);
        }
    }

    // ---- helpers

    /** The application: its own classes, persistence unit and key, and the jars an application's build packages. */
    static WebArchive application() {
        return SampleArchive.libraries(ShrinkWrap.create(WebArchive.class, APP + ".war")
                .addClasses(App.class, Note.class, Notes.class, FirstUser.class)
                .addAsResource("own-app/persistence.xml", "META-INF/persistence.xml")
                .addAsResource(new StringAsset(CONFIG), "META-INF/microprofile-config.properties"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** One server running the application, by its ports. */
    private record Server(String name, int httpPort, int httpsPort) {
        URI https(String path) {
            return URI.create("https://localhost:" + httpsPort + "/" + APP + path);
        }

        URI http(String path) {
            return URI.create("http://localhost:" + httpPort + "/" + APP + path);
        }

        Http.Reply signIn(String... extraJson) {
            Http.Reply reply = Services.postJson(https("/auth/credentials"),
                    Services.signInBody(FirstUser.NAME, FirstUser.PASSWORD, extraJson));
            assertEquals(200, reply.status(), () -> this + ": sign-in: " + reply);
            return reply;
        }

        Map<String, Object> notes(String... credentials) {
            Http.Reply reply = Http.get(https("/api/notes"), credentials);
            assertEquals(200, reply.status(), () -> this + ": GET /api/notes: " + reply);
            return reply.json();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
