package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sample's sign-in page ({@code src/main/webapp}) in a real browser, headless Chromium: sign-in in cookie mode
 * (HttpOnly, Secure, SameSite cookies), the caller and the token's claims, a refused resource, the transparent
 * refresh once the access token has expired, an explicit refresh, sign-out, errors as sentences, and tenants as
 * hosts. The deployment is the sample's own configuration with access tokens that live five seconds. Every wait is
 * on what the page shows; screenshots of each step land in {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInPageIT {
    private static final String APP = "browser";
    private static final String PASSWORD = "jwtauth-demo";

    private SignInPage page;

    @Deployment(testable = false)
    static WebArchive deployment() {
        String sampleConfig = SampleArchive.config(SampleArchive.asBuilt(APP));
        return SampleArchive.withConfig(APP, sampleConfig + "\n" + ShortLivedTokens.LIFETIMES);
    }

    @BeforeEach
    void startBrowser(TestInfo test) {
        page = SignInPage.start(test);
    }

    @AfterEach
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void aliceSignsInIsRefusedAdminKeepsWorkingPastHerTokensExpiryAndSignsOut() {
        ChromeDriver browser = page.browser();
        page.open(url("localhost"));
        page.visible("sign-in");
        page.shot("1-signed-out");

        page.signIn("alice", PASSWORD);
        page.waitForText("caller", "Alice Liddell (alice)");
        assertEquals("User", page.text("roles"));
        assertEquals("none", page.text("tenant"));
        assertTrue(page.text("claims").contains("preferred_username alice"), page.text("claims"));
        assertFalse(page.text("claims").contains("raw_token"), "the page never gets the token itself");
        assertEquals("Signed in.", page.text("message"));
        for (String name : new String[] {"ss-tok", "ss-reftok"}) {
            Cookie cookie = browser.manage().getCookieNamed(name);
            assertTrue(cookie.isHttpOnly() && cookie.isSecure() && "Lax".equals(cookie.getSameSite()), cookie::toString);
        }
        assertEquals("", browser.executeScript("return document.cookie"), "no script on the page can read the tokens");

        page.call("call-admin", 403);
        assertEquals("GET /admin: 403 Not allowed: Invalid Role", page.text("answer-status"));
        page.shot("2-alice-refused-admin");

        // The page counts down on the browser's clock, and the browser drops the ss-tok cookie at the same moment:
        // once the page says "expired", the next request carries the refresh-token cookie alone.
        String firstExpiry = page.expiry();
        page.waiting().until(ExpectedConditions.attributeToBe(By.id("expiry"), "data-state", "expired"));
        page.shot("3-token-expired");
        browser.findElement(By.id("call-user")).click();
        page.waiting().until(any -> "200".equals(page.attribute("answer", "data-status")) && !firstExpiry.equals(page.expiry()));
        assertEquals("valid", page.attribute("expiry", "data-state"));
        assertTrue(page.text("answer-body").contains("\"caller\": \"alice\""), page.text("answer-body"));
        page.call("call-admin", 403);
        page.shot("4-refreshed-transparently");

        browser.findElement(By.id("refresh")).click();
        page.waitForText("message", "A new access token was issued.");

        page.signOut();
        page.call("call-user", 401);
        assertEquals("GET /user: 401 Not signed in: Not Authenticated", page.text("answer-status"));
        page.shot("5-signed-out-refused");

        browser.navigate().refresh();
        page.visible("sign-in");
        assertFalse(browser.findElement(By.id("session")).isDisplayed(), "still signed out after a reload");
    }

    @Test
    void refusedSignInsAreSentencesNotJson() {
        page.open(url("localhost"));
        page.visible("sign-in");

        page.signIn("alice", "not her password");
        page.waitForText("message", "401 Not signed in: Invalid Username or Password");
        assertFalse(page.browser().findElement(By.id("session")).isDisplayed());

        page.signIn("mallory", PASSWORD);
        page.waitForText("message", "401 Not signed in: This account has been locked");

        page.signIn("", "");
        page.waitForText("message", "400 Bad request:");
        assertFalse(page.text("message").contains("{"), page.text("message"));
        page.shot("refused-sign-in");
    }

    @Test
    void eachTenantIsAHostOfItsOwnWithItsOwnSignIn() {
        ChromeDriver browser = page.browser();
        page.open(url("localhost"));
        page.visible("sign-in");
        page.signIn("admin", PASSWORD);
        page.waitForText("caller", "Ada Admin (admin)");
        page.call("call-admin", 200);
        page.shot("tenant-none-admin");

        for (String tenant : new String[] {"acme", "globex"}) {
            browser.findElement(By.id("tenant-" + tenant)).click();
            page.waiting().until(ExpectedConditions.urlContains("//" + tenant + ".localhost:"));
            page.visible("sign-in");   // a host of its own, so cookies of its own: not signed in there yet
            page.signIn("alice", PASSWORD);
            page.waitForText("caller", "Alice Liddell (alice)");
            assertEquals(tenant, page.text("tenant"));
            assertTrue(page.text("claims").contains("tenant " + tenant), page.text("claims"));
            assertEquals("page", page.attribute("tenant-" + tenant, "aria-current"));
            page.call("call-user", 200);
            page.shot("tenant-" + tenant);
        }

        browser.findElement(By.id("tenant-none")).click();
        page.waiting().until(ExpectedConditions.urlContains("//localhost:"));
        page.waitForText("caller", "Ada Admin (admin)");   // the tenant-less host's own sign-in, untouched
        assertEquals("none", page.text("tenant"));
    }

    private static String url(String host) {
        URI own = Http.https(APP, "/");
        return own.toString().replace("//localhost:", "//" + host + ":");
    }
}
