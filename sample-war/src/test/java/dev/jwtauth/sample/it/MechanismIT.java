package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.DemoTokens.ADMIN;
import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static dev.jwtauth.sample.it.DemoTokens.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * The sample as built (demo key, defaults) on a real Open Liberty: who the caller is for every token source,
 * and the exact documented error answers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MechanismIT {
    private static final String APP = "mechanism";
    private static final DemoTokens TOKENS = DemoTokens.demo();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.asBuilt(APP);
    }

    @Test
    void publicResourceServesAnonymousCallers() {
        Http.Reply reply = Http.get(Http.https(APP, "/public"));
        assertEquals(200, reply.status(), reply::toString);
        assertNull(reply.json().get("caller"), "no token, no caller");
    }

    @Test
    void publicResourceSeesTheCallerOfAValidToken() {
        Http.Reply reply = Http.get(Http.https(APP, "/public"), "Authorization", bearer(TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"), "getUserPrincipal() is the token's user");
        assertEquals(true, reply.json().get("principalIsJwt"), "the principal is the JsonWebToken");
    }

    @Test
    void aResourceThatNeverAsksForTheCallerIgnoresTokensEvenBadOnes() {
        String forged = DemoTokens.hmac(Base64.getEncoder().encodeToString(new byte[32]), Duration.ZERO).token(ADMIN);
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        for (String[] header : List.of(new String[] {"Authorization", bearer(TOKENS.token(ALICE))},
                new String[] {"Authorization", bearer(forged)}, new String[] {"Authorization", "Bearer not.a.token"},
                new String[] {"Cookie", "ss-tok=" + expired})) {
            Http.Reply reply = Http.get(Http.https(APP, "/ping"), header[0], header[1]);
            assertEquals(200, reply.status(), () -> header[1] + ": " + reply);
            assertEquals("pong", reply.json().get("ping"));
            assertTrue(reply.header("Set-Cookie").isEmpty(), () -> "the token was not even read: " + reply);
        }
    }

    @Test
    void userResourceAcceptsTheBearerHeaderAndInjectsClaims() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> me = reply.json();
        assertEquals("alice", me.get("caller"));
        assertEquals("42", me.get("subject"), "JsonWebToken.getSubject() of the principal");
        assertEquals("42", me.get("injectedSubject"), "@Inject JsonWebToken");
        assertEquals(true, me.get("isUser"), "SecurityContext.isUserInRole(User)");
        assertEquals(false, me.get("isAdmin"));
        assertEquals(List.of("User"), me.get("groups"), "roles claim as groups");
        assertEquals("alice@example.com", me.get("email"), "@Claim(standard = email) Optional<String>");
        assertEquals(List.of("read", "write"), sorted(me.get("perms")), "@Claim(\"perms\") Set<String>");
        assertEquals("[\"read\",\"write\"]", me.get("permsJson"), "@Claim(\"perms\") JsonArray");
        assertEquals("alice", me.get("userName"), "@Claim ClaimValue<String>");
        assertTrue(me.get("exp") instanceof Number, "@Claim(standard = exp) Long");
    }

    @Test
    void userResourceAcceptsTheTokenCookie() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + TOKENS.token(ALICE));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
    }

    @Test
    void theHeaderWinsOverTheCookie() {
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(TOKENS.token(ADMIN)),
                "Cookie", "ss-tok=" + TOKENS.token(ALICE));
        assertEquals(200, reply.status(), "the Admin token in the header decides: " + reply);
        assertEquals("admin", reply.json().get("caller"));
    }

    @Test
    void junkAndEmptyCookiesAreTolerated() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"),
                "Cookie", "01 Jan 1970 00:00:00 GMT=; ss-reftok=; ss-tok=" + TOKENS.token(ALICE));
        assertEquals(200, reply.status(), reply::toString);
        Http.Reply empty = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=");
        assertEquals(401, empty.status(), empty::toString);
        assertEquals("Unauthorized: Not Authenticated", empty.error());
    }

    @Test
    void noTokenOnAProtectedResourceIs401NotAuthenticated() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Unauthorized: Not Authenticated", reply.error());
        assertEquals(List.of("Bearer"), reply.header("WWW-Authenticate"));
        assertTrue(reply.header("Content-Type").get(0).startsWith("application/json"), reply::toString);
    }

    @Test
    void aMissingRoleIs403InvalidRole() {
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(TOKENS.token(ALICE)));
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("Forbidden: Invalid Role", reply.error());
    }

    @Test
    void anAdminReachesTheAdminResource() {
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(TOKENS.token(ADMIN)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(true, reply.json().get("isAdmin"));
    }

    @Test
    void anExpiredTokenIs401TokenExceptionWithAnRfc6750Challenge() {
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(expired));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token has expired", reply.error());
        assertEquals(List.of("Bearer error=\"invalid_token\", error_description=\"Token has expired\""),
                reply.header("WWW-Authenticate"));
        assertTrue(reply.header("Set-Cookie").isEmpty(), "a header token sets no cookie: " + reply);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = DemoTokens.hmac(Base64.getEncoder().encodeToString(new byte[32]), Duration.ZERO).token(ADMIN);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(forged));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Invalid signature", reply.error());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String[] parts = TOKENS.token(ADMIN).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"typ\":\"JWT\",\"alg\":\"none\"}".getBytes());
        Http.Reply reply = Http.get(Http.https(APP, "/admin"), "Authorization", bearer(none + "." + parts[1] + "."));
        assertEquals(401, reply.status(), reply::toString);
        assertTrue(reply.error().startsWith("TokenException: Token algorithm is not supported"), reply::toString);
    }

    @Test
    void garbageIs401NeverA500() {
        for (String garbage : List.of("x", "a.b.c", "....", "%%%", "eyJ.eyJ.", "a".repeat(20_000))) {
            Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(garbage));
            assertEquals(401, reply.status(), () -> garbage.length() + " chars: " + reply);
            assertTrue(reply.error().startsWith("TokenException: "), reply::toString);
        }
    }

    @Test
    void anInvalidTokenCookieIsDeletedOnce() {
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + expired);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token has expired", reply.error());
        List<String> cookies = reply.header("Set-Cookie");
        assertEquals(1, cookies.size(), "one deletion: " + cookies);
        String deletion = cookies.get(0);
        assertTrue(deletion.startsWith("ss-tok=;") || deletion.startsWith("ss-tok=\"\";"), deletion);
        assertTrue(deletion.contains("Max-Age=0"), deletion);
        assertTrue(deletion.contains("Path=/"), deletion);
        assertTrue(deletion.contains("HttpOnly"), deletion);
        assertTrue(deletion.contains("Secure"), deletion);
    }

    @Test
    void anInvalidCookieOnAPublicResourceIsIgnoredAndDeleted() {
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/public"), "Cookie", "ss-tok=" + expired);
        assertEquals(200, reply.status(), "a public page stays usable with a stale cookie: " + reply);
        assertNull(reply.json().get("caller"));
        assertEquals(1, reply.header("Set-Cookie").size(), reply::toString);
    }

    @Test
    void aTokenOverPlainHttpIs403() {
        Http.Reply reply = Http.get(Http.http(APP, "/user"), "Authorization", bearer(TOKENS.token(ALICE)));
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true",
                reply.error());
        Http.Reply cookie = Http.get(Http.http(APP, "/user"), "Cookie", "ss-tok=" + TOKENS.token(ALICE));
        assertEquals(403, cookie.status(), cookie::toString);
    }

    @Test
    void aTokenOverPlainHttpDoesNotAuthenticateAPublicResource() {
        Http.Reply reply = Http.get(Http.http(APP, "/public"), "Authorization", bearer(TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        assertNull(reply.json().get("caller"), "the token was not used over HTTP");
    }

    @Test
    void queryAndFormTokensAreIgnoredUnlessAllowed() {
        String token = TOKENS.token(ALICE);
        Http.Reply query = Http.get(Http.https(APP, "/user?ss-tok=" + token));
        assertEquals(401, query.status(), query::toString);
        assertEquals("Unauthorized: Not Authenticated", query.error());
        Http.Reply form = Http.postForm(Http.https(APP, "/user"), "ss-tok=" + token);
        assertEquals(401, form.status(), form::toString);
    }

    @Test
    void aHugeTokenIsRefusedBySize() {
        // The IT server sets JWT_MAXTOKENLENGTH=6000 in its environment (sample-war/pom.xml); the properties file
        // does not set it, so this also shows environment variables reaching jwt.* settings.
        String large = TOKENS.token(ALICE, Map.of("padding", "x".repeat(5000)));
        assertTrue(large.length() > 6000 && large.length() < 8192, "between the env value and the default");
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", bearer(large));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token is too large", reply.error());
        String fits = TOKENS.token(ALICE, Map.of("padding", "x".repeat(3000)));
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Authorization", bearer(fits)).status());
    }

    @Test
    void aBasicHeaderIsNotMistakenForAToken() {
        Http.Reply reply = Http.get(Http.https(APP, "/user"), "Authorization", "Basic YWxpY2U6c2VjcmV0");
        assertEquals(401, reply.status(), reply::toString);
        assertFalse(reply.body().contains("TokenException"), reply::toString);
    }

    @Test
    void aServletConstraintLogsTheTokensUserInToTheContainer() {
        Http.Reply admin = Http.get(Http.https(APP, "/servlet/admin"), "Authorization", bearer(TOKENS.token(ADMIN)));
        assertEquals(200, admin.status(), admin::toString);
        assertEquals("admin servlet for admin", admin.body());
        Http.Reply anonymous = Http.get(Http.https(APP, "/servlet/admin"));
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("Unauthorized: Not Authenticated", anonymous.error());
    }

    @Test
    void aRememberedTokenStillExpires() throws InterruptedException {
        // Verified tokens are cached (jwt.TokenCacheSize); the cache must not outlive a token's exp.
        String shortLived = DemoTokens.of(dev.jwtauth.token.JwsAlgorithm.HS256,
                dev.jwtauth.token.HmacKey.fromBase64(DemoTokens.DEMO_KEY),
                dev.jwtauth.token.HmacKey.fromBase64(DemoTokens.DEMO_KEY), Duration.ofSeconds(2), Duration.ZERO).token(ALICE);
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Authorization", bearer(shortLived)).status());
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Authorization", bearer(shortLived)).status(),
                "the second use comes from the cache");
        Thread.sleep(3000);
        Http.Reply expired = Http.get(Http.https(APP, "/user"), "Authorization", bearer(shortLived));
        assertEquals(401, expired.status(), expired::toString);
        assertEquals("TokenException: Token has expired", expired.error());
    }

    @SuppressWarnings("unchecked")
    private static List<String> sorted(Object list) {
        return ((List<String>) list).stream().sorted().toList();
    }
}
