package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample's sign-in page ({@code src/main/webapp}) in a headless Chromium of its own, as the browser tests drive
 * it: by the ids of its elements, every wait on what the page shows. Screenshots are named after the test.
 */
final class SignInPage implements AutoCloseable {
    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final String testName;

    private SignInPage(ChromeDriver browser, String testName) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        this.testName = testName;
    }

    /** A new browser for {@code test}; {@link #close()} takes its last screenshot and quits it. */
    static SignInPage start(TestInfo test) {
        return new SignInPage(HeadlessChromium.start(), test.getTestMethod().orElseThrow().getName());
    }

    ChromeDriver browser() {
        return browser;
    }

    WebDriverWait waiting() {
        return wait;
    }

    void open(String url) {
        browser.get(url);
    }

    void signIn(String userName, String password) {
        type("user-name", userName);
        type("password", password);
        browser.findElement(By.id("sign-in-button")).click();
    }

    void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitForText("message", "Signed out");
        visible("sign-in");
    }

    /**
     * Asks the section "Token for API tools" for a token with {@code password} and returns it, once the page shows it
     * and says that its refresh token is revoked.
     */
    String toolToken(String password) {
        type("tool-password", password);
        browser.findElement(By.id("tool-token-button")).click();
        waitForText("message", "A token for API tools was issued; its refresh token is already revoked.");
        visible("tool-token-result");
        return browser.findElement(By.id("tool-token-value")).getDomProperty("value");
    }

    /** Clicks a resource's button and waits for its answer with {@code status}. */
    void call(String button, int status) {
        browser.findElement(By.id(button)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("answer"), "data-status", String.valueOf(status)));
        assertTrue(browser.findElement(By.id("answer")).isDisplayed());
    }

    String expiry() {
        String exp = attribute("expiry", "data-exp");
        assertNotEquals(null, exp, "the page shows the token's expiry");
        return exp;
    }

    void visible(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getDomAttribute(name);
    }

    void shot(String step) {
        HeadlessChromium.screenshot(browser, testName + "-" + step);
    }

    @Override
    public void close() {
        shot("last");
        browser.quit();
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
