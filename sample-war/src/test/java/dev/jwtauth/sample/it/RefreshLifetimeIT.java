package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh-token lifetimes in seconds instead of days, with the real clock: expiry, sliding expiry under the
 * absolute cap, and reuse detection once the grace period after a rotation is over.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshLifetimeIT {
    private static final String APP = "refresh-lifetime";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.ExpireRefreshTokensIn=PT3S\n"
                + "jwt.ExtendRefreshTokenExpiryAfterUsage=PT3S\n"
                + "jwt.MaxRefreshTokenLifetime=PT7S\n"
                + "jwt.RefreshTokenReuseGracePeriod=PT1S\n"));
    }

    @Test
    void aRefreshTokenExpires() {
        String name = Services.newUser(APP, "expiry", "User");
        String body = refreshBody(name);
        sleep(Duration.ofMillis(3300));
        Http.Reply reply = postJson(Http.https(APP, "/access-token"), body);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token has expired", reply.error());
    }

    @Test
    void eachUseExtendsTheExpiryButNotPastTheCap() {
        String name = Services.newUser(APP, "sliding", "User");
        String body = refreshBody(name);
        // Used every 2 s, a token that expires 3 s after its last use lives on — until 7 s after sign-in.
        for (int use = 1; use <= 3; use++) {
            sleep(Duration.ofSeconds(2));
            Http.Reply reply = postJson(Http.https(APP, "/access-token"), body);
            assertEquals(200, reply.status(), "use " + use + " at " + 2 * use + " s: " + reply);
        }
        sleep(Duration.ofMillis(1300));
        Http.Reply capped = postJson(Http.https(APP, "/access-token"), body);
        assertEquals(401, capped.status(), "7.3 s after sign-in, past the cap: " + capped);
        assertEquals("TokenException: Token has expired", capped.error());
    }

    @Test
    void aRotatedTokenUsedAfterTheGracePeriodRevokesItsWholeFamily() {
        String name = Services.newUser(APP, "reuse", "User");
        String stolen = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Http.Reply rotated = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + stolen);
        String successor = cookie(rotated, "ss-reftok");
        sleep(Duration.ofMillis(1500));
        Http.Reply replay = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + stolen);
        assertEquals(401, replay.status(), replay::toString);
        assertEquals("TokenException: Token has been invalidated", replay.error());
        Http.Reply legitimate = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + successor);
        assertEquals(401, legitimate.status(), "the family is revoked, the successor too: " + legitimate);
        assertEquals("TokenException: Token has been invalidated", legitimate.error());
    }

    private static String refreshBody(String name) {
        String refreshToken = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        return "{\"refreshToken\":\"" + refreshToken + "\"}";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
