package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jwtauth.sample.it.consumer.FirstUser;

/**
 * jwtauth on a server with none of the optional MicroProfile features (mpMetrics, mpHealth, mpOpenAPI), whose APIs
 * the application then cannot see: OwnApplicationIT's application deploys with no error or warning (no class of an
 * absent API is loaded), signs in, refreshes, refuses, and the features' endpoints are simply not there. Its own
 * Liberty server, on the ports OwnApplicationIT's second server uses (the IT server's plus 20), which are free while
 * this class runs: test classes run one after another.
 */
class MinimalFeaturesIT {
    private static final String APP = "own-app";
    private static final int HTTP_PORT = Integer.getInteger("it.umbrella.http.port", Http.HTTP_PORT + 20);
    private static final int HTTPS_PORT = Integer.getInteger("it.umbrella.https.port", Http.HTTPS_PORT + 20);

    private static LibertyServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = LibertyServer.besideTheItServer("jwtauthMinimal", HTTP_PORT);
        Path dir = server.dir();
        try (InputStream serverXml = MinimalFeaturesIT.class.getResourceAsStream("/own-app/server-minimal.xml")) {
            Files.copy(serverXml, dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("bootstrap.properties"), "own.http.port=" + HTTP_PORT + "\nown.https.port=" + HTTPS_PORT + "\n");
        Path derby = dir.resolve("lib/derby");
        Files.createDirectories(derby);
        try (var jars = Files.list(LibertyServer.itServerDir().resolve("lib/derby"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, derby.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(dir.resolve("apps"));
        OwnApplicationIT.application().as(ZipExporter.class).exportTo(dir.resolve("apps/" + APP + ".war").toFile(), true);
        server.start(Duration.ofSeconds(240), APP);
    }

    @AfterAll
    static void stopServer() {
        if (server == null) {
            return;
        }
        server.close();
        assertEquals(List.of(), server.problems(), () -> "errors or warnings in " + server.dir().resolve("logs/messages.log"));
        assertTrue(server.log().contains("JWTAUTH0001I: the global settings"), () -> server.tail(40));
    }

    @Test
    void signInRefreshAndRefusalsWorkWithoutTheOptionalFeatures() {
        Http.Reply signedIn = Services.postJson(https("/" + APP + "/auth/credentials"),
                Services.signInBody(FirstUser.NAME, FirstUser.PASSWORD));
        assertEquals(200, signedIn.status(), signedIn::toString);
        String access = cookie(signedIn, "ss-tok");
        assertEquals(200, Http.get(https("/" + APP + "/api/notes"), "Cookie", "ss-tok=" + access).status());
        assertEquals(401, Http.get(https("/" + APP + "/api/notes"), "Authorization", "Bearer not-a-token").status());
        assertEquals(401, Services.postJson(https("/" + APP + "/auth/credentials"),
                Services.signInBody(FirstUser.NAME, "wrong")).status());
        Http.Reply refreshed = Services.post(https("/" + APP + "/access-token"), "Cookie", "ss-reftok=" + cookie(signedIn, "ss-reftok"));
        assertEquals(200, refreshed.status(), refreshed::toString);
    }

    @Test
    void theOptionalFeaturesEndpointsAreAbsent() {
        for (String path : List.of("/metrics", "/health/ready", "/openapi")) {
            assertEquals(404, Http.get(https(path)).status(), path);
        }
    }

    private static URI https(String path) {
        return URI.create("https://localhost:" + HTTPS_PORT + path);
    }
}
