package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every hook an application can implement, as CDI beans of a real application on Liberty ({@link HookFixtures}),
 * and the ad hoc API used from one of its resources ({@link AdHocResource}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HooksIT {
    private static final String APP = "hooks";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP)).addClasses(HookFixtures.class, AdHocResource.class);
    }

    @Test
    void headerAndPayloadFiltersShapeEveryTokenAndTheCallerFilterItsRoles() {
        String name = Services.newUser(APP, "gold-", "User");
        Map<String, Object> signedIn = signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json();
        String token = (String) signedIn.get("bearerToken");
        assertEquals("2", part(token, 0).get("ver"), "the header filter's parameter");
        assertEquals("gold", part(token, 1).get("plan"), "the payload filter's claim");
        assertEquals(200, Http.get(Http.https(APP, "/admin"), "Authorization", "Bearer " + token).status(),
                "the caller filter made a gold plan an Admin");
        assertEquals(part(token, 1).get("jti"), Http.get(Http.https(APP, "/it-adhoc/last-created")).json().get("jti"),
                "the listener saw the token");

        String refreshed = (String) postJson(Http.https(APP, "/access-token"),
                "{\"refreshToken\":\"" + signedIn.get("refreshToken") + "\"}").json().get("accessToken");
        assertEquals("gold", part(refreshed, 1).get("plan"), "refreshed tokens go through the filters too");
        assertEquals("2", part(refreshed, 0).get("ver"));
    }

    @Test
    void aPayloadFilterSetsAPerUserLifetime() {
        String name = Services.newUser(APP, "brief-", "User");
        Map<String, Object> claims = part((String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false")
                .json().get("bearerToken"), 1);
        assertEquals(120L, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
        Http.Reply cookies = signIn(APP, name, UserFixture.PASSWORD);
        String maxAge = Services.setCookies(cookies).get("ss-tok").attribute("Max-Age").orElseThrow();
        assertTrue(Long.parseLong(maxAge) <= 120, "the cookie lives as long as the token: " + maxAge);
    }

    @Test
    void aTokenValidatorRejectionIs403TokenIsInvalid() {
        String name = Services.newUser(APP, "banned-", "User");
        String token = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("bearerToken");
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + token);
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("Forbidden: Token is invalid", reply.error());
        Http.Reply publicPage = Http.get(Http.https(APP, "/public"), "Authorization", "Bearer " + token);
        assertEquals(200, publicPage.status());
        assertNull(publicPage.json().get("caller"), "a rejected token makes no caller");
    }

    @Test
    void aRefreshTokenValidatorRejectionIs400() {
        String name = Services.newUser(APP, "norefresh-", "User");
        Object refreshToken = signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        Http.Reply reply = postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}");
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("ArgumentException: RefreshToken is Invalid", reply.error());
    }

    @Test
    void theUserSourceSuppliesTheUserOfEveryRefresh() {
        String name = Services.newUser(APP, "plain-", "User");
        Object refreshToken = signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        String refreshed = (String) postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}")
                .json().get("accessToken");
        assertEquals(List.of("User", "FromSource"), part(refreshed, 1).get("roles"), "the source's user, not the store's");

        String gone = Services.newUser(APP, "gone-", "User");
        Object goneRefresh = signIn(APP, gone, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        Http.Reply refused = postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + goneRefresh + "\"}");
        assertEquals(400, refused.status(), "a user the source does not know: " + refused);
    }

    @Test
    void theAdHocApiAnswersLikeTheMechanism() {
        String name = Services.newUser(APP, "adhoc-", "User");
        Map<String, Object> issued = Services.post(Http.https(APP, "/it-adhoc/issue/" + name)).json();
        String accessToken = (String) issued.get("accessToken");
        Http.Reply user = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + accessToken);
        assertEquals(name, user.json().get("caller"), "a token created in code works: " + user);
        Http.Reply refreshed = postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + issued.get("refreshToken") + "\"}");
        assertEquals(200, refreshed.status(), "a refresh token created in code works: " + refreshed);

        Map<String, Object> current = Http.get(Http.https(APP, "/it-adhoc/current"), "Authorization", "Bearer " + accessToken).json();
        assertEquals(accessToken, current.get("token"));
        assertEquals(name, current.get("caller"));
        assertEquals(Map.of(), Http.get(Http.https(APP, "/it-adhoc/current")).json(), "no token, no caller");

        assertEquals(Boolean.TRUE, check(accessToken).get("valid"));
        assertEquals(part(accessToken, 1).get("sub"), check(accessToken).get("sub"));
        assertEquals(Boolean.FALSE, check(accessToken.substring(0, accessToken.length() - 2) + "xx").get("valid"), "tampered");
        String banned = Services.newUser(APP, "banned-", "User");
        String bannedToken = (String) signIn(APP, banned, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("bearerToken");
        assertEquals(Boolean.FALSE, check(bannedToken).get("valid"), "the application's validators count");
    }

    private static Map<String, Object> check(String token) {
        return Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-adhoc/check"))
                .POST(HttpRequest.BodyPublishers.ofString(token)).header("Content-Type", "text/plain")).json();
    }

    private static Map<String, Object> part(String token, int index) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new AssertionError(token, e);
        }
    }
}
