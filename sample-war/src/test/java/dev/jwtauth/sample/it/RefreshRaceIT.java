package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One refresh token redeemed by many requests at once, as a browser whose {@code ss-tok} expired fires them, each
 * carrying the same {@code ss-reftok}. Inside the grace period every request is served, exactly one rotates the
 * token, and the family lives on in that successor; after it, a reuse revokes the family. The database decides, not
 * one server's memory: with the requests split across two Liberty servers of the sample sharing one PostgreSQL the
 * same holds, and a logout, a lock-out or a deletion on one server counts on the other at once.
 * <p>
 * Every deployment carries {@link RemoteRefreshCheck}, so that the redemptions of a burst overlap in the store.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshRaceIT {
    /** The sample's defaults: a replaced token is honoured for 10 s. */
    private static final String APP = "races";
    /** The sample with a grace period short enough to wait out. */
    private static final String SHORT_GRACE = "races-short-grace";
    private static final Duration GRACE = Duration.ofSeconds(1);
    /**
     * Each answer must come within this (counted from the release of a burst): far under the database's 20-s lock
     * timeout, so a stalled request fails the test with what every request got. A bound on correctness, not speed.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String INVALIDATED = "TokenException: Token has been invalidated";
    /** Two servers share the database only on PostgreSQL: an embedded Derby belongs to one server. */
    private static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("it.database"));
    /** The second server's ports: -Dit.second.http.port / -Dit.second.https.port, or the IT server's plus 10. */
    private static final int SECOND_HTTP_PORT = Integer.getInteger("it.second.http.port", Http.HTTP_PORT + 10);
    private static final int SECOND_HTTPS_PORT = Integer.getInteger("it.second.https.port", Http.HTTPS_PORT + 10);
    /** The second server runs the sample where {@code server.xml} expects it: {@code apps/sample-war.war}, at "/". */
    private static final String SECOND_APP = "sample-war";

    private static LibertyServer second;
    private static int problemsAtStartUp;

    @Deployment(name = APP, testable = false)
    static WebArchive sample() {
        return racing(SampleArchive.asBuilt(APP));
    }

    @Deployment(name = SHORT_GRACE, testable = false)
    static WebArchive shortGrace() {
        return racing(SampleArchive.withConfig(SHORT_GRACE, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
                + "jwt.RefreshTokenReuseGracePeriod=PT" + GRACE.toSeconds() + "S\n"));
    }

    /** The sample with the user fixture and a refresh check that takes as long as a remote call. */
    private static WebArchive racing(WebArchive sample) {
        return Services.withFixture(sample).addClass(RemoteRefreshCheck.class);
    }

    /**
     * On PostgreSQL, a second server of the sample configured like the Arquillian one ({@code server.xml}, the
     * data source, the driver), with its own ports, sharing its database.
     */
    @BeforeAll
    static void startSecondServer() throws IOException {
        if (!POSTGRESQL) {
            System.out.println("RefreshRaceIT: the tests on two servers are skipped: they need -Dit.database=postgresql");
            return;
        }
        second = LibertyServer.besideTheItServer("jwtauthSecondSample", SECOND_HTTP_PORT);
        Path itServer = LibertyServer.itServerDir();
        try (Stream<Path> configuration = Files.list(itServer); Stream<Path> libraries = Files.walk(itServer.resolve("lib"))) {
            for (Path file : Stream.concat(configuration.filter(file -> file.getFileName().toString().matches(
                    "server\\.xml|datasource-\\w+\\.xml")), libraries.filter(Files::isRegularFile)).toList()) {
                Path copy = second.dir().resolve(itServer.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(second.dir().resolve("bootstrap.properties"), String.join("\n",
                "http.port=" + SECOND_HTTP_PORT,
                "https.port=" + SECOND_HTTPS_PORT,
                "jwtauth.database=postgresql", ""));
        Path war = second.dir().resolve("apps/" + SECOND_APP + ".war");
        Files.createDirectories(war.getParent());
        racing(SampleArchive.asBuilt(SECOND_APP)).as(ZipExporter.class).exportTo(war.toFile(), true);
        second.start(Duration.ofSeconds(180), SECOND_APP);
        // EclipseLink's warnings at start-up (constraints that exist already, no MBean server) are no concern here
        problemsAtStartUp = second.problems().size();
    }

    @AfterAll
    static void stopSecondServer() {
        if (second == null) {
            return;
        }
        second.close();
        List<String> problems = second.problems();
        assertEquals(List.of(), problems.subList(problemsAtStartUp, problems.size()),
                () -> "errors or warnings while serving, in " + second.dir().resolve("logs/messages.log"));
    }

    // ---- one server

    @ParameterizedTest(name = "{0} at once")
    @ValueSource(ints = {2, 20, 100})
    void simultaneousRedemptionsOfOneRefreshCookieAllGetAnAccessTokenAndExactlyOneSuccessor(int n) {
        redeemAtOnceAndExpectOneSuccessor(n, Http.https(APP, "/access-token"));
    }

    @ParameterizedTest(name = "{0} at once")
    @ValueSource(ints = {2, 20, 100})
    void simultaneousRequestsWithOnlyTheRefreshCookieAreAllServedAsTheUser(int n) {
        String name = Services.newUser(APP, "transparent-burst", "User");
        String token = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(DemoTokens.ALICE);
        // half without an ss-tok, half with an expired one: either way the ss-reftok stands in
        List<Burst.Answer> answers = Burst.fire(times(n, i -> new Burst.Request("GET", Http.https(APP, "/user"),
                "Cookie", (i % 2 == 0 ? "" : "ss-tok=" + expired + "; ") + "ss-reftok=" + token)), DEADLINE);
        String successor = successorOf(token, name, answers);
        for (Burst.Answer answer : answers) {
            assertEquals(name, answer.reply().json().get("caller"), () -> answer + ": " + answer.reply());
        }
        assertTheFamilyLivesOnIn(successor, name, Http.https(APP, "/access-token"));
    }

    @ParameterizedTest(name = "{0} at once")
    @ValueSource(ints = {2, 20, 100})
    void simultaneousReusesAfterTheGracePeriodAreAllRefusedAndRevokeTheFamily(int n) {
        String name = Services.newUser(SHORT_GRACE, "reuse-burst", "User");
        String replaced = cookie(signIn(SHORT_GRACE, name, UserFixture.PASSWORD), "ss-reftok");
        String successor = rotate(Http.https(SHORT_GRACE, "/access-token"), replaced);
        sleepPastTheGracePeriod();
        List<Burst.Answer> answers = Burst.fire(times(n, i -> redemption(Http.https(SHORT_GRACE, "/access-token"), replaced)),
                DEADLINE);
        for (Burst.Answer answer : answers) {
            assertEquals(401, answer.reply().status(), () -> answer + " among " + Burst.summary(answers) + ": " + answer.reply());
            assertEquals(INVALIDATED, answer.reply().error(), answer::toString);
        }
        assertRevoked(List.of(successor), name, Http.https(SHORT_GRACE, "/access-token"));
    }

    /**
     * The holder of the successor refreshes at the moment the replaced token comes back after the grace period: the
     * revocation covers whatever the successor's refreshes rotate meanwhile, so no token of the family survives.
     */
    @Test
    void aReuseAfterTheGracePeriodLeavesNoTokenAliveThatTheSuccessorRotatedMeanwhile() {
        String name = Services.newUser(SHORT_GRACE, "reuse-race", "User");
        String replaced = cookie(signIn(SHORT_GRACE, name, UserFixture.PASSWORD), "ss-reftok");
        URI accessToken = Http.https(SHORT_GRACE, "/access-token");
        String successor = rotate(accessToken, replaced);
        sleepPastTheGracePeriod();
        List<Burst.Answer> answers = Burst.fire(times(20, i -> redemption(accessToken, i % 2 == 0 ? replaced : successor)),
                DEADLINE);
        for (int i = 0; i < answers.size(); i++) {
            Burst.Answer answer = answers.get(i);
            if (i % 2 == 0) {
                assertEquals(401, answer.reply().status(), () -> "a reuse: " + answer + ": " + answer.reply());
            } else {
                assertTrue(answer.reply().status() == 200 || answer.reply().status() == 401,
                        () -> "the successor, served before the revocation or refused after it: " + answer + ": " + answer.reply());
            }
        }
        List<String> rotatedMeanwhile = answers.stream().map(answer -> setCookies(answer.reply()).get("ss-reftok"))
                .filter(Objects::nonNull).map(Services.SetCookie::value).filter(value -> !value.isEmpty()).toList();
        assertRevoked(Stream.concat(Stream.of(successor), rotatedMeanwhile.stream()).toList(), name, accessToken);
    }

    // ---- two servers sharing one PostgreSQL

    @ParameterizedTest(name = "{0} at once")
    @ValueSource(ints = {2, 20, 100})
    void simultaneousRedemptionsSplitAcrossTwoServersAllGetAnAccessTokenAndExactlyOneSuccessor(int n) {
        onTwoServers();
        redeemAtOnceAndExpectOneSuccessor(n, Http.https(APP, "/access-token"), onSecond("/access-token"));
    }

    @Test
    void aReuseAfterTheGracePeriodOnOneServerRevokesTheFamilyOnTheOther() {
        onTwoServers();
        String name = Services.newUser(SHORT_GRACE, "reuse-two", "User");
        String replaced = cookie(signIn(SHORT_GRACE, name, UserFixture.PASSWORD), "ss-reftok");
        String successor = rotate(onSecond("/access-token"), replaced);
        sleepPastTheGracePeriod();
        Http.Reply reuse = Services.post(Http.https(SHORT_GRACE, "/access-token"), "Cookie", "ss-reftok=" + replaced);
        assertEquals(401, reuse.status(), () -> "a reuse on server 1 of a token rotated on server 2: " + reuse);
        assertEquals(INVALIDATED, reuse.error());
        Http.Reply refused = Services.post(onSecond("/access-token"), "Cookie", "ss-reftok=" + successor);
        assertEquals(401, refused.status(), () -> "server 2 refuses the successor of the revoked family: " + refused);
        assertEquals(INVALIDATED, refused.error());
    }

    @Test
    void aLogoutOnOneServerRefusesTheRefreshTokenOnTheOtherAtOnce() {
        onTwoServers();
        String name = Services.newUser(APP, "logout-two", "User");
        String token = honouredOnTheSecondServer(name);
        Http.Reply logout = Services.post(Http.https(APP, "/auth/logout"), "Cookie", "ss-reftok=" + token);
        assertEquals(200, logout.status(), logout::toString);
        Http.Reply refused = refreshOnTheSecondServer(token);
        assertEquals(401, refused.status(), () -> "after a logout on server 1: " + refused);
        assertEquals(INVALIDATED, refused.error());
    }

    @Test
    void aLockOutOnOneServerRefusesTheRefreshTokenOnTheOtherAtOnce() {
        onTwoServers();
        String name = Services.newUser(APP, "lock-two", "User");
        String token = honouredOnTheSecondServer(name);
        Services.fixture(APP, name, "lock");
        Http.Reply refused = refreshOnTheSecondServer(token);
        assertEquals(401, refused.status(), () -> "after a lock-out on server 1: " + refused);
        assertEquals("AuthenticationException: This account has been locked", refused.error());
    }

    @Test
    void aDeletionOnOneServerRefusesTheRefreshTokenOnTheOtherAtOnce() {
        onTwoServers();
        String name = Services.newUser(APP, "delete-two", "User");
        String token = honouredOnTheSecondServer(name);
        Http.Reply deleted = Http.send(HttpRequest.newBuilder(Http.https(APP, "/it-users/" + name)).DELETE());
        assertEquals(204, deleted.status(), deleted::toString);
        Http.Reply refused = refreshOnTheSecondServer(token);
        assertEquals(400, refused.status(), () -> "after the user's deletion on server 1: " + refused);
        assertEquals("ArgumentException: RefreshToken is Invalid", refused.error());
    }

    // ---- helpers

    /**
     * A fresh user's {@code ss-reftok} redeemed by {@code n} requests at once, sent to the {@code /access-token} URIs
     * in turn: every one is served, exactly one rotates, and the family lives on in the successor.
     */
    private static void redeemAtOnceAndExpectOneSuccessor(int n, URI... accessTokenUris) {
        String name = Services.newUser(APP, "burst", "User");
        String token = cookie(signIn(APP, name, UserFixture.PASSWORD), "ss-reftok");
        List<Burst.Answer> answers = Burst.fire(times(n, i -> redemption(accessTokenUris[i % accessTokenUris.length], token)),
                DEADLINE);
        for (Burst.Answer answer : answers) {
            assertEquals("{}", answer.reply().body(), answer::toString);
        }
        assertTheFamilyLivesOnIn(successorOf(token, name, answers), name, accessTokenUris[accessTokenUris.length - 1]);
    }

    /**
     * Asserts that every answer is a 200 with an {@code ss-tok} of the user and that exactly one sets a new
     * {@code ss-reftok}, and returns that successor.
     */
    private static String successorOf(String token, String name, List<Burst.Answer> answers) {
        String all = Burst.summary(answers);
        for (Burst.Answer answer : answers) {
            assertEquals(200, answer.reply().status(), () -> answer + " among " + all + ": " + answer.reply());
            Services.SetCookie ssTok = setCookies(answer.reply()).get("ss-tok");
            assertTrue(ssTok != null && !ssTok.value().isEmpty(), () -> "a fresh ss-tok: " + answer + ": " + answer.reply());
            assertEquals(name, claims(ssTok.value()).get("preferred_username"), () -> "the ss-tok's user: " + answer);
        }
        List<String> successors = answers.stream().map(answer -> setCookies(answer.reply()).get("ss-reftok"))
                .filter(Objects::nonNull).map(Services.SetCookie::value).toList();
        assertEquals(1, successors.size(), () -> "exactly one of " + answers.size() + " answers rotates the refresh token: "
                + successors);
        assertNotEquals(token, successors.get(0), "the successor is a new token");
        String ssTok = cookie(answers.get(answers.size() - 1).reply(), "ss-tok");
        Http.Reply user = Http.get(Http.https(APP, "/user"), "Cookie", "ss-tok=" + ssTok);
        assertEquals(name, user.json().get("caller"), () -> "an ss-tok of the burst works: " + user);
        return successors.get(0);
    }

    private static void assertTheFamilyLivesOnIn(String successor, String name, URI accessToken) {
        assertEquals(1, Services.liveRefreshTokens(APP, name), "the user's one live refresh token: the successor");
        Http.Reply next = Services.post(accessToken, "Cookie", "ss-reftok=" + successor);
        assertEquals(200, next.status(), () -> "the successor works at " + accessToken + ": " + next);
    }

    /** Every one of {@code tokens} is refused as invalidated, and the user has no live refresh token left. */
    private static void assertRevoked(List<String> tokens, String name, URI accessToken) {
        for (String token : tokens) {
            Http.Reply refused = Services.post(accessToken, "Cookie", "ss-reftok=" + token);
            assertEquals(401, refused.status(), () -> "the family is revoked, this token of it too: " + refused);
            assertEquals(INVALIDATED, refused.error());
        }
        assertEquals(0, Services.liveRefreshTokens(APP, name), "no refresh token of the revoked family lives");
    }

    /** One cookie redemption of {@code token}; returns the successor it set. */
    private static String rotate(URI accessToken, String token) {
        Http.Reply reply = Services.post(accessToken, "Cookie", "ss-reftok=" + token);
        assertEquals(200, reply.status(), () -> "rotation at " + accessToken + ": " + reply);
        return cookie(reply, "ss-reftok");
    }

    /** A signed-in user's refresh token, shown to work on the second server first (read from the database there). */
    private static String honouredOnTheSecondServer(String name) {
        String token = (String) signIn(APP, name, UserFixture.PASSWORD, "\"useTokenCookie\":false").json().get("refreshToken");
        Http.Reply reply = refreshOnTheSecondServer(token);
        assertEquals(200, reply.status(), () -> "server 2 honours a token of server 1: " + reply);
        return token;
    }

    /** A refresh by body: no rotation, so the same token can be presented again. */
    private static Http.Reply refreshOnTheSecondServer(String token) {
        return postJson(onSecond("/access-token"), "{\"refreshToken\":\"" + token + "\"}");
    }

    private static Burst.Request redemption(URI accessToken, String token) {
        return new Burst.Request("POST", accessToken, "Cookie", "ss-reftok=" + token);
    }

    private static List<Burst.Request> times(int n, IntFunction<Burst.Request> request) {
        return IntStream.range(0, n).mapToObj(request).toList();
    }

    private static URI onSecond(String path) {
        return URI.create("https://localhost:" + SECOND_HTTPS_PORT + path);
    }

    private static void onTwoServers() {
        assumeTrue(second != null, "two servers share a database only on PostgreSQL (-Dit.database=postgresql); "
                + "this run uses " + System.getProperty("it.database", "derby"));
    }

    private static Map<String, Object> claims(String jwt) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (JoseException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    private static void sleepPastTheGracePeriod() {
        try {
            Thread.sleep(GRACE.plusMillis(500).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
