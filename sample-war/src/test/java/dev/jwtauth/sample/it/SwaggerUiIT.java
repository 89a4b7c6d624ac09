package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Swagger UI of mpOpenAPI ({@code /openapi/ui/}) with a token from the sign-in page's section "Token for API tools",
 * in headless Chromium. The deployment is the sample as built, at the context root {@code /} where
 * {@code liberty/server.xml} puts it, which its {@code mp.openapi.servers=/} names: "Try it out" goes to the page's
 * own origin. The page signs out before Swagger UI is opened, so that the browser has no {@code ss-tok} cookie for
 * Swagger UI's requests to carry (they would, same origin): what authenticates them is the token given to
 * <em>Authorize</em> alone. Screenshots land in {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SwaggerUiIT {
    private static final String APP = "swagger";
    private static final String ROOT = "https://localhost:" + Http.HTTPS_PORT + "/";
    private static final String PASSWORD = "jwtauth-demo";
    private static final By ADMIN_OPERATION = By.id("operations-default-get_admin");
    private static final String AT_ROOT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-ext xmlns="https://jakarta.ee/xml/ns/jakartaee" version="1.0">
                <context-root uri="/"/>
            </web-ext>
            """;

    private SignInPage page;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP)).addAsWebInfResource(new StringAsset(AT_ROOT), "ibm-web-ext.xml");
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
    void adminsTokenFromThePageAuthorizesSwaggerUiAndThePagesOwnSessionIsLeftAlone() {
        page.open(ROOT);
        page.visible("sign-in");
        page.signIn("admin", PASSWORD);
        page.waitForText("caller", "Ada Admin (admin)");
        Cookie access = page.browser().manage().getCookieNamed("ss-tok");
        Cookie refresh = page.browser().manage().getCookieNamed("ss-reftok");
        long refreshTokens = liveRefreshTokens("admin");

        page.browser().findElement(By.id("tool-password")).sendKeys("not the password");
        page.browser().findElement(By.id("tool-token-button")).click();
        page.waitForText("message", "401 Not signed in: Invalid Username or Password");

        String token = page.toolToken(PASSWORD);
        assertEquals(3, token.split("\\.").length, token);
        assertTrue(page.text("tool-token-expiry").startsWith("Expires at "), page.text("tool-token-expiry"));
        assertTrue(page.text("tool-token-result").contains("A bearer credential"), page.text("tool-token-result"));
        assertEquals("/openapi/ui/", page.attribute("swagger-ui", "href"));
        page.browser().findElement(By.id("copy-token")).click();
        page.waitForText("copy-token", "Copied");
        page.shot("1-tool-token");
        assertEquals(refreshTokens, liveRefreshTokens("admin"), "the tool's sign-in leaves no refresh token behind");

        // the page's own session: the same cookies, still signed in
        assertEquals(access.getValue(), page.browser().manage().getCookieNamed("ss-tok").getValue());
        assertEquals(refresh.getValue(), page.browser().manage().getCookieNamed("ss-reftok").getValue());
        page.call("call-admin", 200);
        assertTrue(page.text("answer-body").contains("\"caller\": \"admin\""), page.text("answer-body"));
        page.signOut();

        openSwaggerUi();
        tryAdmin("401");
        assertTrue(response().contains("Not Authenticated"), response());
        page.shot("2-swagger-before-authorize");
        authorize(Keys.chord(Keys.CONTROL, "v"));   // the token the page copied
        tryAdmin("200");
        assertTrue(response().contains("\"caller\": \"admin\""), response());
        page.shot("3-swagger-authorized-admin");
    }

    @Test
    void alicesTokenIsRefusedTheAdminOperation() {
        page.open(ROOT);
        page.visible("sign-in");
        page.signIn("alice", PASSWORD);
        page.waitForText("caller", "Alice Liddell (alice)");
        String token = page.toolToken(PASSWORD);
        page.signOut();

        openSwaggerUi();
        authorize(token);
        tryAdmin("403");
        assertTrue(response().contains("Invalid Role"), response());
        page.shot("swagger-alice-refused");
    }

    private static long liveRefreshTokens(String user) {
        return Long.parseLong(Http.get(URI.create(ROOT + "it-users/" + user + "/refresh-tokens")).body().strip());
    }

    /** Opens Swagger UI and checks that it sends "Try it out" to the page's origin, the document's only server. */
    private void openSwaggerUi() {
        page.open(ROOT + "openapi/ui/");
        page.waiting().until(ExpectedConditions.visibilityOfElementLocated(ADMIN_OPERATION));
        List<String> servers = page.browser().findElements(By.cssSelector("#servers option")).stream()
                .map(option -> option.getDomProperty("value")).toList();
        assertEquals(List.of("/"), servers);
    }

    /** Runs GET /admin with "Try it out" (opening it the first time) and waits for the answer's status. */
    private void tryAdmin(String status) {
        WebElement operation = page.browser().findElement(ADMIN_OPERATION);
        if (operation.findElements(By.cssSelector("button.execute")).isEmpty()) {
            if (operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty()) {
                operation.findElement(By.cssSelector(".opblock-summary")).click();
            }
            page.waiting().until(ExpectedConditions.elementToBeClickable(
                    operation.findElement(By.cssSelector("button.try-out__btn")))).click();
        }
        page.waiting().until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute"))))
                .click();
        By answer = By.cssSelector("#operations-default-get_admin .live-responses-table .response-col_status");
        WebElement shown = page.waiting().until(browser -> browser.findElements(answer).stream()
                .filter(e -> e.getText().strip().startsWith(status)).findFirst().orElse(null));
        page.browser().executeScript("arguments[0].scrollIntoView({block: 'center'})", shown);
    }

    /** Types {@code keys} into bearerAuth's field in the Authorize dialog, authorizes, and closes it. */
    private void authorize(CharSequence keys) {
        page.browser().findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement field = page.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".modal-ux input[aria-label='auth-bearer-value']")));
        field.sendKeys(keys);
        WebElement form = field.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("button.authorize")).click();
        page.waiting().until(ExpectedConditions.textToBePresentInElement(form, "Logout"));
        page.browser().findElement(By.cssSelector(".modal-ux button.btn-done")).click();
        page.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** What Swagger UI shows of the answer: its body and headers. */
    private String response() {
        return page.browser().findElements(By.cssSelector("#operations-default-get_admin .live-responses-table .response-col_description"))
                .stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    }
}
