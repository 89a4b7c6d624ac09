package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.client.TokenRefreshException;
import dev.jwtauth.client.TokenServiceException;
import dev.jwtauth.client.TokenSession;

/**
 * jwtauth's Java client ({@code dev.jwtauth.client.TokenSession}) on Jersey's JAX-RS client, against the sample on
 * Liberty with five-second access tokens: sign-in, the bearer token, one refresh for many threads meeting an
 * expiry, the retry, and a refused refresh. Refreshes are counted by the server ({@link AccessTokenRequests}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientIT {
    private static final String APP = "javaclient";
    private static final int THREADS = 32;

    private final Client client = ClientBuilder.newBuilder().sslContext(Http.trustAll())
            .hostnameVerifier((host, session) -> true).connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).build();
    private final WebTarget app = client.target(Http.https(APP, "/"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Services.withFixture(SampleArchive.withConfig(APP, ShortLivedTokens.CONFIG))
                .addClasses(AdHocResource.class, AccessTokenRequests.class, AccessTokenRequests.Count.class);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void manyThreadsMeetingAnExpiryShareOneRefreshAndAllSucceed() throws Exception {
        String name = Services.newUser(APP, "client-burst", "User");
        TokenSession session = signedIn(name);
        assertEquals(name, json(call(client.target(Http.https(APP, "/user")).request().buildGet())).get("caller"));
        String expired = session.accessToken().orElseThrow();
        String refreshToken = session.refreshToken().orElseThrow();
        ShortLivedTokens.awaitExpiry(expired);
        int before = accessTokenRequests();

        List<Object> answers = together(THREADS, i -> client.target(Http.https(APP, "/user")).request().buildGet());

        for (Object answer : answers) {
            assertTrue(answer instanceof Map<?, ?> caller && name.equals(caller.get("caller")), () -> "every call succeeds: " + answers);
        }
        assertEquals(1, accessTokenRequests() - before, "one refresh for " + THREADS + " threads");
        assertNotEquals(expired, session.accessToken().orElseThrow());
        assertEquals(refreshToken, session.refreshToken().orElseThrow(), "a body refresh token is not rotated: kept");
    }

    @Test
    void aRevokedRefreshTokenEndsEveryCallInOneExceptionAndIsNotAskedAgain() throws Exception {
        String name = Services.newUser(APP, "client-revoked", "User");
        TokenSession session = signedIn(name);
        assertEquals(200, Services.post(Http.https(APP, "/it-adhoc/revoke/" + name)).status(), "signed out everywhere");
        ShortLivedTokens.awaitExpiry(session.accessToken().orElseThrow());
        int before = accessTokenRequests();

        List<Object> outcomes = together(8, i -> client.target(Http.https(APP, "/user")).request().buildGet());

        for (Object outcome : outcomes) {
            assertRevoked(outcome);
        }
        assertEquals(1, accessTokenRequests() - before, "one refused refresh");
        TokenRefreshException later = assertThrows(TokenRefreshException.class,
                () -> client.target(Http.https(APP, "/user")).request().get());
        assertRevoked(later);
        assertEquals(1, accessTokenRequests() - before, "a refused refresh token is not sent again");
    }

    @Test
    void aRequestWithABodyIsRetriedWithItAndOtherRefusalsPassThrough() throws Exception {
        String name = Services.newUser(APP, "client-post", "User");
        TokenSession session = signedIn(name);
        int before = accessTokenRequests();
        try (Response forbidden = client.target(Http.https(APP, "/admin")).request().get()) {
            assertEquals(403, forbidden.getStatus());
            assertTrue(forbidden.readEntity(String.class).contains("Invalid Role"));
        }
        assertEquals(0, accessTokenRequests() - before, "a refusal other than expiry refreshes nothing");

        ShortLivedTokens.awaitExpiry(session.accessToken().orElseThrow());
        Map<String, Object> answer = json(call(client.target(Http.https(APP, "/user")).request(MediaType.APPLICATION_JSON)
                .buildPost(Entity.form(new Form("note", "sent twice")))));
        assertEquals(name, answer.get("caller"), "the form was sent again with the new token");
        assertEquals(1, accessTokenRequests() - before);
    }

    @Test
    void aSessionResumesFromItsRefreshTokenAndSignsOut() throws Exception {
        String name = Services.newUser(APP, "client-resume", "User");
        String refreshToken = signedIn(name).refreshToken().orElseThrow();
        try (Client other = ClientBuilder.newBuilder().sslContext(Http.trustAll()).hostnameVerifier((host, session) -> true).build()) {
            TokenSession resumed = TokenSession.resume(other.target(Http.https(APP, "/")), refreshToken);
            other.register(resumed);
            assertEquals(name, json(call(other.target(Http.https(APP, "/user")).request().buildGet())).get("caller"));

            resumed.signOut();
            assertEquals(0, Services.liveRefreshTokens(APP, name), "sign-out revoked the refresh token");
            assertFalse(resumed.accessToken().isPresent());
            try (Response anonymous = other.target(Http.https(APP, "/user")).request().get()) {
                assertEquals(401, anonymous.getStatus(), "no token after sign-out");
                assertTrue(anonymous.readEntity(String.class).contains("Not Authenticated"));
            }
        }
        TokenRefreshException gone = assertThrows(TokenRefreshException.class, () -> TokenSession.resume(app, refreshToken));
        assertEquals(401, gone.status());
        assertEquals("Token has been invalidated", gone.reason());
        TokenRefreshException junk = assertThrows(TokenRefreshException.class, () -> TokenSession.resume(app, "junk"));
        assertEquals(400, junk.status());
        assertEquals("ArgumentException", junk.errorCode());
    }

    @Test
    void aRefusedSignInIsATokenServiceException() {
        String name = Services.newUser(APP, "client-refused", "User");
        TokenServiceException refused = assertThrows(TokenServiceException.class, () -> TokenSession.signIn(app, name, "wrong"));
        assertFalse(refused instanceof TokenRefreshException);
        assertEquals(401, refused.status());
        assertEquals("Unauthorized", refused.errorCode());
        assertEquals("Invalid Username or Password", refused.reason());
    }

    private TokenSession signedIn(String name) {
        TokenSession session = TokenSession.signIn(app, name, UserFixture.PASSWORD);
        client.register(session);
        return session;
    }

    private static void assertRevoked(Object outcome) {
        assertTrue(outcome instanceof TokenRefreshException, () -> "a TokenRefreshException, not " + outcome);
        TokenRefreshException refused = (TokenRefreshException) outcome;
        assertEquals(401, refused.status());
        assertEquals("TokenException", refused.errorCode());
        assertEquals("Token has been invalidated", refused.reason());
        assertTrue(refused.refused());
    }

    /**
     * Prepares {@code n} calls, releases them at once from {@code n} threads, and returns what each gave: the JSON
     * body of a 200, else the status, or the exception it threw.
     */
    private static List<Object> together(int n, Function<Integer, Invocation> prepare) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Invocation call = prepare.apply(i);
                futures.add(threads.submit((Callable<Object>) () -> {
                    ready.countDown();
                    go.await();
                    try {
                        return json(call(call));
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads ready");
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    outcomes.add(future.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    throw new AssertionError("a call failed to finish", e);
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The body of a 200 answer; fails with the answer otherwise. */
    private static String call(Invocation invocation) {
        try (Response response = invocation.invoke()) {
            String body = response.readEntity(String.class);
            if (response.getStatus() != 200) {
                throw new AssertionError(response.getStatus() + " " + body);
            }
            return body;
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new AssertionError(body, e);
        }
    }

    private static int accessTokenRequests() {
        return Integer.parseInt(Http.get(Http.https(APP, "/it-access-token-requests")).body().strip());
    }
}
