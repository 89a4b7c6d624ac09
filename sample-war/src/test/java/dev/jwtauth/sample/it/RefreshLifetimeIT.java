package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Refresh-token lifetimes in seconds instead of days, with the real clock: expiry, sliding expiry under the
 * absolute cap, and reuse detection once the grace period after a rotation is over.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshLifetimeIT {
    private static final String APP = "refresh-lifetime";
    private static final String INVALID = "ArgumentException: RefreshToken is Invalid";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.ExpireRefreshTokensIn=PT3S\n"
                + "jwt.ExtendRefreshTokenExpiryAfterUsage=PT3S\n"
                + "jwt.MaxRefreshTokenLifetime=PT7S\n"
                + "jwt.RefreshTokenReuseGracePeriod=PT1S\n"
                + "jwt.RefreshTokenRetention=PT1S\n"));
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
        ServerLog log = ServerLog.mark();
        Http.Reply replay = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + stolen);
        assertEquals(401, replay.status(), replay::toString);
        assertEquals("TokenException: Token has been invalidated", replay.error());
        String warning = log.since().lines().filter(line -> line.contains("JWTAUTH0101W")).findFirst()
                .orElseThrow(() -> new AssertionError("reuse is logged as JWTAUTH0101W:\n" + log.since()));
        assertTrue(warning.contains(" W ") && warning.contains("user " + userId(rotated)) && warning.contains("tenant none"),
                warning);
        assertFalse(warning.contains(stolen) || warning.contains(successor), "no token text in the log: " + warning);
        Http.Reply legitimate = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + successor);
        assertEquals(401, legitimate.status(), "the family is revoked, the successor too: " + legitimate);
        assertEquals("TokenException: Token has been invalidated", legitimate.error());
    }

    @Test
    void expiredAndRevokedTokensArePurgedOnceTheirRetentionIsOver() {
        String name = Services.newUser(APP, "purge", "User");
        String revoked = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + revoked);
        // Purges run only during sign-ins, so until the next one both tokens are known for what they are.
        assertEquals("TokenException: Token has been invalidated", redeem(revoked).error(), "kept while revoked");
        String expiring = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        sleep(Duration.ofMillis(3300));
        assertEquals("TokenException: Token has expired", redeem(expiring).error(), "kept while expired");
        // 1 s of retention later both are due. Each sign-in purges one bounded batch (of every user's rows) at
        // most once per retention, so a backlog of other tests' rows may take a few sign-ins.
        sleep(Duration.ofMillis(1100));
        List<String> answers = List.of();
        for (int signIns = 0; signIns < 5; signIns++) {
            signIn(APP, name, UserFixture.PASSWORD);
            answers = List.of(redeem(revoked).error(), redeem(expiring).error());
            if (answers.stream().allMatch(INVALID::equals)) {
                return;
            }
            sleep(Duration.ofMillis(1100));
        }
        assertEquals(List.of(INVALID, INVALID), answers, "purged: unknown now, and still refused");
    }

    private static Http.Reply redeem(String refreshToken) {
        return postJson(Http.https(APP, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static String userId(Http.Reply signedIn) {
        String payload = cookie(signedIn, "ss-tok").split("\\.")[1];
        try {
            return (String) JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).get("sub");
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
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
