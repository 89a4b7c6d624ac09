package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signIn;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Applications whose users live in identity stores of their own sign them in with jwtauth's services, without
 * copying them into jwtauth's store: a Jakarta Security database store over a table of the application's
 * ({@link DatabaseCallers}), and an {@code IdentityStore} bean of its own ({@link MemoryIdentityStore}), alone,
 * after jwtauth's store ({@code jwt.UserStoreSignIn=always}), or with the application's {@code UserSource}
 * ({@link DirectoryUsers}). Roles are the stores' groups; refresh, lock-out and deletion go on working through the
 * account jwtauth keeps for each such user; the application's own login ({@code SecurityContext.authenticate},
 * {@link LoginServlet}) becomes token cookies at {@code /session-to-token}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityStoreIT {
    private static final String DB = "ids-db";
    private static final String CUSTOM = "ids-custom";
    private static final String ALWAYS = "ids-always";
    private static final String SOURCE = "ids-source";
    private static final int MAX_LOGIN_ATTEMPTS = 3;
    private static final String CONFIG = "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\n"
            + "jwt.PasswordHashIterations=1024\n"
            + "jwt.LoginFailuresPerMinutePerAddress=0\n"
            + "jwt.LoginFailuresPerMinutePerUserName=0\n";
    private static final String BODY_MODE = "\"useTokenCookie\":false";

    @Deployment(name = DB, testable = false)
    static WebArchive databaseStore() {
        return Services.withFixture(SampleArchive.withConfig(DB, CONFIG
                        + "jwt.MaxLoginAttempts=" + MAX_LOGIN_ATTEMPTS + "\n"
                        + "jwt.LoginLockoutPeriod=PT1H\n"
                        + "jwt.AuthenticateBasicRequests=true\n"))
                .addClasses(DatabaseCallers.class, LoginServlet.class);
    }

    @Deployment(name = CUSTOM, testable = false)
    static WebArchive customStore() {
        return Services.withFixture(SampleArchive.withConfig(CUSTOM, CONFIG)).addClass(MemoryIdentityStore.class);
    }

    @Deployment(name = ALWAYS, testable = false)
    static WebArchive customStoreAfterJwtauths() {
        return Services.withFixture(SampleArchive.withConfig(ALWAYS, CONFIG + "jwt.UserStoreSignIn=always\n"))
                .addClass(MemoryIdentityStore.class);
    }

    @Deployment(name = SOURCE, testable = false)
    static WebArchive customStoreWithUserSource() {
        return Services.withFixture(SampleArchive.withConfig(SOURCE, CONFIG)).addClasses(MemoryIdentityStore.class, DirectoryUsers.class);
    }

    @Test
    @OperateOnDeployment(DB)
    void aDatabaseStoresUserSignsInWithItsGroupsAsRoles() {
        String name = databaseCaller("db-user", "User");
        Http.Reply reply = signIn(DB, name, DatabaseCallers.PASSWORD, BODY_MODE);
        assertEquals(List.of("User"), reply.json().get("roles"));
        assertEquals(name, reply.json().get("userName"));
        String bearer = "Bearer " + reply.json().get("bearerToken");
        Http.Reply me = Http.get(Http.https(DB, "/user"), "Authorization", bearer);
        assertEquals(200, me.status(), me::toString);
        assertEquals(name, me.json().get("caller"));
        assertEquals(reply.json().get("userId"), me.json().get("subject"), "sub is the account jwtauth keeps for the user");
        assertEquals(403, Http.get(Http.https(DB, "/admin"), "Authorization", bearer).status(), "no Admin group, no Admin role");
    }

    @Test
    @OperateOnDeployment(DB)
    void aWrongPasswordAndAnUnknownUserGetTheSignInsAnswer() {
        String name = databaseCaller("db-wrong", "User");
        Http.Reply wrong = postJson(Http.https(DB, "/auth/credentials"), signInBody(name, "not-" + DatabaseCallers.PASSWORD));
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("Unauthorized: Invalid Username or Password", wrong.error());
        Http.Reply unknown = postJson(Http.https(DB, "/auth/credentials"), signInBody("nobody-" + UUID.randomUUID(), "x"));
        assertEquals(wrong.status() + wrong.error(), unknown.status() + unknown.error());
        assertTrue(setCookies(wrong).isEmpty() && setCookies(unknown).isEmpty());
    }

    /** With stores of its own the application's users are theirs; a name of both is nobody's (never the other's). */
    @Test
    @OperateOnDeployment(DB)
    void jwtauthsOwnStoreIsNotAskedAndANameOfBothSignsInNowhere() {
        Http.Reply alice = postJson(Http.https(DB, "/auth/credentials"), signInBody("alice", "jwtauth-demo"));
        assertEquals(401, alice.status(), () -> "jwtauth's demo user, with jwt.UserStoreSignIn=auto: " + alice);
        String name = Services.newUser(DB, "db-both", "User");
        createDatabaseCaller(name, "User", "Admin");
        for (String password : List.of(DatabaseCallers.PASSWORD, UserFixture.PASSWORD)) {
            Http.Reply reply = postJson(Http.https(DB, "/auth/credentials"), signInBody(name, password));
            assertEquals(401, reply.status(), () -> "the store's password, then jwtauth's: " + reply);
            assertEquals("Unauthorized: Invalid Username or Password", reply.error());
        }
    }

    @Test
    @OperateOnDeployment(DB)
    void refreshGivesTheStoresCurrentGroupsAndStopsForALockedOrDeletedUser() {
        String name = databaseCaller("db-refresh", "User");
        Http.Reply first = signIn(DB, name, DatabaseCallers.PASSWORD);
        String refreshToken = cookie(first, "ss-reftok");

        setDatabaseGroups(name, "User", "Admin");
        Http.Reply promoted = refresh(refreshToken);
        assertEquals(200, promoted.status(), promoted::toString);
        assertEquals(200, Http.get(Http.https(DB, "/admin"), "Cookie", "ss-tok=" + cookie(promoted, "ss-tok")).status(),
                "the group added in the application's table is a role of the next access token");

        Services.fixture(DB, name, "lock");
        Http.Reply locked = refresh(refreshToken);
        assertEquals(401, locked.status(), locked::toString);
        assertEquals("AuthenticationException: This account has been locked", locked.error());
        Http.Reply lockedSignIn = postJson(Http.https(DB, "/auth/credentials"), signInBody(name, DatabaseCallers.PASSWORD));
        assertEquals("AuthenticationException: This account has been locked", lockedSignIn.error(), lockedSignIn::toString);

        Services.fixture(DB, name, "unlock");
        assertEquals(200, refresh(refreshToken).status(), "unlocked");
        Http.Reply deleted = Http.send(HttpRequest.newBuilder(Http.https(DB, "/it-users/" + name)).DELETE());
        assertEquals(204, deleted.status(), () -> "jwtauth's account of the store's user: " + deleted);
        Http.Reply afterDeletion = refresh(refreshToken);
        assertEquals(400, afterDeletion.status(), afterDeletion::toString);
        assertEquals("ArgumentException: RefreshToken is Invalid", afterDeletion.error());

        Http.Reply again = signIn(DB, name, DatabaseCallers.PASSWORD, BODY_MODE);
        assertNotEquals(first.json().get("userId"), again.json().get("userId"),
                "signing in again makes a new account, whose id no refresh token of the old one can name");
        assertEquals(List.of("Admin", "User"), again.json().get("roles"));
    }

    @Test
    @OperateOnDeployment(DB)
    void failedSignInsOfAStoresUserLockItsPasswordSignInAsForJwtauthsOwn() {
        String name = databaseCaller("db-guessed", "User");
        signIn(DB, name, DatabaseCallers.PASSWORD);
        for (int i = 0; i < MAX_LOGIN_ATTEMPTS; i++) {
            assertEquals(401, postJson(Http.https(DB, "/auth/credentials"), signInBody(name, "guess-" + i)).status());
        }
        Http.Reply right = postJson(Http.https(DB, "/auth/credentials"), signInBody(name, DatabaseCallers.PASSWORD));
        assertEquals(401, right.status(), () -> "locked by failed sign-ins, the right password is refused too: " + right);
        assertEquals("Unauthorized: Invalid Username or Password", right.error());
        Services.fixture(DB, name, "unlock");
        signIn(DB, name, DatabaseCallers.PASSWORD);
    }

    @Test
    @OperateOnDeployment(DB)
    void basicCredentialsOfAStoresUserAuthenticateARequest() {
        String name = databaseCaller("db-basic", "User");
        Http.Reply me = Http.get(Http.https(DB, "/user"), "Authorization", basic(name, DatabaseCallers.PASSWORD));
        assertEquals(200, me.status(), me::toString);
        assertEquals(name, me.json().get("caller"));
        assertEquals(List.of("User"), me.json().get("groups"));
        assertTrue(setCookies(me).isEmpty(), "no token is sent: " + me);
    }

    /**
     * The application's own login — {@code SecurityContext.authenticate} with the user's name and password, the way
     * Liberty leaves next to jwtauth's mechanism — keeps the caller in the session; {@code /session-to-token}
     * turns it into token cookies with the roles the store gave, as ServiceStack's {@code ConvertSessionToToken}
     * does after any provider.
     */
    @Test
    @OperateOnDeployment(DB)
    void theApplicationsOwnLoginBecomesTokenCookiesWithTheStoresRoles() {
        String name = databaseCaller("db-login", "User", "Admin");
        Http.Reply refused = Http.postForm(Http.https(DB, "/it-login"), "user=" + name + "&password=wrong");
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.body().startsWith("{\"responseStatus\":{\"errorCode\":\"Unauthorized\",\"message\":\"Invalid Username or Password\""),
                refused::toString);

        Http.Reply login = Http.postForm(Http.https(DB, "/it-login"), "user=" + name + "&password=" + DatabaseCallers.PASSWORD);
        assertEquals(200, login.status(), login::toString);
        assertEquals("SUCCESS " + name, login.body(), "the container knows the caller for the rest of the login request");
        String session = "JSESSIONID=" + cookie(login, "JSESSIONID");
        Http.Reply bySession = Http.get(Http.https(DB, "/user"), "Cookie", session);
        assertEquals(200, bySession.status(), () -> "the session keeps the caller, and may be used by the login request too: " + bySession);

        Http.Reply converted = Services.post(Http.https(DB, "/session-to-token"), "Cookie", session);
        assertEquals(200, converted.status(), converted::toString);
        Http.Reply admin = Http.get(Http.https(DB, "/admin"), "Cookie", "ss-tok=" + cookie(converted, "ss-tok"));
        assertEquals(200, admin.status(), () -> "the store's Admin group is a role of the token: " + admin);
        assertEquals(200, refresh(cookie(converted, "ss-reftok")).status());
        assertEquals(401, Http.get(Http.https(DB, "/user"), "Cookie", session).status(), "the session ended");
    }

    /** A store that gives groups only when it checks a password: a refresh keeps those of the last sign-in. */
    @Test
    @OperateOnDeployment(DB)
    void aProfileSetInJwtauthsStoreGoesIntoAStoresUsersTokens() {
        String name = databaseCaller("db-profile", "User");
        signIn(DB, name, DatabaseCallers.PASSWORD);
        String email = name + "@example.com";
        Http.Reply set = Services.post(Http.https(DB, "/it-users/" + name + "/profile?email=" + email + "&displayName=Dee"));
        assertEquals(204, set.status(), set::toString);

        Http.Reply again = signIn(DB, name, DatabaseCallers.PASSWORD, BODY_MODE);
        assertEquals("Dee", again.json().get("displayName"), again::toString);
        String payload = new String(Base64.getUrlDecoder().decode(((String) again.json().get("bearerToken")).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"email\":\"" + email + "\""), payload);

        String other = databaseCaller("db-profile", "User");
        signIn(DB, other, DatabaseCallers.PASSWORD);
        Http.Reply taken = Services.post(Http.https(DB, "/it-users/" + other + "/profile?email=" + email));
        assertEquals(409, taken.status(), () -> "another user's e-mail address: " + taken);
    }

    @Test
    @OperateOnDeployment(DB)
    void aUserDeletedFromTheApplicationsTableGetsNoMoreAccessTokens() {
        String name = databaseCaller("db-gone", "User");
        String refreshToken = cookie(signIn(DB, name, DatabaseCallers.PASSWORD), "ss-reftok");
        assertEquals(200, refresh(refreshToken).status(), "known to the store");

        Http.Reply deleted = Http.send(HttpRequest.newBuilder(Http.https(DB, "/it-callers/" + name)).DELETE());
        assertEquals(204, deleted.status(), deleted::toString);
        Http.Reply afterDeletion = refresh(refreshToken);
        assertEquals(400, afterDeletion.status(), afterDeletion::toString);
        assertEquals("ArgumentException: RefreshToken is Invalid", afterDeletion.error());
        Http.Reply signIn = postJson(Http.https(DB, "/auth/credentials"), signInBody(name, DatabaseCallers.PASSWORD));
        assertEquals(401, signIn.status(), signIn::toString);
    }

    @Test
    @OperateOnDeployment(CUSTOM)
    void aCustomStoresUserKeepsTheGroupsOfItsLastSignInUntilTheNext() {
        String name = memoryCaller(CUSTOM, "custom", "User");
        String refreshToken = cookie(signIn(CUSTOM, name, MemoryIdentityStore.PASSWORD), "ss-reftok");
        memoryCaller(CUSTOM, name, "User", "Admin");
        Http.Reply refreshed = Services.post(Http.https(CUSTOM, "/access-token"), "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(List.of("User"), me(CUSTOM, cookie(refreshed, "ss-tok")).get("groups"), "not lost, not guessed");
        Http.Reply again = signIn(CUSTOM, name, MemoryIdentityStore.PASSWORD);
        assertEquals(List.of("Admin", "User"), me(CUSTOM, cookie(again, "ss-tok")).get("groups"));
        Http.Reply wrong = postJson(Http.https(CUSTOM, "/auth/credentials"), signInBody(name, "wrong"));
        assertEquals("Unauthorized: Invalid Username or Password", wrong.error());
    }

    @Test
    @OperateOnDeployment(CUSTOM)
    void aStoreThatFailsIsAnsweredAsAFailedDatabaseIs() {
        Http.Reply reply = postJson(Http.https(CUSTOM, "/auth/credentials"), signInBody(MemoryIdentityStore.BROKEN + "x", "any"));
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("ServiceUnavailable: The user store is unavailable; try again later", reply.error());
        assertFalse(reply.body().contains("directory"), "nothing of the store's exception is sent");
    }

    /** {@code jwt.UserStoreSignIn=always}: jwtauth's users sign in as before, and a name it knows is decided by it alone. */
    @Test
    @OperateOnDeployment(ALWAYS)
    void jwtauthsStoreDecidesForItsUsersAndTheApplicationsStoreForTheOthers() {
        assertEquals(List.of("Admin", "User"), signIn(ALWAYS, "admin", "jwtauth-demo", BODY_MODE).json().get("roles"));
        Http.Reply mallory = postJson(Http.https(ALWAYS, "/auth/credentials"), signInBody("mallory", "jwtauth-demo"));
        assertEquals("AuthenticationException: This account has been locked", mallory.error(), "jwtauth's lock as before");
        String memory = memoryCaller(ALWAYS, "always", "User");
        assertEquals(List.of("User"), signIn(ALWAYS, memory, MemoryIdentityStore.PASSWORD, BODY_MODE).json().get("roles"));

        String both = Services.newUser(ALWAYS, "always-both", "User");
        memoryCaller(ALWAYS, both, "User", "Admin");
        Http.Reply storesPassword = postJson(Http.https(ALWAYS, "/auth/credentials"), signInBody(both, MemoryIdentityStore.PASSWORD));
        assertEquals(401, storesPassword.status(), () -> "jwtauth's user of that name decides: " + storesPassword);
        assertEquals(List.of("User"), signIn(ALWAYS, both, UserFixture.PASSWORD, BODY_MODE).json().get("roles"));
    }

    /** With a {@code UserSource} the application keeps its users: the profile is its, the roles the store's groups. */
    @Test
    @OperateOnDeployment(SOURCE)
    void theApplicationsUserSourceGivesTheProfileOfAStoresUser() {
        String name = memoryCaller(SOURCE, "source", "User");
        Http.Reply reply = signIn(SOURCE, name, MemoryIdentityStore.PASSWORD, BODY_MODE);
        assertEquals(name, reply.json().get("userId"), "the UserSource's id: the one the store gave");
        Map<String, Object> me = me(SOURCE, (String) reply.json().get("bearerToken"));
        assertEquals(name + DirectoryUsers.DOMAIN, me.get("email"));
        assertEquals(List.of("directory-read"), me.get("perms"));
        assertEquals(List.of("User"), me.get("groups"));
        Http.Reply refreshed = postJson(Http.https(SOURCE, "/access-token"),
                "{\"refreshToken\":\"" + reply.json().get("refreshToken") + "\"}");
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(name + DirectoryUsers.DOMAIN, me(SOURCE, (String) refreshed.json().get("accessToken")).get("email"),
                "a refresh asks the UserSource for the id it gave");
    }

    private static Http.Reply refresh(String refreshToken) {
        return Services.post(Http.https(DB, "/access-token"), "Cookie", "ss-reftok=" + refreshToken);
    }

    private static String databaseCaller(String prefix, String... groups) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createDatabaseCaller(name, groups);
        return name;
    }

    /** A user of the application's table, with the password {@link DatabaseCallers#PASSWORD}. */
    private static void createDatabaseCaller(String name, String... groups) {
        Http.Reply reply = Http.send(HttpRequest.newBuilder(Http.https(DB, "/it-callers/" + name + groupQuery(groups)))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reply.status(), reply::toString);
    }

    private static void setDatabaseGroups(String name, String... groups) {
        Http.Reply reply = Services.post(Http.https(DB, "/it-callers/" + name + "/groups" + groupQuery(groups)));
        assertEquals(204, reply.status(), reply::toString);
    }

    private static String groupQuery(String... groups) {
        StringBuilder query = new StringBuilder();
        for (String group : groups) {
            query.append(query.isEmpty() ? "?" : "&").append("group=").append(group);
        }
        return query.toString();
    }

    /** A user of the deployment's memory store (with these groups, replacing any), named {@code prefix-…} unless it exists. */
    private static String memoryCaller(String app, String prefixOrName, String... groups) {
        String name = prefixOrName.matches(".*-[0-9a-f]{8}") ? prefixOrName : prefixOrName + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply reply = Http.send(HttpRequest.newBuilder(Http.https(app, "/it-memory-callers/" + name + groupQuery(groups)))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reply.status(), reply::toString);
        return name;
    }

    /** What {@code /user} shows of a token's caller (its tokens must carry the User role). */
    private static Map<String, Object> me(String app, String token) {
        Http.Reply me = Http.get(Http.https(app, "/user"), "Authorization", "Bearer " + token);
        assertEquals(200, me.status(), me::toString);
        return me.json();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
