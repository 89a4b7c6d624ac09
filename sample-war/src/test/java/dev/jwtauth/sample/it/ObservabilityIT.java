package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees of the sample (whose server has mpMetrics, mpHealth and mpOpenAPI): the start-up summary
 * per tenant, refusals traced without their tokens, lock-outs and throttling warned about, refresh-token reuse
 * counted and warned about, jwtauth's counters at {@code /metrics}, its readiness at {@code /health/ready} (down
 * while the store's table is gone), and its schemes, token services and secured operations in {@code /openapi}.
 * Tenant acme's reuse grace period is zero here, so that a replay is reuse at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {
    private static final String APP = "observability";
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        String config = SampleArchive.config(SampleArchive.asBuilt(APP)) + "\njwt.tenant.acme.RefreshTokenReuseGracePeriod=PT0S\n";
        return Services.withFixture(SampleArchive.withConfig(APP, config)).addClass(StoreFixture.class);
    }

    @Test
    void theStartUpSummaryNamesEachTenantsKeysAndPolicyButNoKey() {
        String log = ServerLog.messages();
        assertTrue(log.contains("JWTAUTH0001I: the global settings (requests without a tenant): issues and verifies tokens, "
                + "algorithm HS256, key ids ["), log);
        assertTrue(log.contains("JWTAUTH0001I: tenant globex: issues and verifies tokens, algorithm RS256"), log);
        assertTrue(log.contains("JWTAUTH0001I: tenant acme: "), log);
        assertTrue(log.contains("issuer ssjwt, token cache "), log);
        assertFalse(log.contains(DemoTokens.DEMO_KEY), "the key itself is never logged");
        assertFalse(log.contains("MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQCf"), "the private key is never logged");
    }

    @Test
    void refusalsAreTracedByReasonAndNoTokenOrPasswordIsLogged() {
        ServerLog trace = ServerLog.markTrace();
        ServerLog messages = ServerLog.mark();
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(30)).token(DemoTokens.ALICE);
        String forged = DemoTokens.hmac("K7WFPLRBLxsZXAjkOYMcFhJiPIjXtbzlICDrzUPeWnE=", Duration.ZERO).token(DemoTokens.ALICE);
        String password = "wrong-password-" + System.nanoTime();
        assertEquals(401, Http.get(Http.https(APP, "/user"), "Authorization", DemoTokens.bearer(expired)).status());
        assertEquals(401, Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + forged).status());
        assertEquals(401, Services.postJson(Http.https(APP, "/auth/credentials"),
                Services.signInBody("nobody-" + System.nanoTime(), password)).status());
        assertEquals(400, Services.postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + forged + "\"}").status());

        String traced = trace.since();
        assertTrue(traced.contains("JWTAUTH0010I: refused (REFUSED_TOKEN EXPIRED): 401 TokenException: Token has expired"), traced);
        assertTrue(traced.contains("JWTAUTH0010I: refused (REFUSED_TOKEN BAD_SIGNATURE)"), traced);
        assertTrue(traced.contains("JWTAUTH0010I: refused (INVALID_CREDENTIALS)"), traced);
        assertTrue(traced.contains("JWTAUTH0010I: refused (INVALID_REFRESH_TOKEN)"), traced);
        for (String log : List.of(traced, messages.since())) {
            for (String secret : List.of(expired, forged, password, expired.substring(expired.lastIndexOf('.') + 1),
                    forged.substring(0, forged.indexOf('.')))) {
                assertFalse(log.contains(secret), () -> "logged: " + secret);
            }
        }
    }

    @Test
    void lockOutsAndThrottlingAreWarnedAbout() {
        String name = Services.newUser(APP, "locked", "User");
        ServerLog log = ServerLog.mark();
        for (int i = 0; i < 10; i++) { // jwt.MaxLoginAttempts is 10
            assertEquals(401, signInFrom(name, "wrong").status());
        }
        // jwt.LoginFailuresPerMinutePerUserName is 10 too, but its allowance comes back one every 6 s, and a failed
        // sign-in takes a while (a password hash): more attempts are let through before the name is throttled
        int status = 401;
        for (int i = 0; i < 30 && status == 401; i++) {
            status = signInFrom(name, "wrong").status();
        }
        assertEquals(429, status);
        String logged = log.since();
        assertTrue(logged.contains("JWTAUTH0110W: the account with id "), logged);
        assertTrue(logged.contains("after 10 failed sign-ins (jwt.MaxLoginAttempts)"), logged);
        assertTrue(logged.contains("JWTAUTH0111W: sign-ins of user name " + name + " are throttled"), logged);
        assertFalse(logged.contains("wrong\""), logged);
    }

    @Test
    void metricsCountTokensSignInsAndRefreshesByResultAndTenant() {
        String name = Services.newUser(APP, "counted", "User");
        String metricsBefore = metrics();
        Http.Reply signedIn = signIn(APP, name, UserFixture.PASSWORD);
        String token = cookie(signedIn, "ss-tok");
        String refreshToken = cookie(signedIn, "ss-reftok");
        assertEquals(401, Services.postJson(Http.https(APP, "/auth/credentials"), Services.signInBody(name, "wrong")).status());
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + token).status());
        assertEquals(200, Http.get(Http.https(APP, "/user"), "Authorization", DemoTokens.bearer(token)).status());
        assertEquals(401, Http.get(Http.https(APP, "/user"), "Authorization", "Bearer not-a-token").status());
        assertEquals(200, Services.postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}").status());
        assertEquals(400, Services.postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"unknown\"}").status());
        String metricsAfter = metrics();

        Map<String, String> global = Map.of("tenant", "(global)");
        assertEquals(2, delta(metricsBefore, metricsAfter, "jwtauth_tokens_total", with(global, "result", "ACCEPTED")),
                metricsAfter);
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_tokens_total", with(global, "result", "MALFORMED")));
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_signins_total", Map.of("result", "SUCCESS")));
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_signins_total", Map.of("result", "INVALID_CREDENTIALS")));
        assertEquals(2, delta(metricsBefore, metricsAfter, "jwtauth_signin_duration_seconds_count", Map.of()));
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_refreshes_total", with(global, "result", "SUCCESS")));
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_refreshes_total", with(global, "result", "INVALID")));
    }

    @Test
    void refreshTokenReuseIsCountedPerTenantAndWarnedAboutOnceWithoutTheToken() {
        String name = Services.newUser(APP, "replayed", "User");
        Http.Reply signedIn = Services.postJson(Http.https(APP, "/auth/credentials"),
                Services.signInBody(name, UserFixture.PASSWORD), "X-Tenant", "acme");
        assertEquals(200, signedIn.status(), signedIn::toString);
        String first = cookie(signedIn, "ss-reftok");
        Http.Reply rotated = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "acme", "Cookie", "ss-reftok=" + first);
        assertEquals(200, rotated.status(), rotated::toString);
        String successor = cookie(rotated, "ss-reftok");
        String metricsBefore = metrics();
        ServerLog log = ServerLog.mark();

        Http.Reply replayed = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "acme", "Cookie", "ss-reftok=" + first);
        assertEquals(401, replayed.status(), replayed::toString);
        assertEquals("TokenException: Token has been invalidated", replayed.error());
        Http.Reply again = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "acme", "Cookie", "ss-reftok=" + first);
        assertEquals(401, again.status(), () -> "the family is revoked, the replay refused again: " + again);

        String metricsAfter = metrics();
        assertEquals(1, delta(metricsBefore, metricsAfter, "jwtauth_refresh_reuse_total", Map.of("tenant", "acme")), metricsAfter);
        assertEquals(0, delta(metricsBefore, metricsAfter, "jwtauth_refresh_reuse_total", Map.of("tenant", "(global)")));
        String logged = log.since();
        assertEquals(1, Pattern.compile(" W JWTAUTH0101W: ").matcher(logged).results().count(), logged);
        assertTrue(logged.contains("(tenant acme)"), logged);
        for (String token : List.of(first, successor)) {
            assertFalse(logged.contains(token), () -> "logged: " + token);
            assertFalse(logged.contains(token.substring(0, 16)), () -> "logged a part of: " + token);
        }
    }

    /**
     * The overall status is asserted only when jwtauth's check is down: the IT server's configuration also names the
     * sample's own application (sample-war.war, deployed by liberty:run only), and Liberty reports readiness DOWN
     * while an application it was told about has not started (CWMMH0053W), whatever the checks say.
     */
    @Test
    void readinessIsUpWithKeysAndStoreAndDownWhileTheStoreIsGone() {
        Http.Reply up = Http.get(Http.https("health", "/ready"));
        assertEquals(List.of("UP"), jwtauthChecks(up), up::toString);
        assertTrue(up.body().contains("\"userStore\":\"reachable\""), up::toString);

        assertEquals(204, Services.post(Http.https(APP, "/it-store/break")).status());
        Http.Reply down;
        try {
            down = Http.get(Http.https("health", "/ready"));
        } finally {
            assertEquals(204, Services.post(Http.https(APP, "/it-store/mend")).status());
        }
        assertEquals(503, down.status(), down::toString);
        assertEquals(List.of("DOWN"), jwtauthChecks(down), down::toString);
        assertTrue(down.body().contains("\"userStore\":\"unreachable\""), down::toString);

        Http.Reply again = Http.get(Http.https("health", "/ready"));
        assertEquals(List.of("UP"), jwtauthChecks(again), again::toString);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentHasTheSchemesTheTokenServicesAndTheSecuredOperations() {
        Http.Reply reply = Http.get(Http.https("openapi", "?format=JSON"));
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> document = reply.json();
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        assertEquals(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                withoutDescription((Map<String, Object>) schemes.get("bearerAuth")));
        assertEquals(Map.of("type", "apiKey", "in", "cookie", "name", "ss-tok"),
                withoutDescription((Map<String, Object>) schemes.get("cookieAuth")));

        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (String service : List.of("/auth/credentials", "/auth", "/auth/logout", "/access-token", "/session-to-token")) {
            assertTrue(((Map<String, Object>) paths.get(service)).containsKey("post"), () -> service + " in " + paths.keySet());
        }
        assertTrue(((Map<String, Object>) paths.get("/.well-known/jwks.json")).containsKey("get"), paths::toString);

        Map<String, Object> user = (Map<String, Object>) ((Map<String, Object>) paths.get("/user")).get("get");
        assertEquals(List.of(Map.of("bearerAuth", List.of()), Map.of("cookieAuth", List.of())), user.get("security"));
        assertEquals(List.of("User"), user.get("x-roles-allowed"));
        Map<String, Object> open = (Map<String, Object>) ((Map<String, Object>) paths.get("/public")).get("get");
        assertNull(open.get("security"), open::toString);
        assertFalse(reply.body().contains("\"operationId\":\"dev.jwtauth"), "jwtauth's operation ids are taken out again");
    }

    private static Http.Reply signInFrom(String name, String password) {
        return Http.postJsonFrom("127.0.0.61", Http.https(APP, "/auth/credentials"), Services.signInBody(name, password));
    }

    private static String metrics() {
        Http.Reply reply = Http.get(Http.https("metrics", ""));
        assertEquals(200, reply.status(), reply::toString);
        return reply.body();
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(name, value);
        return all;
    }

    /** How much the samples of {@code name} with {@code labels} (among others) grew between two scrapes. */
    private static long delta(String before, String after, String name, Map<String, String> labels) {
        return Math.round(sum(after, name, labels) - sum(before, name, labels));
    }

    private static double sum(String scrape, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> found = new HashMap<>();
            Matcher label = LABEL.matcher(close < 0 ? "" : line.substring(0, close));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jwtauthChecks(Http.Reply health) {
        List<Map<String, Object>> checks = (List<Map<String, Object>>) health.json().get("checks");
        return checks.stream().filter(check -> "jwtauth".equals(check.get("name"))).map(check -> check.get("status")).distinct().toList();
    }

    private static Map<String, Object> withoutDescription(Map<String, Object> scheme) {
        Map<String, Object> copy = new HashMap<>(scheme);
        copy.remove("description");
        return copy;
    }
}
