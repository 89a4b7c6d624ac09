package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.TokenUser;

/**
 * Refresh tokens with the sample's defaults: {@code /access-token} by body and by cookie, rotation of cookie
 * refresh tokens, concurrent refreshes, the user re-checked on every refresh, and the transparent refresh of a
 * request whose {@code ss-tok} is missing or expired.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshIT {
    private static final String APP = "refresh";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    @Test
    void aBodyRefreshTokenGetsAnAccessTokenInTheBodyAndIsNotRotated() {
        String name = Services.newUser(APP, "body", "User");
        String refreshToken = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        for (String path : List.of("/access-token", "/api/GetAccessToken", "/json/reply/GetAccessToken")) {
            Http.Reply reply = postJson(Http.https(APP, path), "{\"refreshToken\":\"" + refreshToken + "\",\"useTokenCookie\":false}");
            assertEquals(200, reply.status(), path + ": " + reply);
            assertTrue(setCookies(reply).isEmpty(), "body mode sets no cookie: " + reply.header("Set-Cookie"));
            String accessToken = (String) reply.json().get("accessToken");
            Http.Reply user = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + accessToken);
            assertEquals(200, user.status(), user::toString);
            assertEquals(name, user.json().get("caller"));
        }
    }

    @Test
    void aCookieRefreshTokenGetsAnSsTokCookieAndIsRotated() {
        String name = Services.newUser(APP, "cookie", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Http.Reply reply = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("{}", reply.body());
        String successor = cookie(reply, "ss-reftok");
        assertNotEquals(refreshToken, successor, "rotated");
        assertTrue(setCookies(reply).get("ss-reftok").has("HttpOnly"));
        Http.Reply user = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + cookie(reply, "ss-tok"));
        assertEquals(name, user.json().get("caller"), user::toString);
        Http.Reply next = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + successor);
        assertEquals(200, next.status(), "the successor works: " + next);
    }

    @Test
    void anExpiredAuthorizationHeaderDoesNotGetInTheWay() {
        String name = Services.newUser(APP, "expired-header", "User");
        String refreshToken = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(DemoTokens.ALICE);
        Http.Reply reply = postJson(Http.https(APP, "/api/GetAccessToken"), "{\"refreshToken\":\"" + refreshToken + "\"}",
                "Authorization", "Bearer " + expired);
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void accessTokenErrors() {
        Http.Reply missing = postJson(Http.https(APP, "/access-token"), "{}");
        assertEquals(400, missing.status(), missing::toString);
        assertEquals("ArgumentNullException: Value cannot be null. (Parameter 'refreshToken')", missing.error());
        assertTrue(missing.body().contains("\"fieldName\":\"refreshToken\""), missing::toString);
        for (String junk : List.of("abc", "x".repeat(86), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-ABCDEFGHIJKLMNOPQRSTUVWX",
                "eyJhbGciOiJIUzI1NiJ9.e30.x")) {
            Http.Reply reply = postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + junk + "\"}");
            assertEquals(400, reply.status(), junk + ": " + reply);
            assertEquals("ArgumentException: RefreshToken is Invalid", reply.error());
        }
        Http.Reply wrongType = postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":[1]}");
        assertEquals(400, wrongType.status(), wrongType::toString);
        Http.Reply badCookie = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=junk");
        assertEquals(400, badCookie.status(), badCookie::toString);
        assertEquals("", setCookies(badCookie).get("ss-reftok").value(), "a refused ss-reftok cookie is deleted");
    }

    @Test
    void everyRefreshRechecksTheUser() {
        String name = Services.newUser(APP, "recheck", "User");
        String refreshToken = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        String body = "{\"refreshToken\":\"" + refreshToken + "\"}";

        Services.fixture(APP, name, "roles", "User", "Admin");
        String promoted = (String) postJson(Http.https(APP, "/access-token"), body).json().get("accessToken");
        assertEquals(200, Http.get(Http.https(APP, "/admin"), "Authorization", "Bearer " + promoted).status(),
                "the new access token carries the roles of now");

        Services.fixture(APP, name, "lock");
        Http.Reply locked = postJson(Http.https(APP, "/access-token"), body);
        assertEquals(401, locked.status(), locked::toString);
        assertEquals("AuthenticationException: This account has been locked", locked.error());

        Services.fixture(APP, name, "unlock");
        assertEquals(200, postJson(Http.https(APP, "/access-token"), body).status(), "unlocked again");

        assertEquals(204, Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-users/" + name)).DELETE()).status());
        Http.Reply deleted = postJson(Http.https(APP, "/access-token"), body);
        assertEquals(400, deleted.status(), deleted::toString);
        assertEquals("ArgumentException: RefreshToken is Invalid", deleted.error(), "a deleted user's tokens are gone");
    }

    @Test
    void aUserHasOneRefreshTokenPerSignInAndLogoutRevokesOnlyItsOwn() {
        String name = Services.newUser(APP, "devices", "User");
        String phone = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        String laptop = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        assertEquals(2, Services.liveRefreshTokens(APP, name));
        Http.Reply logout = Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + phone);
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + phone).status());
        assertEquals(200, Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + laptop).status(),
                "the other device stays signed in");
    }

    @Test
    void concurrentRefreshesOfOneCookieAllSucceedWithOneRotation() throws Exception {
        String name = Services.newUser(APP, "tabs", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        int tabs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + refreshToken);
                }, pool));
            }
            start.countDown();
            List<String> successors = new ArrayList<>();
            for (CompletableFuture<Http.Reply> future : replies) {
                Http.Reply reply = future.get(60, TimeUnit.SECONDS);
                assertEquals(200, reply.status(), reply::toString);
                assertTrue(!cookie(reply, "ss-tok").isEmpty());
                if (setCookies(reply).containsKey("ss-reftok")) {
                    successors.add(cookie(reply, "ss-reftok"));
                }
            }
            assertEquals(1, successors.size(), "exactly one request rotated the refresh token: " + successors);
            assertEquals(200, Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + successors.get(0)).status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWithoutSsTokButWithAValidSsReftokIsServedAndGetsAFreshSsTok() {
        String name = Services.newUser(APP, "transparent", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(name, reply.json().get("caller"));
        Http.Reply again = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + cookie(reply, "ss-tok"));
        assertEquals(name, again.json().get("caller"), "the fresh ss-tok works on its own");
    }

    @Test
    void anExpiredSsTokCookieIsRefreshedOver() {
        String name = Services.newUser(APP, "expired-cookie", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(DemoTokens.ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + expired + "; ss-reftok=" + refreshToken);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(name, reply.json().get("caller"), "the refresh token's user, not the expired token's");
        assertTrue(!cookie(reply, "ss-tok").isEmpty());
    }

    @Test
    void noOtherTokenFailureFallsBackToTheRefreshCookie() {
        String name = Services.newUser(APP, "no-fallback", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        DemoTokens otherKey = DemoTokens.hmac("c2VjcmV0LWtleS1vZi1hLWRpZmZlcmVudC1pc3N1ZXItMTIzNDU2Nzg=", Duration.ZERO);
        String forged = otherKey.token(TokenUser.of("1", List.of("Admin"), List.of()));
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(DemoTokens.ALICE);
        for (String[] headers : List.of(
                new String[] {"Cookie", "ss-tok=" + forged + "; ss-reftok=" + refreshToken},
                new String[] {"Authorization", "Bearer " + forged, "Cookie", "ss-reftok=" + refreshToken},
                new String[] {"Authorization", "Bearer " + expired, "Cookie", "ss-reftok=" + refreshToken})) {
            Http.Reply reply = Http.get(Http.https(APP, "/user"), headers);
            assertEquals(401, reply.status(), reply::toString);
            assertTrue(reply.error().startsWith("TokenException: "), reply::toString);
            Services.SetCookie ssTok = setCookies(reply).get("ss-tok");
            assertTrue(ssTok == null || ssTok.value().isEmpty(), "no fresh ss-tok for a refused token: " + ssTok);
        }
    }

    @Test
    void aRevokedRefreshCookieIsDeletedAndTheRequestIsAnonymous() {
        String name = Services.newUser(APP, "revoked", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + refreshToken);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Unauthorized: Not Authenticated", reply.error());
        assertEquals("", setCookies(reply).get("ss-reftok").value(), "the dead refresh cookie is deleted");
        Http.Reply publicPage = Http.get(Http.https(APP, "/public"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, publicPage.status(), publicPage::toString);
        assertNull(publicPage.json().get("caller"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
