package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jwt.SetBearerTokenOnAuthenticateResponse, and the token services switched off (jwt.IncludeConvertSessionToTokenService,
 * jwt.IncludeAccessTokenService): a switched-off service is a route that does not exist.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenServicesIT {
    private static final String APP = "services";
    private static final List<String> SWITCHED_OFF = List.of("/session-to-token", "/access-token", "/api/ConvertSessionToToken",
            "/api/GetAccessToken", "/json/reply/ConvertSessionToToken", "/json/reply/GetAccessToken");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.withConfig(APP, """
                jwt.AuthKeyBase64=%s
                jwt.SetBearerTokenOnAuthenticateResponse=true
                jwt.IncludeConvertSessionToTokenService=false
                jwt.IncludeAccessTokenService=false
                jwt.TenantResolver=header
                """.formatted(DemoTokens.DEMO_KEY));
    }

    @Test
    void aCookieSignInAlsoAnswersTheAccessTokenButNeverTheRefreshToken() {
        Http.Reply reply = signIn(APP, "alice", "jwtauth-demo");
        assertEquals(List.of("ss-tok,ss-reftok"), reply.header("X-Cookies"), "cookie mode as ever");
        String token = (String) reply.json().get("bearerToken");
        assertEquals(cookie(reply, "ss-tok"), token, "the body has the cookie's access token");
        assertNull(reply.json().get("refreshToken"), "the refresh token stays in its HttpOnly cookie");
        Http.Reply byBody = Http.get(Http.https(APP, "/user"), "Authorization", DemoTokens.bearer(token));
        assertEquals("alice", byBody.json().get("caller"), byBody::toString);
    }

    @Test
    void aSwitchedOffServiceAnswersAsARouteThatDoesNotExist() {
        String refreshToken = cookie(signIn(APP, "alice", "jwtauth-demo"), "ss-reftok");
        assertSameAsUnknownRoute(Http::https, "Cookie", "ss-reftok=" + refreshToken);
        assertSameAsUnknownRoute(Http::http, "Cookie", "ss-reftok=" + refreshToken);
        assertSameAsUnknownRoute(Http::https, "X-Tenant", "no-such-tenant");
        assertSameAsUnknownRoute(Http::https, "Authorization", "Bearer not-a-token");
    }

    @Test
    void theTransparentRefreshGoesOn() {
        String refreshToken = cookie(signIn(APP, "alice", "jwtauth-demo"), "ss-reftok");
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals("alice", reply.json().get("caller"), reply::toString);
        assertNotNull(setCookies(reply).get("ss-tok"), "a fresh ss-tok");
    }

    /** Each switched-off route answers what a path that never existed answers, with the same request headers. */
    private static void assertSameAsUnknownRoute(BiFunction<String, String, URI> scheme, String... headers) {
        Http.Reply unknown = postJson(scheme.apply(APP, "/no-such-route"), "{}", headers);
        assertEquals(404, unknown.status(), unknown::toString);
        for (String path : SWITCHED_OFF) {
            Http.Reply reply = postJson(scheme.apply(APP, path), "{}", headers);
            assertEquals(unknown.status(), reply.status(), () -> path + ": " + reply);
            assertEquals(unknown.header("Content-Type"), reply.header("Content-Type"), () -> path + ": " + reply);
            assertEquals(unknown.body(), reply.body(), () -> path + ": " + reply);
            assertEquals(List.of(), reply.header("Set-Cookie"), () -> path + " touches no cookie: " + reply);
        }
    }
}
