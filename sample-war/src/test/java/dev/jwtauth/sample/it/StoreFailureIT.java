package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database behind the refresh tokens fails (its table is renamed away for the length of a test): every token
 * service answers 503 with the documented {@code responseStatus}, nothing of the database's words reaches the
 * client, the server log says what happened, the client's refresh cookie is kept — and once the database is back,
 * the same refresh token works, so nothing was lost.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreFailureIT {
    private static final String APP = "store-failure";
    /** What a database's message names: none of it may reach a client. */
    private static final List<String> INTERNALS = List.of("exception", "eclipselink", "sql", "jwtauth_refresh", "derby",
            "postgres", "table", "internal", "stack");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP)).addClass(StoreFixture.class);
    }

    @Test
    void everyTokenServiceAnswers503WhileTheStoreIsDownAndNothingIsLost() {
        String name = Services.newUser(APP, "store-down", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        ServerLog log = ServerLog.mark();
        List<Http.Reply> replies = whileBroken(() -> List.of(
                Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + refreshToken),
                Services.postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}"),
                Http.get(Http.https(APP, "/user"), "Cookie", "ss-reftok=" + refreshToken),
                Services.postJson(Http.https(APP, "/auth/credentials"), Services.signInBody(name, UserFixture.PASSWORD)),
                Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + refreshToken)));
        for (Http.Reply reply : replies) {
            assertEquals(503, reply.status(), reply::toString);
            assertEquals("ServiceUnavailable: The user store is unavailable; try again later", reply.error());
            assertEquals(List.of("5"), reply.header("Retry-After"), reply::toString);
            String body = reply.body().toLowerCase(Locale.ROOT);
            INTERNALS.forEach(word -> assertFalse(body.replace("serviceunavailable", "").contains(word),
                    () -> "'" + word + "' in " + reply));
            Services.SetCookie refresh = setCookies(reply).get("ss-reftok");
            assertTrue(refresh == null || !refresh.value().isEmpty(), () -> "the refresh cookie is kept: " + reply);
        }
        assertTrue(log.since().contains("JWTAUTH0103E"), () -> "the failure is in the server log:\n" + log.since());

        Http.Reply afterwards = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, afterwards.status(), () -> "the refresh token outlived the outage: " + afterwards);
    }

    private static <T> T whileBroken(Supplier<T> requests) {
        assertEquals(204, Services.post(Http.https(APP, "/it-store/break")).status());
        try {
            return requests.get();
        } finally {
            assertEquals(204, Services.post(Http.https(APP, "/it-store/mend")).status());
        }
    }
}
