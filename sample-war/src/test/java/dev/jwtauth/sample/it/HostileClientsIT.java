package dev.jwtauth.sample.it;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What jwtauth refuses from a client that sends more than one credential, smuggles text through a token into a
 * response header, or shares a cache between tenants.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileClientsIT {
    private static final String APP = "hostile";
    private static final String SINGLE = "hostile-single";
    private static final String OWN_RESOLVER = "hostile-resolver";
    private static final String AMBIGUOUS = "TokenException: More than one token was sent: ";
    private static final String CROSS_SITE = "Forbidden: Cross-site request refused: its origin is not allowed (jwt.AllowedOrigins)";
    private static final String EVIL = "https://evil.example";
    private static final String FRIEND = "https://app.example.com";

    @Deployment(name = APP, testable = false)
    static WebArchive sample() {
        WebArchive war = SampleArchive.asBuilt(APP);
        return Services.withFixture(SampleArchive.withConfig(APP, SampleArchive.config(war) + "\njwt.AllowedOrigins=" + FRIEND + "\n"));
    }

    /** No tenants: the sample's globex key pair as the only one (RS256, so the key set is not empty). */
    @Deployment(name = SINGLE, testable = false)
    static WebArchive single() {
        String globexKey = SampleArchive.config(SampleArchive.asBuilt(SINGLE)).lines()
                .filter(line -> line.startsWith("jwt.tenant.globex.PrivateKeyPem=")).findFirst().orElseThrow()
                .substring("jwt.tenant.globex.".length());
        return SampleArchive.withConfig(SINGLE, "jwt.HashAlgorithm=RS256\njwt." + globexKey + "\n");
    }

    @Deployment(name = OWN_RESOLVER, testable = false)
    static WebArchive ownResolver() {
        return SampleArchive.asBuilt(OWN_RESOLVER).addClass(OrganisationResolver.class);
    }

    @Test
    @OperateOnDeployment(APP)
    void twoBearerTokensAreRefusedWhicheverComesFirst() {
        String valid = DemoTokens.bearer(DemoTokens.demo().token(DemoTokens.ALICE));
        String forged = DemoTokens.bearer(DemoTokens.hmac("c2VjcmV0LWtleS1vZi1hLWRpZmZlcmVudC1pc3N1ZXItMTIzNDU2Nzg=",
                Duration.ZERO).token(DemoTokens.ADMIN));
        for (List<String> order : List.of(List.of(valid, forged), List.of(forged, valid))) {
            Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", order.get(0), "Authorization", order.get(1));
            assertEquals(401, reply.status(), reply::toString);
            assertEquals(AMBIGUOUS + "Authorization headers", reply.error());
        }
        Http.Reply same = Http.get(Http.https(APP, "/user"), "Authorization", valid, "Authorization", valid);
        assertEquals(200, same.status(), () -> "the same token twice is one token: " + same);
    }

    @Test
    @OperateOnDeployment(APP)
    void twoDifferentTokenCookiesAreRefusedAndNeitherIsDeleted() {
        String alice = DemoTokens.demo().token(DemoTokens.ALICE);
        String admin = DemoTokens.demo().token(DemoTokens.ADMIN);
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Cookie", "ss-tok=" + alice + "; ss-tok=" + admin);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(AMBIGUOUS + "cookies", reply.error());
        assertFalse(Services.setCookies(reply).containsKey("ss-tok"),
                () -> "deleting one would leave the other in charge: " + reply.header("Set-Cookie"));
    }

    /** Header {@code alg} values no client can carry in a response header, written as JSON escapes. */
    @ParameterizedTest
    @ValueSource(strings = {"HS256\\u0000", "HS256\\u000b", "HS\\u0100256", "HS256\\r\\nX-Injected: yes", "HS256\\\"x"})
    @OperateOnDeployment(APP)
    void nothingATokenSaysReachesAResponseHeader(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        String token = base64url(header) + "." + base64url("{\"sub\":\"42\",\"exp\":4102444800}") + ".c2lnbmF0dXJl";
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", DemoTokens.bearer(token));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException", reply.error().substring(0, reply.error().indexOf(':')), reply::toString);
        assertEquals(List.of("Bearer error=\"invalid_token\", error_description=\"Token algorithm is not supported\""),
                reply.header("WWW-Authenticate"));
        assertTrue(reply.header("X-Injected").isEmpty(), reply::toString);
        reply.headers().forEach((name, values) -> values.forEach(value -> assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                () -> name + ": " + value)));
    }

    /** Headers a client can send to claim TLS it did not use: proxies' and Liberty's own private ones. */
    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-Proto: https", "Forwarded: proto=https", "X-Forwarded-Ssl: on", "$WSIS: true",
            "$WSSC: https"})
    @OperateOnDeployment(APP)
    void plainHttpStaysPlainWhateverTheClientClaims(String claim) {
        String name = claim.substring(0, claim.indexOf(':'));
        String value = claim.substring(claim.indexOf(':') + 1).strip();
        Http.Reply user = Http.get(Http.http(APP, "/user"), "Authorization", DemoTokens.bearer(DemoTokens.demo().token(DemoTokens.ALICE)),
                name, value);
        assertEquals(403, user.status(), user::toString);
        assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true", user.error());
        Http.Reply publicPage = Http.get(Http.http(APP, "/public"), name, value);
        assertEquals(Boolean.FALSE, publicPage.json().get("secure"), publicPage::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void aSessionSignInIsSecureOnlyAndNotServedOverPlainHttp() {
        Http.Reply signIn = Services.postJson(Http.https(APP, "/auth/credentials"),
                Services.signInBody("alice", "jwtauth-demo", "\"meta\":{\"ignore\":\"jwt\"}"));
        assertEquals(200, signIn.status(), signIn::toString);
        Services.SetCookie session = Services.setCookies(signIn).get("JSESSIONID");
        assertTrue(session != null && session.has("Secure") && session.has("HttpOnly"), () -> "JSESSIONID: " + session);
        String cookie = "JSESSIONID=" + session.value();
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Cookie", cookie).status(), "the session works over TLS");
        Http.Reply cleartext = Http.get(Http.http(APP, "/user"), "Cookie", cookie);
        assertEquals(403, cleartext.status(), cleartext::toString);
        assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true", cleartext.error());
    }

    /** What a browser sends with a request another site's page made: a link, a form, a script. */
    private static final List<List<String>> CROSS_SITE_BROWSERS = List.of(
            List.of("Sec-Fetch-Site", "cross-site"),
            List.of("Origin", EVIL),
            List.of("Origin", "null"),
            List.of("Referer", EVIL + "/page"),
            List.of("Sec-Fetch-Site", "same-site"));

    @Test
    @OperateOnDeployment(APP)
    void anotherSitesLinkOrFormCannotSignTheBrowserOut() {
        for (String route : List.of("/auth/logout", "/api/AuthenticateLogout", "/json/reply/AuthenticateLogout", "/auth?provider=logout")) {
            for (List<String> browser : CROSS_SITE_BROWSERS) {
                String refreshToken = signedInRefreshCookie();
                Http.Reply get = Http.get(Http.https(APP, route), "Cookie", "ss-reftok=" + refreshToken, browser.get(0), browser.get(1));
                // a POST's provider comes from its body, so /auth?provider=logout is a logout by GET only
                List<Http.Reply> replies = route.contains("?") ? List.of(get) : List.of(get,
                        Services.post(Http.https(APP, route), "Cookie", "ss-reftok=" + refreshToken, browser.get(0), browser.get(1)));
                for (Http.Reply reply : replies) {
                    assertEquals(403, reply.status(), () -> route + " " + browser + ": " + reply);
                    assertEquals(CROSS_SITE, reply.error());
                    assertFalse(Services.setCookies(reply).containsKey("ss-reftok"), reply::toString);
                }
                assertEquals(200, refresh(refreshToken).status(), () -> route + " " + browser + ": still signed in");
            }
        }
        String sameOrigin = signedInRefreshCookie();
        Http.Reply logout = Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + sameOrigin,
                "Origin", "https://localhost:" + Http.HTTPS_PORT, "Sec-Fetch-Site", "same-origin");
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, refresh(sameOrigin).status(), "the site's own page signs out");
    }

    @Test
    @OperateOnDeployment(APP)
    void anotherSiteCannotSignTheBrowserIn() {
        String form = "userName=alice&password=jwtauth-demo";
        for (List<String> browser : CROSS_SITE_BROWSERS) {
            Http.Reply reply = Http.postForm(Http.https(APP, "/auth/credentials"), form, browser.get(0), browser.get(1));
            assertEquals(403, reply.status(), () -> browser + ": " + reply);
            assertEquals(CROSS_SITE, reply.error());
            assertTrue(Services.setCookies(reply).isEmpty(), reply::toString);
        }
        Http.Reply friend = Http.postForm(Http.https(APP, "/auth/credentials"), form, "Origin", FRIEND);
        assertEquals(200, friend.status(), () -> "jwt.AllowedOrigins: " + friend);
        Http.Reply own = Http.postForm(Http.https(APP, "/auth/credentials"), form, "Origin", "https://localhost:" + Http.HTTPS_PORT);
        assertEquals(200, own.status(), own::toString);
        Http.Reply bodyMode = Services.postJson(Http.https(APP, "/auth/credentials"),
                Services.signInBody("alice", "jwtauth-demo", "\"useTokenCookie\":false"), "Origin", EVIL);
        assertEquals(200, bodyMode.status(), () -> "tokens in the body set no cookie, so any origin may: " + bodyMode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/auth/login", "/auth/credentials", "/api/Authenticate", "/access-token", "/session-to-token"})
    @OperateOnDeployment(APP)
    void jsonSentAsTextPlainIsRefused(String route) {
        Http.Reply reply = Http.send(HttpRequest.newBuilder(Http.https(APP, route))
                .POST(HttpRequest.BodyPublishers.ofString(
                        Services.signInBody("alice", "jwtauth-demo", "\"provider\":\"credentials\"")))
                .header("Content-Type", "text/plain"));
        assertEquals(415, reply.status(), reply::toString);
        assertTrue(reply.error().startsWith("NotSupportedException: The request body must be JSON"), reply::toString);
        assertTrue(Services.setCookies(reply).isEmpty(), reply::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void anotherSitesPostCannotActWithTheBrowsersCookies() {
        String ssTok = Services.cookie(Services.signIn(APP, "alice", "jwtauth-demo"), "ss-tok");
        for (List<String> browser : CROSS_SITE_BROWSERS) {
            Http.Reply reply = Http.postForm(Http.https(APP, "/user"), "x=1", "Cookie", "ss-tok=" + ssTok, browser.get(0), browser.get(1));
            assertEquals(403, reply.status(), () -> browser + ": " + reply);
            assertEquals(CROSS_SITE, reply.error());
        }
        assertEquals(200, Http.postForm(Http.https(APP, "/user"), "x=1", "Cookie", "ss-tok=" + ssTok, "Origin", FRIEND).status());
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + ssTok, "Sec-Fetch-Site", "cross-site").status(),
                "a safe request may come from anywhere: the browser keeps the answer from the other site");
        assertEquals(200, Http.postForm(Http.https(APP, "/user"), "x=1", "Authorization", "Bearer " + ssTok, "Origin", EVIL).status(),
                "a bearer header is no browser credential: another site cannot make a browser send it");
    }

    @Test
    @OperateOnDeployment(APP)
    void aPasswordOrRefreshTokenInTheUrlIsRefused() {
        for (String url : List.of("/auth/credentials?password=jwtauth-demo", "/auth/credentials?Password=x&userName=alice",
                "/access-token?refreshToken=x", "/auth/logout?refreshtoken=x")) {
            Http.Reply form = Http.postForm(Http.https(APP, url), "userName=alice&password=jwtauth-demo");
            assertEquals(400, form.status(), () -> url + ": " + form);
            assertEquals("ArgumentException: Credentials belong in the request body, never in the URL", form.error());
            assertTrue(Services.setCookies(form).isEmpty(), form::toString);
        }
        Http.Reply get = Http.get(Http.https(APP, "/auth/logout?refreshToken=" + signedInRefreshCookie()));
        assertEquals(400, get.status(), get::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void aFormBodyIsHeldToTheSameSizeAsJson() {
        Http.Reply reply = Http.postForm(Http.https(APP, "/auth/credentials"),
                "userName=alice&password=jwtauth-demo&padding=" + "x".repeat(20_000));
        assertEquals(413, reply.status(), reply::toString);
        assertTrue(reply.error().startsWith("RequestEntityTooLarge: "), reply::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void aNewPasswordEndsEveryRefreshTokenOfTheUser() {
        String name = Services.newUser(APP, "new-password", "User");
        String laptop = Services.cookie(Services.signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        String phone = Services.cookie(Services.signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Http.Reply changed = Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-users/" + name + "/password"))
                .POST(HttpRequest.BodyPublishers.ofString("a-new-password")).header("Content-Type", "text/plain"));
        assertEquals(204, changed.status(), changed::toString);
        for (String refreshToken : List.of(laptop, phone)) {
            Http.Reply refused = refresh(refreshToken);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("TokenException: Token has been invalidated", refused.error());
        }
        assertEquals(200, Services.postJson(Http.https(APP, "/auth/credentials"), Services.signInBody(name, "a-new-password")).status());
    }

    private static String signedInRefreshCookie() {
        return Services.cookie(Services.signIn(APP, "alice", "jwtauth-demo"), "ss-reftok");
    }

    private static Http.Reply refresh(String refreshToken) {
        return Services.postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    @Test
    @OperateOnDeployment(APP)
    void theKeySetTellsSharedCachesThatTheTenantHeaderChoosesIt() {
        Http.Reply globex = Http.get(Http.https(APP, "/.well-known/jwks.json"), "X-Tenant", "globex");
        assertEquals(200, globex.status(), globex::toString);
        assertEquals(List.of("public, max-age=3600"), globex.header("Cache-Control"));
        assertEquals(List.of("X-Tenant"), globex.header("Vary"), globex::toString);
    }

    @Test
    @OperateOnDeployment(SINGLE)
    void withoutTenantsTheKeySetIsOneForEveryone() {
        Http.Reply reply = Http.get(Http.https(SINGLE, "/.well-known/jwks.json"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("public, max-age=3600"), reply.header("Cache-Control"));
        assertTrue(reply.header("Vary").isEmpty(), reply::toString);
        assertEquals(1, ((List<?>) reply.json().get("keys")).size(), reply::toString);
    }

    @Test
    @OperateOnDeployment(OWN_RESOLVER)
    void anApplicationsResolverKeepsTheKeySetOutOfSharedCaches() {
        Http.Reply reply = Http.get(Http.https(OWN_RESOLVER, "/.well-known/jwks.json"), "X-Organisation", "org-2");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("private, max-age=3600"), reply.header("Cache-Control"));
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
