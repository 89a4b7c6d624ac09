package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An HTML form sign-in goes on to {@code continue} / {@code returnUrl} / {@code redirect}, but only to a place on
 * this origin: every way of naming another site is refused, and nothing is signed in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormRedirectIT {
    private static final String APP = "form-redirect";
    private static final String HOME = "/" + APP + "/user";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    @Test
    void aFormSignInGoesOnToContinueWithItsCookies() {
        Http.Reply reply = formSignIn("/auth/credentials", "alice", "jwtauth-demo", "continue", HOME);
        assertEquals(303, reply.status(), reply::toString);
        assertEquals(List.of(HOME), reply.header("Location"));
        Http.Reply next = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + cookie(reply, "ss-tok"));
        assertEquals("alice", next.json().get("caller"), next::toString);
    }

    @Test
    void thePlaceMayBeInTheActionsQueryStringUnderAnyOfServiceStacksNames() {
        Http.Reply inQuery = Http.postForm(Http.https(APP, "/auth/login?continue=" + encode(HOME)),
                "userName=alice&password=jwtauth-demo");
        assertEquals(List.of(HOME), inQuery.header("Location"), inQuery::toString);
        assertEquals(List.of(HOME), formSignIn("/auth/credentials", "alice", "jwtauth-demo", "returnUrl", HOME).header("Location"));
        assertEquals(List.of(HOME), formSignIn("/auth/credentials", "alice", "jwtauth-demo", "redirect", HOME).header("Location"));
        Http.Reply both = Http.postForm(Http.https(APP, "/auth/credentials"),
                "userName=alice&password=jwtauth-demo&redirect=%2Felsewhere&continue=" + encode(HOME));
        assertEquals(List.of(HOME), both.header("Location"), "continue comes first");
    }

    @Test
    void anAbsoluteUrlOfThisOriginIsSentOnAsItsPath() {
        String absolute = "https://localhost:" + Http.HTTPS_PORT + HOME + "?tab=1";
        Http.Reply reply = formSignIn("/auth/credentials", "alice", "jwtauth-demo", "continue", absolute);
        assertEquals(303, reply.status(), reply::toString);
        assertEquals(List.of(HOME + "?tab=1"), reply.header("Location"));
    }

    @Test
    void everyWayToAnotherSiteIsRefusedAndNothingIsSignedIn() {
        String name = Services.newUser(APP, "redirect", "User");
        List<String> hostile = List.of("https://evil.example/", "http://localhost:" + Http.HTTPS_PORT + HOME,
                "https://localhost:" + Http.HTTP_PORT + HOME, "https://localhost:" + Http.HTTPS_PORT + "@evil.example/",
                "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/x\\..\\evil",
                "javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "evil.example", "user", "/\t/evil.example", " /user", "/user\r\nSet-Cookie: planted=1",
                "%2F%2Fevil.example", "/%2F/evil.example", "/%5Cevil.example", "/x%0d%0aSet-Cookie:planted=1", "/%zz");
        for (String target : hostile) {
            Http.Reply reply = formSignIn("/auth/credentials", name, UserFixture.PASSWORD, "continue", target);
            assertEquals(400, reply.status(), () -> target + ": " + reply);
            assertEquals("ArgumentException: External Redirects are not permitted (Parameter 'continue')", reply.error(), target);
            assertEquals(List.of(), reply.header("Location"), target);
            assertEquals(List.of(), reply.header("Set-Cookie"), target);
            @SuppressWarnings("unchecked")
            Map<String, Object> error = ((List<Map<String, Object>>) ((Map<String, Object>) reply.json().get("responseStatus"))
                    .get("errors")).get(0);
            assertEquals("continue", error.get("fieldName"), target);
        }
        Http.Reply underAnotherName = formSignIn("/auth/credentials", name, UserFixture.PASSWORD, "redirect", "//evil.example");
        assertEquals("ArgumentException: External Redirects are not permitted (Parameter 'redirect')", underAnotherName.error());
        assertEquals(0, Services.liveRefreshTokens(APP, name), "no refused sign-in issued a token");
    }

    @Test
    void onlySuccessfulFormSignInsAreRedirected() {
        Http.Reply wrongPassword = formSignIn("/auth/credentials", "alice", "wrong", "continue", HOME);
        assertEquals(401, wrongPassword.status(), wrongPassword::toString);
        assertEquals("Unauthorized: Invalid Username or Password", wrongPassword.error());
        assertEquals(List.of(), wrongPassword.header("Location"));

        Http.Reply json = postJson(Http.https(APP, "/auth/credentials"),
                "{\"userName\":\"alice\",\"password\":\"jwtauth-demo\",\"continue\":\"//evil.example\"}");
        assertEquals(200, json.status(), () -> "a JSON sign-in is answered, never redirected: " + json);
        assertEquals(List.of(), json.header("Location"));
    }

    private static Http.Reply formSignIn(String path, String user, String password, String field, String target) {
        return Http.postForm(Http.https(APP, path), "userName=" + encode(user) + "&password=" + encode(password)
                + "&" + field + "=" + encode(target));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
