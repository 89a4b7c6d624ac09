package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password guessing: the lock-out after {@code jwt.MaxLoginAttempts} failed sign-ins, counted once in the shared
 * database whichever server a failure reached (two deployments on one database stand for two servers), and the
 * throttle per client address and per user name that answers 429 before any password is looked at. None of their
 * answers tells whether a user exists. Small limits and the cheapest password hash keep the tests quick (what a
 * hash costs, and that these answers take equally long, is measured by sample-war/load/signin-flood.sh and
 * signin-timing.sh); each test has its own users and client addresses (127.0.0.x), because a deployment's throttle
 * lives as long as the deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInProtectionIT {
    private static final String LOCKOUT = "lockout";
    private static final String LOCKOUT_TWIN = "lockout-twin";
    private static final String THROTTLE = "throttle";
    private static final int MAX_LOGIN_ATTEMPTS = 3;
    private static final Duration LOCKOUT_PERIOD = Duration.ofSeconds(3);
    private static final String CHEAP_HASHES = "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
            + "jwt.PasswordHashIterations=1024\n";
    private static final String LOCKOUT_CONFIG = CHEAP_HASHES
            + "jwt.MaxLoginAttempts=" + MAX_LOGIN_ATTEMPTS + "\n"
            + "jwt.LoginLockoutPeriod=" + LOCKOUT_PERIOD + "\n"
            + "jwt.LoginFailuresPerMinutePerAddress=0\n"
            + "jwt.LoginFailuresPerMinutePerUserName=0\n";
    private static final int PER_ADDRESS = 2;
    private static final int PER_USER_NAME = 3;
    private static final String WRONG = "wrong-password";

    @Deployment(name = LOCKOUT, testable = false)
    static WebArchive lockout() {
        return Services.withFixture(SampleArchive.withConfig(LOCKOUT, LOCKOUT_CONFIG));
    }

    /** Another server on the same database. */
    @Deployment(name = LOCKOUT_TWIN, testable = false)
    static WebArchive lockoutTwin() {
        return Services.withFixture(SampleArchive.withConfig(LOCKOUT_TWIN, LOCKOUT_CONFIG));
    }

    @Deployment(name = THROTTLE, testable = false)
    static WebArchive throttle() {
        return Services.withFixture(SampleArchive.withConfig(THROTTLE, CHEAP_HASHES
                + "jwt.MaxLoginAttempts=0\n"
                + "jwt.LoginFailuresPerMinutePerAddress=" + PER_ADDRESS + "\n"
                + "jwt.LoginFailuresPerMinutePerUserName=" + PER_USER_NAME + "\n"));
    }

    @Test
    @OperateOnDeployment(LOCKOUT)
    void wrongPasswordsLockTheAccountUntilThePeriodEndsAndItsDevicesStaySignedIn() throws InterruptedException {
        String name = Services.newUser(LOCKOUT, "guessed", "User");
        String refreshToken = (String) Services.signIn(LOCKOUT, name, UserFixture.PASSWORD, "\"useTokenCookie\":false")
                .json().get("refreshToken");
        Http.Reply unknown = signIn(LOCKOUT, unknownName(), WRONG);
        assertInvalid(unknown);
        for (int i = 0; i < MAX_LOGIN_ATTEMPTS; i++) {
            assertInvalid(signIn(LOCKOUT, name, WRONG));
        }
        long lockedAt = System.nanoTime();
        assertSameAnswer(unknown, signIn(LOCKOUT, name, UserFixture.PASSWORD),
                "while locked, the right password is answered like a wrong one for an unknown user: no guess is confirmed");
        assertSameAnswer(unknown, signIn(LOCKOUT, name, WRONG), "and so is a wrong one");

        Http.Reply refreshed = postJson(Http.https(LOCKOUT, "/access-token"), "{\"refreshToken\":\"" + refreshToken + "\"}");
        assertEquals(200, refreshed.status(), () -> "the lock stops password sign-in only, not the user's devices: " + refreshed);

        Http.Reply signedIn;
        do {
            Thread.sleep(250);
            signedIn = signIn(LOCKOUT, name, UserFixture.PASSWORD);
        } while (signedIn.status() != 200 && System.nanoTime() - lockedAt < LOCKOUT_PERIOD.plusSeconds(10).toNanos());
        assertEquals(200, signedIn.status(), signedIn::toString);
        Duration locked = Duration.ofNanos(System.nanoTime() - lockedAt);
        assertTrue(locked.compareTo(LOCKOUT_PERIOD.minusMillis(500)) >= 0, "locked for the period: " + locked);
    }

    @Test
    @OperateOnDeployment(LOCKOUT)
    void aSuccessfulSignInOrANewPasswordStartsTheCountAgain() {
        String name = Services.newUser(LOCKOUT, "forgetful", "User");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < MAX_LOGIN_ATTEMPTS - 1; i++) {
                assertInvalid(signIn(LOCKOUT, name, WRONG));
            }
            Services.signIn(LOCKOUT, name, UserFixture.PASSWORD);
        }
        for (int i = 0; i < MAX_LOGIN_ATTEMPTS; i++) {
            assertInvalid(signIn(LOCKOUT, name, WRONG));
        }
        Http.Reply changed = Http.send(HttpRequest.newBuilder(Http.https(LOCKOUT, "/it-users/" + name + "/password"))
                .POST(HttpRequest.BodyPublishers.ofString("a-new-password")).header("Content-Type", "text/plain"));
        assertEquals(204, changed.status(), changed::toString);
        Services.signIn(LOCKOUT, name, "a-new-password");
    }

    @Test
    @OperateOnDeployment(LOCKOUT)
    void parallelFailuresAtTwoServersEachCountOnceAndUnlockForgetsThem() throws Exception {
        String locked = Services.newUser(LOCKOUT, "parallel", "User");
        for (Http.Reply reply : inParallel(MAX_LOGIN_ATTEMPTS, locked)) {
            assertInvalid(reply);
        }
        Http.Reply unknown = signIn(LOCKOUT_TWIN, unknownName(), WRONG);
        assertSameAnswer(unknown, signIn(LOCKOUT_TWIN, locked, UserFixture.PASSWORD),
                MAX_LOGIN_ATTEMPTS + " failures at once, on two servers, all counted: locked");
        Services.fixture(LOCKOUT, locked, "unlock");
        Services.signIn(LOCKOUT_TWIN, locked, UserFixture.PASSWORD);

        String notYet = Services.newUser(LOCKOUT, "parallel", "User");
        for (Http.Reply reply : inParallel(MAX_LOGIN_ATTEMPTS - 1, notYet)) {
            assertInvalid(reply);
        }
        Services.signIn(LOCKOUT_TWIN, notYet, UserFixture.PASSWORD);
    }

    @Test
    @OperateOnDeployment(THROTTLE)
    void anAddressThatFailedTooOftenIsRefusedBeforeAnyPasswordIsLookedAt() {
        String from = "127.0.0.11";
        String name = Services.newUser(THROTTLE, "throttled", "User");
        for (int i = 0; i <= PER_ADDRESS; i++) {
            assertEquals(200, signInFrom(from, name, UserFixture.PASSWORD).status(), "successful sign-ins do not count");
        }
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertInvalid(signInFrom(from, unknownName(), WRONG));
        }
        Http.Reply known = signInFrom(from, name, UserFixture.PASSWORD);
        assertThrottled(known);
        assertSameAnswer(known, signInFrom(from, unknownName(), WRONG), "the same for a user name that does not exist");
        String basic = "Basic " + Base64.getEncoder().encodeToString((name + ":" + UserFixture.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String withProvider = "{\"provider\":\"credentials\"," + signInBody(name, UserFixture.PASSWORD).substring(1);
        for (Http.Reply reply : List.of(Http.postJsonFrom(from, Http.https(THROTTLE, "/auth/basic"), "", "Authorization", basic),
                Http.postJsonFrom(from, Http.https(THROTTLE, "/auth/login"), signInBody(name, UserFixture.PASSWORD)),
                Http.postJsonFrom(from, Http.https(THROTTLE, "/api/Authenticate"), withProvider),
                Http.postJsonFrom(from, Http.https(THROTTLE, "/json/reply/Authenticate"), "{}", "Authorization", basic))) {
            assertSameAnswer(known, reply, "every sign-in route and provider");
        }
        assertEquals(200, signInFrom("127.0.0.12", name, UserFixture.PASSWORD).status(), "another address is not affected");
    }

    @Test
    @OperateOnDeployment(THROTTLE)
    void aUserNameThatFailedTooOftenIsRefusedFromEveryAddress() {
        String name = Services.newUser(THROTTLE, "sprayed", "User");
        Http.Reply known = failFromTwoAddressesThenSignIn(name, "127.0.0.21", "127.0.0.22", "127.0.0.23");
        assertThrottled(known);
        Http.Reply unknown = failFromTwoAddressesThenSignIn(unknownName(), "127.0.0.24", "127.0.0.25", "127.0.0.26");
        assertSameAnswer(known, unknown, "the same for a user name that does not exist");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertInvalid(signInFrom("127.0.0.23", unknownName(), WRONG)); // its refused attempt was not charged to it
        }
    }

    /**
     * {@link #PER_USER_NAME} failures from two addresses in turn (neither going over {@link #PER_ADDRESS}), the name
     * spelt in either case, then the right password from a third.
     */
    private static Http.Reply failFromTwoAddressesThenSignIn(String name, String first, String second, String third) {
        for (int i = 0; i < PER_USER_NAME; i++) {
            assertInvalid(signInFrom(i % 2 == 0 ? first : second, i % 2 == 0 ? name : name.toUpperCase(), WRONG));
        }
        return signInFrom(third, name, UserFixture.PASSWORD);
    }

    /** {@code count} wrong passwords for {@code name} at once, alternately at the two lock-out deployments. */
    private static List<Http.Reply> inParallel(int count, String name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String app = i % 2 == 0 ? LOCKOUT : LOCKOUT_TWIN;
                replies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return signIn(app, name, WRONG);
                }, pool));
            }
            start.countDown();
            List<Http.Reply> done = new ArrayList<>();
            for (CompletableFuture<Http.Reply> reply : replies) {
                done.add(reply.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Http.Reply signIn(String app, String name, String password) {
        return postJson(Http.https(app, "/auth/credentials"), signInBody(name, password));
    }

    private static Http.Reply signInFrom(String address, String name, String password) {
        URI uri = Http.https(THROTTLE, "/auth/credentials");
        return Http.postJsonFrom(address, uri, signInBody(name, password));
    }

    private static String unknownName() {
        return "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertInvalid(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Unauthorized: Invalid Username or Password", reply.error());
    }

    private static void assertThrottled(Http.Reply reply) {
        assertEquals(429, reply.status(), reply::toString);
        assertEquals("TooManyRequests: Too many failed sign-ins; try again later", reply.error());
        assertTrue(Services.setCookies(reply).isEmpty(), reply::toString);
        int retryAfter = Integer.parseInt(reply.header("Retry-After").get(0));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After in seconds within the minute: " + retryAfter);
    }

    /** Status, body and the headers that could differ: nothing tells the two apart. */
    private static void assertSameAnswer(Http.Reply expected, Http.Reply actual, String why) {
        assertEquals(expected.status(), actual.status(), () -> why + ": " + actual);
        assertEquals(expected.body(), actual.body(), why);
        for (String header : List.of("WWW-Authenticate", "Set-Cookie", "Content-Type", "Cache-Control")) {
            assertEquals(expected.header(header), actual.header(header), () -> why + ": " + header);
        }
        assertEquals(expected.header("Retry-After").isEmpty(), actual.header("Retry-After").isEmpty(), why + ": Retry-After");
    }
}
