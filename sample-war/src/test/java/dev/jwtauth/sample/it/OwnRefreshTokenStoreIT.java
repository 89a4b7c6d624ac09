package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that keeps refresh tokens in a store of its own ({@link MemoryRefreshTokenStore}, a
 * {@code RefreshTokenStore} bean): jwtauth uses it instead of its table, and its refresh policy holds over it —
 * rotation, reuse detection revoking the family, logout — in a sequence, as a client lives through it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OwnRefreshTokenStoreIT {
    private static final String APP = "own-store";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.RefreshTokenReuseGracePeriod=PT0S\n")).addClass(MemoryRefreshTokenStore.class);
    }

    @Test
    void signInRotationReuseAndLogoutGoThroughTheApplicationsStore() {
        String name = Services.newUser(APP, "own-store", "User");
        String phone = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        assertEquals(1, liveInOwnStore(name), "the sign-in's refresh token is in the application's store");
        assertEquals(0, Services.liveRefreshTokens(APP, name), "and not in jwtauth's table");

        Http.Reply refreshed = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + phone);
        assertEquals(200, refreshed.status(), refreshed::toString);
        String successor = cookie(refreshed, "ss-reftok");
        assertNotEquals(phone, successor, "rotated in the application's store");
        assertEquals(1, liveInOwnStore(name), "the successor is the one live token");

        Http.Reply replay = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + phone);
        assertEquals(401, replay.status(), () -> "a replaced token presented again is reuse: " + replay);
        Http.Reply afterReuse = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + successor);
        assertEquals(401, afterReuse.status(), () -> "reuse revoked the family, the successor too: " + afterReuse);
        assertEquals("TokenException: Token has been invalidated", afterReuse.error());

        String laptop = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        assertEquals(1, liveInOwnStore(name));
        assertEquals(200, Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + laptop).status());
        assertEquals(0, liveInOwnStore(name), "logout revoked it in the application's store");
        assertEquals(401, Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + laptop).status());
    }

    @Test
    void signingOutEverywhereRevokesInTheApplicationsStore() {
        String name = Services.newUser(APP, "own-everywhere", "User");
        String phone = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Http.Reply laptop = signIn(APP, name, UserFixture.PASSWORD);
        assertEquals(2, liveInOwnStore(name));
        Http.Reply out = Services.postJson(Http.https(APP, "/auth/logout"), "{\"everywhere\":true}",
                "Cookie", "ss-tok=" + cookie(laptop, "ss-tok"));
        assertEquals(200, out.status(), out::toString);
        assertEquals(0, liveInOwnStore(name), "every device's token revoked in the application's store");
        Http.Reply refused = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + phone);
        assertEquals("TokenException: Token has been invalidated", refused.error());
    }

    private static long liveInOwnStore(String name) {
        Http.Reply reply = Http.get(Http.https(APP, "/it-memory-store/" + name));
        assertEquals(200, reply.status(), reply::toString);
        return Long.parseLong(reply.body().strip());
    }
}
