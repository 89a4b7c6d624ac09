package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

    private ChromeDriver browser;
    private WebDriverWait wait;
    private String testName;

    @Deployment(testable = false)
    static WebArchive deployment() {
        String sampleConfig = SampleArchive.config(SampleArchive.asBuilt(APP));
        return SampleArchive.withConfig(APP, sampleConfig + "\n" + ShortLivedTokens.LIFETIMES);
    }

    @BeforeEach
    void startBrowser(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            HeadlessChromium.screenshot(browser, testName + "-last");
            browser.quit();
        }
    }

    @Test
    void aliceSignsInIsRefusedAdminKeepsWorkingPastHerTokensExpiryAndSignsOut() {
        browser.get(page("localhost"));
        visible("sign-in");
        shot("1-signed-out");

        signIn("alice", PASSWORD);
        waitForText("caller", "Alice Liddell (alice)");
        assertEquals("User", text("roles"));
        assertEquals("none", text("tenant"));
        assertTrue(text("claims").contains("preferred_username alice"), text("claims"));
        assertFalse(text("claims").contains("raw_token"), "the page never gets the token itself");
        assertEquals("Signed in.", text("message"));
        for (String name : new String[] {"ss-tok", "ss-reftok"}) {
            Cookie cookie = browser.manage().getCookieNamed(name);
            assertTrue(cookie.isHttpOnly() && cookie.isSecure() && "Lax".equals(cookie.getSameSite()), cookie::toString);
        }
        assertEquals("", browser.executeScript("return document.cookie"), "no script on the page can read the tokens");

        call("call-admin", 403);
        assertEquals("GET /admin: 403 Not allowed: Invalid Role", text("answer-status"));
        shot("2-alice-refused-admin");

        // The page counts down on the browser's clock, and the browser drops the ss-tok cookie at the same moment:
        // once the page says "expired", the next request carries the refresh-token cookie alone.
        String firstExpiry = expiry();
        wait.until(ExpectedConditions.attributeToBe(By.id("expiry"), "data-state", "expired"));
        shot("3-token-expired");
        browser.findElement(By.id("call-user")).click();
        wait.until(page -> "200".equals(attribute("answer", "data-status")) && !firstExpiry.equals(expiry()));
        assertEquals("valid", attribute("expiry", "data-state"));
        assertTrue(text("answer-body").contains("\"caller\": \"alice\""), text("answer-body"));
        call("call-admin", 403);
        shot("4-refreshed-transparently");

        browser.findElement(By.id("refresh")).click();
        waitForText("message", "A new access token was issued.");

        browser.findElement(By.id("sign-out")).click();
        waitForText("message", "Signed out");
        visible("sign-in");
        call("call-user", 401);
        assertEquals("GET /user: 401 Not signed in: Not Authenticated", text("answer-status"));
        shot("5-signed-out-refused");

        browser.navigate().refresh();
        visible("sign-in");
        assertFalse(browser.findElement(By.id("session")).isDisplayed(), "still signed out after a reload");
    }

    @Test
    void refusedSignInsAreSentencesNotJson() {
        browser.get(page("localhost"));
        visible("sign-in");

        signIn("alice", "not her password");
        waitForText("message", "401 Not signed in: Invalid Username or Password");
        assertFalse(browser.findElement(By.id("session")).isDisplayed());

        signIn("mallory", PASSWORD);
        waitForText("message", "401 Not signed in: This account has been locked");

        signIn("", "");
        waitForText("message", "400 Bad request:");
        assertFalse(text("message").contains("{"), text("message"));
        shot("refused-sign-in");
    }

    @Test
    void eachTenantIsAHostOfItsOwnWithItsOwnSignIn() {
        browser.get(page("localhost"));
        visible("sign-in");
        signIn("admin", PASSWORD);
        waitForText("caller", "Ada Admin (admin)");
        call("call-admin", 200);
        shot("tenant-none-admin");

        for (String tenant : new String[] {"acme", "globex"}) {
            browser.findElement(By.id("tenant-" + tenant)).click();
            wait.until(ExpectedConditions.urlContains("//" + tenant + ".localhost:"));
            visible("sign-in");   // a host of its own, so cookies of its own: not signed in there yet
            signIn("alice", PASSWORD);
            waitForText("caller", "Alice Liddell (alice)");
            assertEquals(tenant, text("tenant"));
            assertTrue(text("claims").contains("tenant " + tenant), text("claims"));
            assertEquals("page", browser.findElement(By.id("tenant-" + tenant)).getDomAttribute("aria-current"));
            call("call-user", 200);
            shot("tenant-" + tenant);
        }

        browser.findElement(By.id("tenant-none")).click();
        wait.until(ExpectedConditions.urlContains("//localhost:"));
        waitForText("caller", "Ada Admin (admin)");   // the tenant-less host's own sign-in, untouched
        assertEquals("none", text("tenant"));
    }

    private static String page(String host) {
        URI own = Http.https(APP, "/");
        return own.toString().replace("//localhost:", "//" + host + ":");
    }

    private void signIn(String userName, String password) {
        WebElement name = browser.findElement(By.id("user-name"));
        name.clear();
        name.sendKeys(userName);
        WebElement secret = browser.findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("sign-in-button")).click();
    }

    /** Clicks a resource's button and waits for its answer with {@code status}. */
    private void call(String button, int status) {
        browser.findElement(By.id(button)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("answer"), "data-status", String.valueOf(status)));
        assertTrue(browser.findElement(By.id("answer")).isDisplayed());
    }

    private String expiry() {
        String exp = attribute("expiry", "data-exp");
        assertNotEquals(null, exp, "the page shows the token's expiry");
        return exp;
    }

    private void visible(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getDomAttribute(name);
    }

    private void shot(String step) {
        HeadlessChromium.screenshot(browser, testName + "-" + step);
    }
}
