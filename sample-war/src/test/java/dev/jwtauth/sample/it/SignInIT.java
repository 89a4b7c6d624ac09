package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in with the sample's defaults on a real Liberty and database: every provider and route form, cookie and body
 * modes, who-am-I, logout, lock-out, and the documented errors for bad credentials and bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {
    private static final String APP = "signin";
    private static final String DEMO_PASSWORD = "jwtauth-demo";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    @Test
    void credentialsSignInSetsHttpOnlySecureCookiesAndNoTokensInTheBody() {
        Http.Reply reply = signIn(APP, "alice", DEMO_PASSWORD);
        Map<String, Object> body = reply.json();
        assertEquals("alice", body.get("userName"));
        assertEquals("Alice Liddell", body.get("displayName"));
        assertEquals(List.of("User"), body.get("roles"));
        assertEquals("credentials", body.get("authProvider"));
        assertTrue(body.get("userId") instanceof String, "userId: " + body);
        assertNull(body.get("bearerToken"), "cookie mode keeps tokens out of the body");
        assertNull(body.get("refreshToken"));
        assertEquals(List.of("ss-tok,ss-reftok"), reply.header("X-Cookies"));

        Map<String, Services.SetCookie> cookies = setCookies(reply);
        for (String name : List.of("ss-tok", "ss-reftok")) {
            Services.SetCookie cookie = cookies.get(name);
            assertTrue(cookie != null && !cookie.value().isEmpty(), name + " set: " + reply.header("Set-Cookie"));
            assertTrue(cookie.has("HttpOnly"), name + " is HttpOnly: " + cookie);
            assertTrue(cookie.has("Secure"), name + " is Secure: " + cookie);
            assertEquals("Lax", cookie.attribute("SameSite").orElse(null), name + " SameSite: " + cookie);
            assertEquals("/", cookie.attribute("Path").orElse(null), name + " Path: " + cookie);
        }
        assertLivesFor(cookies.get("ss-tok"), Duration.ofDays(14));
        assertLivesFor(cookies.get("ss-reftok"), Duration.ofDays(90));
        assertEquals(86, cookies.get("ss-reftok").value().length(), "64 random bytes in Base64url");

        Http.Reply user = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + cookies.get("ss-tok").value());
        assertEquals(200, user.status(), user::toString);
        assertEquals("alice", user.json().get("caller"));
    }

    @Test
    void everyRouteAndProviderSignsIn() {
        String body = signInBody("alice", DEMO_PASSWORD);
        String withProvider = "{\"provider\":\"credentials\"," + body.substring(1);
        List<Http.Reply> replies = List.of(
                postJson(Http.https(APP, "/auth/credentials"), body),
                postJson(Http.https(APP, "/auth/login"), body),
                postJson(Http.https(APP, "/auth"), withProvider),
                postJson(Http.https(APP, "/api/Authenticate"), withProvider),
                postJson(Http.https(APP, "/json/reply/Authenticate"), withProvider),
                Http.postForm(Http.https(APP, "/auth/credentials"), "userName=alice&password=" + DEMO_PASSWORD));
        for (Http.Reply reply : replies) {
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("alice", reply.json().get("userName"), reply::toString);
            assertFalse(cookie(reply, "ss-tok").isEmpty());
        }
    }

    @Test
    void requestFieldNamesMatchRegardlessOfCaseAndUnknownFieldsAreIgnored() {
        Http.Reply reply = postJson(Http.https(APP, "/api/Authenticate"),
                "{\"Provider\":\"credentials\",\"UserName\":\"alice\",\"PASSWORD\":\"" + DEMO_PASSWORD
                        + "\",\"rememberMe\":true,\"state\":\"x\",\"nonce\":1,\"meta\":{\"k\":\"v\"}}");
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void basicSignInByProviderAndOnPostAuth() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/auth/basic", "/auth")) {
            Http.Reply reply = Services.post(Http.https(APP, path), "Authorization", basic);
            assertEquals(200, reply.status(), path + ": " + reply);
            assertEquals("basic", reply.json().get("authProvider"));
            assertEquals(List.of("Admin", "User"), reply.json().get("roles"));
            assertFalse(cookie(reply, "ss-tok").isEmpty());
        }
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        Http.Reply refused = Services.post(Http.https(APP, "/auth/basic"), "Authorization", wrong);
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("Unauthorized: Invalid Username or Password", refused.error());
    }

    @Test
    void bodyModeOnRequestReturnsTheTokensInsteadOfCookies() {
        Http.Reply reply = signIn(APP, "alice", DEMO_PASSWORD, "\"useTokenCookie\":false");
        Map<String, Object> body = reply.json();
        assertTrue(setCookies(reply).isEmpty(), "no cookies: " + reply.header("Set-Cookie"));
        assertTrue(reply.header("X-Cookies").isEmpty());
        String bearer = (String) body.get("bearerToken");
        assertEquals(3, bearer.split("\\.").length, "a JWS: " + bearer);
        assertEquals(86, ((String) body.get("refreshToken")).length());
        Instant expiry = Instant.parse((String) body.get("refreshTokenExpiry"));
        assertTrue(Duration.between(Instant.now(), expiry).minus(Duration.ofDays(90)).abs().toMinutes() < 5,
                "refresh token expiry 90 days ahead: " + expiry);
        Http.Reply user = Http.get(Http.https(APP, "/user"), "Authorization", "Bearer " + bearer);
        assertEquals(200, user.status(), user::toString);
    }

    @Test
    void signInByEmailRegardlessOfCase() {
        Http.Reply reply = signIn(APP, "Alice@Example.COM", DEMO_PASSWORD);
        assertEquals("alice", reply.json().get("userName"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswerAndNoCookies() {
        for (String user : List.of("alice", "nobody-" + System.nanoTime())) {
            Http.Reply reply = postJson(Http.https(APP, "/auth/credentials"), signInBody(user, "wrong-password"));
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("Unauthorized: Invalid Username or Password", reply.error());
            assertTrue(setCookies(reply).isEmpty(), "no cookies for a failed sign-in");
        }
    }

    @Test
    void aLockedOutUserCannotSignIn() {
        Http.Reply locked = postJson(Http.https(APP, "/auth/credentials"), signInBody("mallory", DEMO_PASSWORD));
        assertEquals(401, locked.status(), locked::toString);
        assertEquals("AuthenticationException: This account has been locked", locked.error());
        assertTrue(setCookies(locked).isEmpty());
        // a user of its own: wrong passwords count towards jwt.MaxLoginAttempts, and the database outlives test runs
        String name = Services.newUser(APP, "locked", "User");
        Services.fixture(APP, name, "lock");
        Http.Reply guessing = postJson(Http.https(APP, "/auth/credentials"), signInBody(name, "wrong-password"));
        assertEquals("Unauthorized: Invalid Username or Password", guessing.error(),
                "the lock-out is revealed only to someone who knows the password");
    }

    @Test
    void usersCreatedFromCodeSignInWithTheirRoles() {
        String name = Services.newUser(APP, "coded", "Admin");
        Http.Reply reply = signIn(APP, name, UserFixture.PASSWORD);
        assertEquals(List.of("Admin"), reply.json().get("roles"));
        Http.Reply admin = Http.get(Http.https(APP, "/admin"), "Cookie", "ss-tok=" + cookie(reply, "ss-tok"));
        assertEquals(200, admin.status(), admin::toString);
    }

    @Test
    void whoAmIAnswersForTheTokenWithoutIssuingOne() {
        String token = cookie(signIn(APP, "admin", DEMO_PASSWORD), "ss-tok");
        for (Http.Reply reply : List.of(Http.get(Http.https(APP, "/auth"), "Cookie", "ss-tok=" + token),
                postJson(Http.https(APP, "/auth"), "{}", "Authorization", "Bearer " + token),
                Http.get(Http.https(APP, "/api/Authenticate"), "Authorization", "Bearer " + token))) {
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("admin", reply.json().get("userName"));
            assertEquals("Ada Admin", reply.json().get("displayName"));
            assertEquals("jwt", reply.json().get("authProvider"));
            assertEquals(List.of("ManageUsers"), reply.json().get("permissions"));
            assertTrue(setCookies(reply).isEmpty(), "who-am-I issues no token: " + reply.header("Set-Cookie"));
            assertNull(reply.json().get("bearerToken"));
        }
        Http.Reply anonymous = Http.get(Http.https(APP, "/auth"));
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("Unauthorized: Not Authenticated", anonymous.error());
    }

    @Test
    void getSignInIsRefusedAndUnknownProvidersAreNotFound() {
        Http.Reply get = Http.get(Http.https(APP, "/auth/credentials?userName=alice"));
        assertEquals(405, get.status(), get::toString);
        assertTrue(get.error().startsWith("NotSupportedException: "), get::toString);
        assertTrue(setCookies(get).isEmpty());
        Http.Reply withPassword = Http.get(Http.https(APP, "/auth/credentials?userName=alice&password=" + DEMO_PASSWORD));
        assertEquals(400, withPassword.status(), () -> "a password in a URL is refused before anything else: " + withPassword);
        assertTrue(setCookies(withPassword).isEmpty());
        Http.Reply unknown = postJson(Http.https(APP, "/auth/twitter"), "{}");
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("NotFound: No configuration was added for OAuth provider 'twitter'", unknown.error());
    }

    @Test
    void logoutDeletesBothCookiesAndRevokesTheRefreshToken() {
        Http.Reply signedIn = signIn(APP, "alice", DEMO_PASSWORD);
        String cookies = "ss-tok=" + cookie(signedIn, "ss-tok") + "; ss-reftok=" + cookie(signedIn, "ss-reftok");
        for (String path : List.of("/auth/logout", "/api/AuthenticateLogout")) {
            Http.Reply logout = Services.post(Http.https(APP, path), "Cookie", cookies);
            assertEquals(200, logout.status(), logout::toString);
            assertEquals("{}", logout.body());
            Map<String, Services.SetCookie> deleted = setCookies(logout);
            for (String name : List.of("ss-tok", "ss-reftok")) {
                Services.SetCookie cookie = deleted.get(name);
                assertTrue(cookie != null && cookie.value().isEmpty(), name + " deleted: " + logout.header("Set-Cookie"));
                assertTrue(cookie.has("HttpOnly") && cookie.has("Secure"), "same attributes: " + cookie);
                assertTrue(cookie.attribute("Max-Age").map("0"::equals).orElse(false)
                        || cookie.attribute("Expires").map(SignInIT::isPast).orElse(false), "expired: " + cookie);
            }
        }
        Http.Reply refresh = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + cookie(signedIn, "ss-reftok"));
        assertEquals(401, refresh.status(), refresh::toString);
        assertEquals("TokenException: Token has been invalidated", refresh.error());
    }

    @Test
    void badInputIsAnswered4xxAndStoresNothing() {
        String name = Services.newUser(APP, "bad-input", "User");
        URI signIn = Http.https(APP, "/auth/credentials");
        assertBadRequest(postJson(signIn, "{\"userName\":\"" + name + "\",\"password\":"), 400, "SerializationException");
        assertBadRequest(postJson(signIn, "[\"" + name + "\"]"), 400, "SerializationException");
        assertBadRequest(postJson(signIn, "{\"userName\":5,\"password\":\"" + UserFixture.PASSWORD + "\"}"), 400, "SerializationException");
        assertBadRequest(postJson(signIn, signInBody(name, UserFixture.PASSWORD, "\"useTokenCookie\":\"maybe\"")), 400, "SerializationException");
        assertBadRequest(postJson(signIn, signInBody(name, UserFixture.PASSWORD, "\"meta\":[1]")), 400, "SerializationException");
        assertBadRequest(postJson(signIn, signInBody(name, UserFixture.PASSWORD, "\"userName\":\"twice\"")), 400, "SerializationException");
        assertBadRequest(postJson(signIn, signInBody(name, UserFixture.PASSWORD, "\"x\":\"" + "a".repeat(20_000) + "\"")), 413, "RequestEntityTooLarge");
        assertBadRequest(postJson(signIn, "{\"userName\":\"" + name + "\"}"), 400, "NotEmpty");
        assertBadRequest(Http.send(HttpRequest.newBuilder(signIn).POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})).header("Content-Type", "application/json")), 400, "SerializationException");
        assertEquals(0, Services.liveRefreshTokens(APP, name), "no refresh token was stored by refused requests");
        signIn(APP, name, UserFixture.PASSWORD);
        assertEquals(1, Services.liveRefreshTokens(APP, name), "the one good sign-in stored one");
    }

    @Test
    void everyServiceAnswersBadBodiesWith4xx() {
        for (String path : List.of("/auth", "/auth/credentials", "/auth/basic", "/auth/logout", "/access-token",
                "/session-to-token", "/api/Authenticate", "/api/AuthenticateLogout", "/api/ConvertSessionToToken",
                "/api/GetAccessToken", "/json/reply/GetAccessToken")) {
            URI uri = Http.https(APP, path);
            assertBadRequest(postJson(uri, "not json"), 400, "SerializationException");
            assertBadRequest(postJson(uri, "{\"x\":\"" + "a".repeat(20_000) + "\"}"), 413, "RequestEntityTooLarge");
            Http.Reply wrongTypes = postJson(uri, "{\"provider\":1,\"userName\":[],\"preserveSession\":\"x\",\"refreshToken\":2}");
            // 400 for the first field read with the wrong type; /auth/basic reads none and misses its header (401)
            assertEquals(path.equals("/auth/basic") ? 401 : 400, wrongTypes.status(), path + ": " + wrongTypes);
            wrongTypes.error();
            assertTrue(setCookies(wrongTypes).isEmpty() || path.contains("ogout"), path + " sets no token cookie: " + wrongTypes);
        }
    }

    /** The refusal names what was sent: credentials (a password, a refresh token), or a token. */
    @Test
    void everyServiceRefusesPlainHttp() {
        String bearer = DemoTokens.bearer(DemoTokens.demo().token(DemoTokens.ALICE));
        for (String path : List.of("/auth/credentials", "/auth", "/auth/logout", "/access-token", "/session-to-token",
                "/api/GetAccessToken", "/json/reply/Authenticate")) {
            Http.Reply reply = postJson(Http.http(APP, path), signInBody("alice", DEMO_PASSWORD));
            assertEquals(403, reply.status(), path + ": " + reply);
            assertEquals("Forbidden: Sending credentials over insecure connection forbidden when RequireSecureConnection=true",
                    reply.error(), path);
            assertTrue(setCookies(reply).isEmpty(), path + " sets no cookie");
            Http.Reply withToken = postJson(Http.http(APP, path), "{\"refreshToken\":\"x\"}", "Authorization", bearer);
            assertEquals(403, withToken.status(), path + ": " + withToken);
            assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true",
                    withToken.error(), path + " with a token");
        }
    }

    private static void assertBadRequest(Http.Reply reply, int status, String errorCode) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.error().startsWith(errorCode + ": "), "errorCode " + errorCode + ": " + reply);
        assertTrue(setCookies(reply).isEmpty(), "no cookies: " + reply);
    }

    private static void assertLivesFor(Services.SetCookie cookie, Duration lifetime) {
        Instant expires = cookie.attribute("Max-Age").map(s -> Instant.now().plusSeconds(Long.parseLong(s)))
                .orElseGet(() -> ZonedDateTime.parse(cookie.attribute("Expires").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        Duration off = Duration.between(Instant.now().plus(lifetime), expires).abs();
        assertTrue(off.toMinutes() < 5, cookie.name() + " lives " + lifetime + ": " + cookie);
    }

    private static boolean isPast(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(Instant.now());
    }
}
