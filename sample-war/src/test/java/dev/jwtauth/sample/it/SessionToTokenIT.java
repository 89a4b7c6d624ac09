package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /session-to-token}: a sign-in kept in the HTTP session ({@code meta: {"ignore":"jwt"}}) becomes token
 * cookies, and the session ends unless {@code preserveSession}. Also the deployment-wide cookie and body settings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionToTokenIT {
    private static final String APP = "session";
    private static final String BODY_APP = "session-body";
    private static final String SPLIT_APP = "session-split";
    private static final String IGNORE_JWT = "\"meta\":{\"ignore\":\"jwt\"}";

    @Deployment(name = APP, testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    @Deployment(name = BODY_APP, testable = false)
    static WebArchive bodyMode() {
        return Services.withFixture(SampleArchive.withConfig(BODY_APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.UseTokenCookie=false\n"
                + "jwt.IncludeJwtInConvertSessionToTokenResponse=true\n"
                + "jwt.CookieSameSite=Strict\n"));
    }

    @Deployment(name = SPLIT_APP, testable = false)
    static WebArchive refreshTokenInTheBody() {
        return SampleArchive.withConfig(SPLIT_APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.UseRefreshTokenCookie=false\n");
    }

    @Test
    @OperateOnDeployment(SPLIT_APP)
    void withUseRefreshTokenCookieOffTheRefreshTokenStaysInTheBody() {
        Http.Reply reply = signIn(SPLIT_APP, "alice", "jwtauth-demo");
        assertEquals(List.of("ss-tok"), reply.header("X-Cookies"));
        assertTrue(!cookie(reply, "ss-tok").isEmpty());
        assertNull(setCookies(reply).get("ss-reftok"), "no ss-reftok cookie");
        assertNull(reply.json().get("bearerToken"), "the access token is in its cookie");
        assertEquals(86, ((String) reply.json().get("refreshToken")).length(), "the refresh token is in the body");
        Http.Reply both = signIn(SPLIT_APP, "alice", "jwtauth-demo", "\"useTokenCookie\":true");
        assertEquals(List.of("ss-tok,ss-reftok"), both.header("X-Cookies"), "a request asking for cookies gets both");
    }

    @Test
    @OperateOnDeployment(APP)
    void aSessionSignInBecomesTokenCookiesAndTheSessionEnds() {
        String session = sessionSignIn(APP);
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Cookie", session).status(), "the session authenticates");

        Http.Reply converted = Services.post(Http.https(APP, "/session-to-token"), "Cookie", session);
        assertEquals(200, converted.status(), converted::toString);
        assertEquals("{}", converted.body(), "no token in the body by default");
        Services.SetCookie ssTok = setCookies(converted).get("ss-tok");
        assertTrue(ssTok.has("HttpOnly") && ssTok.has("Secure"), ssTok::toString);
        Http.Reply byToken = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + ssTok.value());
        assertEquals("alice", byToken.json().get("caller"), byToken::toString);
        Http.Reply refreshed = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + cookie(converted, "ss-reftok"));
        assertEquals(200, refreshed.status(), "a refresh token came with it: " + refreshed);

        Http.Reply oldSession = Http.get(Http.https(APP, "/user"), "Cookie", session);
        assertEquals(401, oldSession.status(), "the session is gone: " + oldSession);
    }

    @Test
    @OperateOnDeployment(APP)
    void preserveSessionKeepsTheSession() {
        String session = sessionSignIn(APP);
        Http.Reply converted = postJson(Http.https(APP, "/api/ConvertSessionToToken"), "{\"preserveSession\":true}", "Cookie", session);
        assertEquals(200, converted.status(), converted::toString);
        assertTrue(!cookie(converted, "ss-tok").isEmpty());
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Cookie", session).status(), "the session still works");
    }

    @Test
    @OperateOnDeployment(APP)
    void aSignInThatIgnoresJwtIssuesNoTokens() {
        Http.Reply reply = postJson(Http.https(APP, "/auth/credentials"), signInBody("alice", "jwtauth-demo", IGNORE_JWT));
        assertEquals(200, reply.status(), reply::toString);
        assertNull(setCookies(reply).get("ss-tok"));
        assertNull(setCookies(reply).get("ss-reftok"));
        assertTrue(reply.header("X-Cookies").isEmpty());
        Http.Reply whoAmI = Http.get(Http.https(APP, "/auth"), "Cookie", sessionCookie(reply));
        assertEquals("alice", whoAmI.json().get("userName"), whoAmI::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void notSignedInIs401() {
        Http.Reply reply = Services.post(Http.https(APP, "/session-to-token"));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Unauthorized: Not Authenticated", reply.error());
        assertTrue(setCookies(reply).isEmpty());
    }

    @Test
    @OperateOnDeployment(APP)
    void aBearerTokenIsConvertedToTheCookie() {
        String token = (String) signIn(APP, "alice", "jwtauth-demo", "\"useTokenCookie\":false").json().get("bearerToken");
        Http.Reply reply = Services.post(Http.https(APP, "/session-to-token"), "Authorization", "Bearer " + token);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(token, cookie(reply, "ss-tok"));
    }

    @Test
    @OperateOnDeployment(APP)
    void aLockedUserKeepsNoSessionToConvert() {
        String name = Services.newUser(APP, "session-lock", "User");
        Http.Reply signedIn = postJson(Http.https(APP, "/auth/credentials"), signInBody(name, UserFixture.PASSWORD, IGNORE_JWT));
        Services.fixture(APP, name, "lock");
        Http.Reply reply = Services.post(Http.https(APP, "/session-to-token"), "Cookie", sessionCookie(signedIn));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("AuthenticationException: This account has been locked", reply.error());
    }

    @Test
    @OperateOnDeployment(BODY_APP)
    void withUseTokenCookieOffSignInAnswersInTheBodyUnlessTheRequestAsksForCookies() {
        Http.Reply body = signIn(BODY_APP, "alice", "jwtauth-demo");
        assertTrue(setCookies(body).isEmpty(), body::toString);
        assertTrue(body.json().get("bearerToken") instanceof String);
        Http.Reply cookies = signIn(BODY_APP, "alice", "jwtauth-demo", "\"useTokenCookie\":true");
        assertEquals(List.of("ss-tok,ss-reftok"), cookies.header("X-Cookies"));
        assertEquals("Strict", setCookies(cookies).get("ss-tok").attribute("SameSite").orElse(null), "jwt.CookieSameSite");
        assertNull(cookies.json().get("bearerToken"));
    }

    @Test
    @OperateOnDeployment(BODY_APP)
    void theTokenIsInTheConvertResponseWhenConfigured() {
        String session = sessionSignIn(BODY_APP);
        Http.Reply converted = Services.post(Http.https(BODY_APP, "/session-to-token"), "Cookie", session);
        assertEquals(200, converted.status(), converted::toString);
        assertEquals(cookie(converted, "ss-tok"), converted.json().get("accessToken"));
    }

    /** Signs alice in with a session instead of tokens; the session cookie to send. */
    private static String sessionSignIn(String app) {
        Http.Reply reply = postJson(Http.https(app, "/auth/credentials"), signInBody("alice", "jwtauth-demo", IGNORE_JWT));
        assertEquals(200, reply.status(), reply::toString);
        return sessionCookie(reply);
    }

    private static String sessionCookie(Http.Reply reply) {
        return "JSESSIONID=" + cookie(reply, "JSESSIONID");
    }
}
