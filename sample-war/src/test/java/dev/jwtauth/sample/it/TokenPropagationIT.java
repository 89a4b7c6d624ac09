package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code dev.jwtauth.client.TokenPropagation} on Liberty's MicroProfile Rest Client: the sample's {@code /relay/user}
 * calls its own {@code /user} as a downstream service, which sees the caller of the incoming request — from its
 * bearer token or its {@code ss-tok} cookie — or nobody.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenPropagationIT {
    private static final String APP = "propagation";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    @Test
    void theBearerTokensCallerReachesTheDownstreamService() {
        String name = Services.newUser(APP, "relay-user", "User");
        String token = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("bearerToken");
        Http.Reply relayed = Http.get(Http.https(APP, "/relay/user"), "Authorization", DemoTokens.bearer(token));
        assertEquals(200, relayed.status(), relayed::toString);
        Map<String, Object> caller = relayed.json();
        assertEquals(name, caller.get("caller"));
        assertEquals(List.of("User"), caller.get("groups"));
        assertEquals(Boolean.FALSE, caller.get("isAdmin"));
    }

    @Test
    void theCookiesTokenTravelsOnAsABearerToken() {
        String name = Services.newUser(APP, "relay-admin", "Admin", "User");
        String cookie = Services.cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-tok");
        Http.Reply relayed = Http.get(Http.https(APP, "/relay/user"), "Cookie", "ss-tok=" + cookie);
        assertEquals(200, relayed.status(), relayed::toString);
        assertEquals(name, relayed.json().get("caller"));
        assertEquals(Boolean.TRUE, relayed.json().get("isAdmin"));
    }

    @Test
    void withoutAnIncomingTokenTheDownstreamCallIsAnonymous() {
        Http.Reply relayed = Http.get(Http.https(APP, "/relay/user"));
        assertEquals(401, relayed.status(), relayed::toString);
        assertEquals("Unauthorized: Not Authenticated", relayed.error());
    }
}
