package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign out everywhere: logout with {@code everywhere=true} revokes every refresh token of the caller at the
 * request's tenant, and {@code JwtAuth.revokeRefreshTokens} does it for any user. Access tokens live on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignOutEverywhereIT {
    private static final String APP = "everywhere";
    private static final String EVERYWHERE = "{\"everywhere\":true}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP)).addClasses(AdHocResource.class, HookFixtures.class);
    }

    @Test
    void everyDeviceOfTheCallerIsSignedOutButAccessTokensLiveOn() {
        String name = Services.newUser(APP, "everywhere", "User");
        Http.Reply phone = signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false");
        Http.Reply laptop = signIn(APP, name, UserFixture.PASSWORD);
        String phoneAccess = (String) phone.json().get("bearerToken");
        assertEquals(2, Services.liveRefreshTokens(APP, name));

        Http.Reply out = postJson(Http.https(APP, "/auth/logout"), EVERYWHERE, "Authorization", DemoTokens.bearer(phoneAccess));
        assertEquals(200, out.status(), out::toString);
        assertEquals("{}", out.body());
        assertEquals(0, Services.liveRefreshTokens(APP, name), "every device's refresh token is revoked");
        Http.Reply laptopRefresh = Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + cookie(laptop, "ss-reftok"));
        assertEquals(401, laptopRefresh.status(), laptopRefresh::toString);
        assertEquals("TokenException: Token has been invalidated", laptopRefresh.error());
        Http.Reply phoneRefresh = postJson(Http.https(APP, "/access-token"),
                "{\"refreshToken\":\"" + phone.json().get("refreshToken") + "\"}");
        assertEquals("TokenException: Token has been invalidated", phoneRefresh.error());
        Http.Reply stillValid = Http.get(Http.https(APP, "/user"), "Authorization", DemoTokens.bearer(phoneAccess));
        assertEquals(200, stillValid.status(), () -> "an access token stays valid until it expires: " + stillValid);
    }

    @Test
    void theFieldWorksByGetAndByTheLogoutDto() {
        String name = Services.newUser(APP, "everywhere-get", "User");
        Http.Reply first = signIn(APP, name, UserFixture.PASSWORD);
        signIn(APP, name, UserFixture.PASSWORD);
        Http.Reply byGet = Http.get(Http.https(APP, "/auth/logout?everywhere=true"), "Cookie", "ss-tok=" + cookie(first, "ss-tok"));
        assertEquals(200, byGet.status(), byGet::toString);
        assertEquals(0, Services.liveRefreshTokens(APP, name));

        Http.Reply again = signIn(APP, name, UserFixture.PASSWORD);
        Http.Reply byDto = postJson(Http.https(APP, "/api/AuthenticateLogout"), "{\"Everywhere\":\"true\"}",
                "Cookie", "ss-tok=" + cookie(again, "ss-tok"));
        assertEquals(200, byDto.status(), byDto::toString);
        assertEquals(0, Services.liveRefreshTokens(APP, name));
    }

    @Test
    void withoutACallerNothingIsRevoked() {
        String name = Services.newUser(APP, "everywhere-anon", "User");
        Http.Reply signedIn = signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false");
        String refreshToken = (String) signedIn.json().get("refreshToken");

        Http.Reply anonymous = postJson(Http.https(APP, "/auth/logout"), "{\"everywhere\":true,\"refreshToken\":\"" + refreshToken + "\"}");
        assertEquals(401, anonymous.status(), () -> "a refresh token in the body is no caller: " + anonymous);
        assertEquals("Unauthorized: Not Authenticated", anonymous.error());
        assertEquals(List.of("Bearer"), anonymous.header("WWW-Authenticate"));

        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(DemoTokens.ALICE);
        Http.Reply refusedToken = postJson(Http.https(APP, "/auth/logout"), EVERYWHERE, "Authorization", DemoTokens.bearer(expired));
        assertEquals(401, refusedToken.status(), refusedToken::toString);
        assertEquals("TokenException: Token has expired", refusedToken.error());
        assertEquals(1, Services.liveRefreshTokens(APP, name), "a refused logout revokes nothing");
    }

    @Test
    void aValueThatIsNotABooleanIsRefused() {
        String name = Services.newUser(APP, "everywhere-bad", "User");
        String token = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("bearerToken");
        for (String body : List.of("{\"everywhere\":\"soon\"}", "{\"everywhere\":1}", "{\"everywhere\":[true]}")) {
            Http.Reply reply = postJson(Http.https(APP, "/auth/logout"), body, "Authorization", DemoTokens.bearer(token));
            assertEquals(400, reply.status(), () -> body + ": " + reply);
            assertEquals("SerializationException: 'everywhere' must be true or false", reply.error());
        }
        assertEquals(1, Services.liveRefreshTokens(APP, name));
    }

    @Test
    void anotherTenantsTokensOfTheSameUserAreLeftAlone() {
        String name = Services.newUser(APP, "everywhere-tenant", "User");
        Http.Reply global = signIn(APP, name, UserFixture.PASSWORD);
        Http.Reply acme = postJson(Http.https(APP, "/auth/credentials"), Services.signInBody(name, UserFixture.PASSWORD),
                "X-Tenant", "acme");
        assertEquals(200, acme.status(), acme::toString);

        Http.Reply out = postJson(Http.https(APP, "/auth/logout"), EVERYWHERE, "Cookie", "ss-tok=" + cookie(global, "ss-tok"));
        assertEquals(200, out.status(), out::toString);
        Http.Reply acmeRefresh = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "acme",
                "Cookie", "ss-reftok=" + cookie(acme, "ss-reftok"));
        assertEquals(200, acmeRefresh.status(), () -> "acme's sign-in goes on: " + acmeRefresh);
    }

    @Test
    void theAdHocApiSignsAnyUserOutEverywhere() {
        String name = Services.newUser(APP, "everywhere-api", "User");
        String refreshToken = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        signIn(APP, name, UserFixture.PASSWORD);
        Http.Reply revoked = Services.post(Http.https(APP, "/it-adhoc/revoke/" + name));
        assertEquals(200, revoked.status(), revoked::toString);
        assertEquals(2L, ((Number) revoked.json().get("revoked")).longValue());
        assertEquals(401, Services.post(Http.https(APP, "/access-token"), "Cookie", "ss-reftok=" + refreshToken).status());
    }
}
