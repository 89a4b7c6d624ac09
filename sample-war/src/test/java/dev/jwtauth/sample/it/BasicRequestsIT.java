package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jwt.AuthenticateBasicRequests}: HTTP Basic credentials on an ordinary request authenticate it, as
 * ServiceStack's Basic provider does — checked as a sign-in is (throttle, lock-out, the same 401 and 429), served
 * without a token being sent, refused over plain HTTP and from other sites. Off by default.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BasicRequestsIT {
    private static final String APP = "basic-requests";
    private static final String OFF = "basic-off";
    private static final int PER_USER_NAME = 2;

    @Deployment(name = APP, testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.PasswordHashIterations=1024\n"
                + "jwt.AuthenticateBasicRequests=true\n"
                + "jwt.LoginFailuresPerMinutePerAddress=0\n"
                + "jwt.LoginFailuresPerMinutePerUserName=" + PER_USER_NAME + "\n"));
    }

    @Deployment(name = OFF, testable = false)
    static WebArchive asBuilt() {
        return SampleArchive.asBuilt(OFF);
    }

    @Test
    @OperateOnDeployment(APP)
    void basicCredentialsAuthenticateTheRequestAndNoTokenIsSent() {
        Http.Reply me = Http.get(Http.https(APP, "/user"), "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals(200, me.status(), me::toString);
        assertEquals("alice", me.json().get("caller"));
        assertEquals("alice@example.com", me.json().get("email"), "the claims a sign-in's token would carry");
        assertTrue(setCookies(me).isEmpty(), () -> "no cookie: " + me);
        assertTrue(me.header("X-Cookies").isEmpty());
        assertEquals(403, Http.get(Http.https(APP, "/admin"), "Authorization", basic("alice", "jwtauth-demo")).status());
        assertEquals(200, Http.get(Http.https(APP, "/servlet/admin"), "Authorization", basic("admin", "jwtauth-demo")).status(),
                "a servlet security constraint: the container logs the caller in");

        Http.Reply whoAmI = Http.get(Http.https(APP, "/auth"), "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals("basic", whoAmI.json().get("authProvider"), whoAmI::toString);
        assertNull(whoAmI.json().get("bearerToken"));
    }

    @Test
    @OperateOnDeployment(APP)
    void wrongCredentialsAreRefusedAsASignInIsAndOnlyWhereACallerIsNeeded() {
        String name = Services.newUser(APP, "basic-wrong", "User");
        Http.Reply wrong = Http.get(Http.https(APP, "/user"), "Authorization", basic(name, "wrong"));
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("Unauthorized: Invalid Username or Password", wrong.error());
        assertEquals(List.of("Bearer"), wrong.header("WWW-Authenticate"));
        Http.Reply unknown = Http.get(Http.https(APP, "/user"), "Authorization", basic("nobody-at-all", "wrong"));
        assertEquals("Unauthorized: Invalid Username or Password", unknown.error());
        // (not a header that is not Base64, or has no colon: Liberty itself then fails its audit record of the refusal
        // with a 500, whatever the mechanism answered — with or without this setting)
        Http.Reply malformed = Http.get(Http.https(APP, "/user"), "Authorization", basic("", "no user name"));
        assertEquals(401, malformed.status(), malformed::toString);
        assertEquals("Unauthorized: Invalid BasicAuth Credentials", malformed.error());
        Http.Reply locked = Http.get(Http.https(APP, "/user"), "Authorization", basic("mallory", "jwtauth-demo"));
        assertEquals(401, locked.status(), locked::toString);
        assertEquals("AuthenticationException: This account has been locked", locked.error());

        Http.Reply open = Http.get(Http.https(APP, "/public"), "Authorization", basic(name, "wrong"));
        assertEquals(200, open.status(), () -> "a resource that needs no caller is served anonymously: " + open);
        assertNull(open.json().get("caller"));
    }

    @Test
    @OperateOnDeployment(APP)
    void failuresAreThrottledWithTheSignIns() {
        String name = Services.newUser(APP, "basic-throttled", "User");
        for (int i = 0; i < PER_USER_NAME; i++) {
            assertEquals(401, Http.get(Http.https(APP, "/user"), "Authorization", basic(name, "guess-" + i)).status());
        }
        Http.Reply throttled = Http.get(Http.https(APP, "/user"), "Authorization", basic(name, UserFixture.PASSWORD));
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("TooManyRequests: Too many failed sign-ins; try again later", throttled.error());
        assertFalse(throttled.header("Retry-After").isEmpty());
        Http.Reply signIn = Services.postJson(Http.https(APP, "/auth/credentials"), Services.signInBody(name, UserFixture.PASSWORD));
        assertEquals(429, signIn.status(), () -> "one throttle for Basic requests and sign-ins: " + signIn);
    }

    @Test
    @OperateOnDeployment(APP)
    void aPasswordIsNotLookedAtOverPlainHttpNorFromAnotherSite() {
        Http.Reply plain = Http.get(Http.http(APP, "/user"), "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals(403, plain.status(), plain::toString);
        assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true", plain.error());
        Http.Reply crossSite = Http.postForm(Http.https(APP, "/user"), "x=1", "Authorization", basic("alice", "jwtauth-demo"),
                "Origin", "https://evil.example");
        assertEquals(403, crossSite.status(), crossSite::toString);
        assertEquals("Forbidden: Cross-site request refused: its origin is not allowed (jwt.AllowedOrigins)", crossSite.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void basicCredentialsBecomeTokenCookiesAtSessionToToken() {
        Http.Reply converted = Services.post(Http.https(APP, "/session-to-token"), "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals(200, converted.status(), converted::toString);
        Http.Reply byCookie = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + cookie(converted, "ss-tok"));
        assertEquals("alice", byCookie.json().get("caller"), byCookie::toString);
        Http.Reply refreshed = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + cookie(converted, "ss-reftok"));
        assertEquals(200, refreshed.status(), refreshed::toString);
    }

    @Test
    @OperateOnDeployment(OFF)
    void offByDefaultBasicCredentialsAuthenticateNothingButASignIn() {
        Http.Reply reply = Http.get(Http.https(OFF, "/user"), "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Unauthorized: Not Authenticated", reply.error());
        Http.Reply signIn = Http.send(HttpRequest.newBuilder(Http.https(OFF, "/auth/basic")).POST(HttpRequest.BodyPublishers.noBody()),
                "Authorization", basic("alice", "jwtauth-demo"));
        assertEquals(200, signIn.status(), signIn::toString);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
