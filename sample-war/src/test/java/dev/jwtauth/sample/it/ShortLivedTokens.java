package dev.jwtauth.sample.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of the client ITs: the demo key, access tokens that live five seconds and no clock skew, so a
 * test can wait for its token to expire. Not less: the {@code ss-tok} cookie's lifetime is the token's remaining
 * time in whole seconds, written as {@code Expires} with whole seconds, which Java's cookie jar turns into a
 * {@code Max-Age} relative to its own clock, truncated again — up to about two seconds are lost on the way, and with
 * three-second tokens a slow first request (after a deployment) got a cookie the jar dropped at once.
 */
final class ShortLivedTokens {
    /** The lifetimes alone, to add to another configuration (BrowserIT: the sample's, tenants and all). */
    static final String LIFETIMES = """
            jwt.ExpireTokensIn=PT5S
            jwt.AllowedClockSkew=PT0S
            """;
    static final String CONFIG = "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n" + LIFETIMES;

    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private ShortLivedTokens() {
    }

    /** Sleeps until {@code jwt} (one of ours, unverified here) has expired on the server's clock, the same as ours. */
    static void awaitExpiry(String jwt) throws InterruptedException {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXP.matcher(payload);
        if (!exp.find()) {
            throw new AssertionError("no exp in " + payload);
        }
        long wait = Long.parseLong(exp.group(1)) * 1000 + 1100 - System.currentTimeMillis();
        if (wait > 30_000) {
            throw new AssertionError("the token lives too long for this test: " + payload);
        }
        Thread.sleep(Math.max(0, wait));
    }
}
