package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jwt.AllowInQueryString, jwt.AllowInFormData and jwt.RequireSecureConnection=false, switched on together. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OptInSourcesIT {
    private static final String APP = "optin";
    private static final DemoTokens TOKENS = DemoTokens.demo();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.withConfig(APP, """
                jwt.AuthKeyBase64=%s
                jwt.AllowInQueryString=true
                jwt.AllowInFormData=true
                jwt.RequireSecureConnection=false
                """.formatted(DemoTokens.DEMO_KEY));
    }

    @Test
    void theQueryParameterAuthenticates() {
        Http.Reply reply = Http.get(Http.https(APP, "/user?x=1&ss-tok=" + TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
    }

    @Test
    void theFormFieldAuthenticates() {
        Http.Reply reply = Http.postForm(Http.https(APP, "/user"), "a=b&ss-tok=" + TOKENS.token(ALICE));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
    }

    @Test
    void anExpiredQueryTokenIsRefusedWithItsReason() {
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply reply = Http.get(Http.https(APP, "/user?ss-tok=" + expired));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("TokenException: Token has expired", reply.error());
        assertEquals(List.of(), reply.header("Set-Cookie"), "only a cookie token gets a cookie deleted");
    }

    @Test
    void plainHttpIsAcceptedWhenSecureConnectionsAreNotRequired() {
        Http.Reply reply = Http.get(Http.http(APP, "/user"), "Authorization", DemoTokens.bearer(TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(false, reply.json().get("secure"));
    }
}
