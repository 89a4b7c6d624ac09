package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static dev.jwtauth.sample.it.Services.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jwt.AllowInRequestDto: a token in the request DTO's {@code BearerToken} field (query string, JSON or form body)
 * authenticates as an {@code Authorization} header would, and the application still reads the body it was in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestDtoTokenIT {
    private static final String APP = "dto-token";
    private static final String OFF = "dto-token-off";
    private static final DemoTokens TOKENS = DemoTokens.demo();

    @Deployment(name = APP, testable = false)
    static WebArchive deployment() {
        return SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\njwt.AllowInRequestDto=true\n")
                .addClass(EchoResource.class);
    }

    @Deployment(name = OFF, testable = false)
    static WebArchive byDefault() {
        return SampleArchive.asBuilt(OFF).addClass(EchoResource.class);
    }

    @Test
    @OperateOnDeployment(APP)
    void aJsonFieldAuthenticatesAndTheResourceReadsTheWholeBody() {
        String body = "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\",\"x\":[1,2,\"\u00e9\"]}";
        Http.Reply reply = postJson(Http.https(APP, "/it-echo"), body);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
        assertEquals(body, reply.json().get("body"), "the body as sent");

        String other = "{\"BEARERTOKEN\":\"" + TOKENS.token(ALICE) + "\"}";
        Http.Reply put = Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-echo")).PUT(HttpRequest.BodyPublishers.ofString(other))
                .header("Content-Type", "application/json; charset=utf-8"));
        assertEquals("alice", put.json().get("caller"), put::toString);
        assertEquals(other, put.json().get("body"));
    }

    @Test
    @OperateOnDeployment(APP)
    void aFormFieldAuthenticatesAndTheFormParametersStay() {
        String token = TOKENS.token(ALICE);
        Http.Reply reply = Http.postForm(Http.https(APP, "/it-echo"), "a=caf%C3%A9&BearerToken=" + token);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
        assertEquals("caf\u00e9", reply.json().get("body"));
        assertEquals(token, reply.json().get("bearerTokenField"));
    }

    @Test
    @OperateOnDeployment(APP)
    void aQueryFieldAuthenticates() {
        Http.Reply reply = Http.get(Http.https(APP, "/user?bearerToken=" + TOKENS.token(ALICE)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("caller"));
    }

    @Test
    @OperateOnDeployment(APP)
    void theWhoAmIServiceTakesItToo() {
        Http.Reply reply = postJson(Http.https(APP, "/auth"), "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("alice", reply.json().get("userName"));
    }

    @Test
    @OperateOnDeployment(APP)
    void aFieldIsRefusedAsAHeaderWouldBe() {
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply old = postJson(Http.https(APP, "/it-echo"), "{\"bearerToken\":\"" + expired + "\"}", "Cookie", "ss-tok=junk");
        assertEquals(401, old.status(), old::toString);
        assertEquals("TokenException: Token has expired", old.error());
        assertEquals(List.of("Bearer error=\"invalid_token\", error_description=\"Token has expired\""), old.header("WWW-Authenticate"));
        assertEquals(List.of(), old.header("Set-Cookie"), "a field's refusal deletes no cookie");

        Http.Reply malformed = Http.get(Http.https(APP, "/user?BearerToken=not.a.token"));
        assertEquals(401, malformed.status(), malformed::toString);
        assertEquals("TokenException", malformed.error().split(":")[0]);

        Http.Reply insecure = postJson(Http.http(APP, "/it-echo"), "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\"}");
        assertEquals(403, insecure.status(), insecure::toString);
        assertEquals("Forbidden: Sending JWT over insecure connection forbidden when RequireSecureConnection=true", insecure.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void aFieldAndAHeaderMustAgree() {
        String alice = TOKENS.token(ALICE);
        String admin = TOKENS.token(DemoTokens.ADMIN);
        Http.Reply same = postJson(Http.https(APP, "/it-echo"), "{\"bearerToken\":\"" + alice + "\"}", "Authorization", DemoTokens.bearer(alice));
        assertEquals("alice", same.json().get("caller"), same::toString);

        Http.Reply differ = postJson(Http.https(APP, "/it-echo"), "{\"bearerToken\":\"" + alice + "\"}", "Authorization", DemoTokens.bearer(admin));
        assertEquals(401, differ.status(), differ::toString);
        assertEquals("TokenException: More than one token was sent: a BearerToken field and an Authorization header", differ.error());
        assertEquals(List.of("Bearer error=\"invalid_token\", error_description=\"More than one token was sent\""),
                differ.header("WWW-Authenticate"));

        Http.Reply twoFields = postJson(Http.https(APP, "/it-echo?bearerToken=" + admin), "{\"bearerToken\":\"" + alice + "\"}");
        assertEquals(401, twoFields.status(), twoFields::toString);
        assertEquals("TokenException: More than one token was sent: BearerToken fields", twoFields.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void aBodyJwtauthCannotReadIsLeftToTheApplication() {
        String padding = "x".repeat(20_000);
        String large = "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\",\"pad\":\"" + padding + "\"}";
        Http.Reply notLookedAt = postJson(Http.https(APP, "/it-echo"), large);
        assertEquals(401, notLookedAt.status(), () -> "a body over 16 KB is not looked into: " + notLookedAt.status());
        assertEquals("Unauthorized: Not Authenticated", notLookedAt.error());

        Http.Reply byHeader = postJson(Http.https(APP, "/it-echo"), large, "Authorization", DemoTokens.bearer(TOKENS.token(ALICE)));
        assertEquals(200, byHeader.status(), () -> "status " + byHeader.status());
        assertEquals(large, byHeader.json().get("body"), "the whole long body reaches the resource");

        Http.Reply open = postJson(Http.https(APP, "/it-echo/public"), large);
        assertEquals(200, open.status(), () -> "status " + open.status());
        assertNull(open.json().get("caller"));
        assertEquals(large, open.json().get("body"));

        String broken = "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\", oops";
        Http.Reply notJson = Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-echo")).POST(HttpRequest.BodyPublishers.ofString(broken))
                .header("Content-Type", "text/plain"), "Authorization", DemoTokens.bearer(TOKENS.token(ALICE)));
        assertEquals(200, notJson.status(), notJson::toString);
        assertEquals(broken, notJson.json().get("body"));

        Http.Reply notAString = postJson(Http.https(APP, "/it-echo"), "{\"bearerToken\":42}");
        assertEquals(401, notAString.status(), notAString::toString);
        assertEquals("Unauthorized: Not Authenticated", notAString.error());
    }

    @Test
    @OperateOnDeployment(OFF)
    void byDefaultTheFieldIsNotAToken() {
        Http.Reply json = postJson(Http.https(OFF, "/it-echo"), "{\"bearerToken\":\"" + TOKENS.token(ALICE) + "\"}");
        assertEquals(401, json.status(), json::toString);
        assertEquals("Unauthorized: Not Authenticated", json.error());
        Http.Reply query = Http.get(Http.https(OFF, "/user?BearerToken=" + TOKENS.token(ALICE)));
        assertEquals(401, query.status(), query::toString);
    }
}
