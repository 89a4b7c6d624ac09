package dev.jwtauth.sample.it;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import net.servicestack.client.GetAccessToken;
import net.servicestack.client.JsonServiceClient;
import net.servicestack.client.WebServiceException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.sample.it.ServiceStackDtos.Authenticate;
import dev.jwtauth.sample.it.ServiceStackDtos.AuthenticateLogout;
import dev.jwtauth.sample.it.ServiceStackDtos.AuthenticateResponse;
import dev.jwtauth.sample.it.ServiceStackDtos.CallerView;

/**
 * ServiceStack's own Java client, Maven {@code net.servicestack:client} 1.0.49 (the newest on Maven Central), against
 * the sample with five-second access tokens. Every exchange is traced through the client's cookie jar and printed.
 *
 * <p>What the client does, read from its source and seen on the wire:
 * <ul>
 *   <li>Every DTO goes to {@code /json/reply/{SimpleClassName}} (Gson JSON, {@code Accept: application/json}); a raw
 *       path such as {@code /user} is called with {@code client.get("/user", Type.class)}.</li>
 *   <li>Cookies live in the JVM-wide default {@link CookieHandler} (the client installs a {@link CookieManager} if
 *       there is none and reads {@code ss-tok}/{@code ss-reftok} from it). This test installs its own jar per test and
 *       puts the previous default handler back afterwards; the trust-all TLS setup is scoped to the client's
 *       connections through its {@code RequestFilter}, so nothing global changes for the other ITs.</li>
 *   <li><b>Cookie mode</b> (the server's default): sign-in sets both cookies; the jar drops {@code ss-tok} when its
 *       {@code Expires} passes, the next request carries only {@code ss-reftok} and the server refreshes
 *       transparently (200 with new cookies). The client's own refresh code is never reached — it runs only on a 401.
 *       Sign-out deletes both cookies (Max-Age=0) and the jar honours that.</li>
 *   <li><b>The client's own refresh</b> runs only on a 401 to a request <em>without</em> its {@code X-Auth} header,
 *       i.e. when it holds no bearer token: a client given only the refresh token ({@code setRefreshToken}) answers
 *       the 401 with {@code POST /json/reply/GetAccessToken {"refreshToken":…}}, takes {@code accessToken} as its
 *       bearer token and repeats the request. From then on every request carries {@code X-Auth: Bearer}, so when that
 *       token expires the client throws {@code 401 TokenException "Token has expired"} instead of refreshing; the
 *       application has to drop the bearer token ({@code setBearerToken(null)}) to get the next refresh. A client
 *       that was given the bearer token at sign-in never refreshes at all.</li>
 *   <li>Hazard (client bug, not exercised here): when {@code GetAccessToken} itself answers 401 (refresh token expired,
 *       revoked or user locked out) to a client holding {@code setRefreshToken(...)}, the client treats that 401 like
 *       any other and posts {@code GetAccessToken} again, recursively, until {@code StackOverflowError} (322 requests
 *       with a 256 KB thread stack). Cookie-mode clients are safe: the 401 deletes {@code ss-reftok}, which ends the
 *       recursion.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceStackJavaClientIT {
    private static final String APP = "clients-java";
    private static final String PASSWORD = "jwtauth-demo";
    private static final SSLSocketFactory TRUST_ALL = Http.trustAll().getSocketFactory();

    private static CookieHandler previousCookieHandler;

    private TracingCookieJar jar;
    private JsonServiceClient client;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.withConfig(APP, ShortLivedTokens.CONFIG);
    }

    @BeforeAll
    static void rememberTheDefaultCookieHandler() {
        previousCookieHandler = CookieHandler.getDefault();
    }

    @AfterAll
    static void restoreTheDefaultCookieHandler() {
        CookieHandler.setDefault(previousCookieHandler);
    }

    @BeforeEach
    void newClient() {
        jar = new TracingCookieJar(Http.https(APP, "/").getPath());
        CookieHandler.setDefault(jar); // a fresh jar per test; the client only installs one when there is none
        client = new JsonServiceClient(Http.https(APP, "/").toString());
        client.RequestFilter = jar::onRequest;
        client.setTimeout(30_000);
    }

    @AfterEach
    void printTheWire(TestInfo test) {
        System.out.println("[ServiceStackJavaClientIT] " + test.getDisplayName() + "\n" + String.join("\n", jar.trace));
    }

    @Test
    void cookieModeSignsInSurvivesAnExpiredTokenAndSignsOut() throws InterruptedException {
        AuthenticateResponse signedIn = client.post(new Authenticate().setProvider("credentials")
                .setUserName("alice").setPassword(PASSWORD).setRememberMe(true));
        assertEquals("alice", signedIn.getUserName());
        assertEquals(List.of("User"), signedIn.getRoles());
        assertNull(signedIn.getBearerToken(), "cookie mode keeps the tokens out of the body");
        String accessToken = client.getTokenCookie();
        assertNotNull(accessToken, "ss-tok in the client's cookie jar");
        assertNotNull(client.getRefreshTokenCookie(), "ss-reftok in the client's cookie jar");

        CallerView me = client.get("/user", CallerView.class);
        assertEquals("alice", me.caller);
        assertEquals(List.of("User"), me.groups);

        int mark = jar.mark();
        WebServiceException forbidden = assertThrows(WebServiceException.class, () -> client.get("/admin", CallerView.class));
        assertError(403, "Forbidden", "Invalid Role", forbidden);
        assertEquals(List.of("GET /admin 403"), jar.since(mark));

        String refreshToken = client.getRefreshTokenCookie();
        ShortLivedTokens.awaitExpiry(accessToken);
        mark = jar.mark();
        me = client.get("/user", CallerView.class);
        assertEquals("alice", me.caller, "served although the access token has expired");
        assertEquals(List.of("GET /user 200"), jar.since(mark), "the server refreshed transparently from ss-reftok");
        assertNotNull(client.getTokenCookie(), "a new ss-tok came with the answer");
        assertNotEquals(refreshToken, client.getRefreshTokenCookie(), "ss-reftok was rotated");

        String lastRefreshToken = client.getRefreshTokenCookie();
        AuthenticateResponse signedOut = client.post(new AuthenticateLogout());
        assertNull(signedOut.getUserName(), "sign-out answers {}");
        assertNull(client.getTokenCookie(), "ss-tok deleted from the jar");
        assertNull(client.getRefreshTokenCookie(), "ss-reftok deleted from the jar");

        mark = jar.mark();
        WebServiceException signedOutCall = assertThrows(WebServiceException.class, () -> client.get("/user", CallerView.class));
        assertError(401, "Unauthorized", "Not Authenticated", signedOutCall);
        assertEquals(List.of("GET /user 401"), jar.since(mark), "nothing left to refresh with");

        mark = jar.mark();
        WebServiceException revoked = assertThrows(WebServiceException.class,
                () -> client.post(new GetAccessToken().setRefreshToken(lastRefreshToken)));
        assertError(401, "TokenException", "Token has been invalidated", revoked);
        assertEquals(List.of("POST /json/reply/GetAccessToken 401"), jar.since(mark));
    }

    @Test
    void theClientRefreshesByItselfOnlyWhileItHoldsNoBearerToken() throws InterruptedException {
        AuthenticateResponse signedIn = client.post(new Authenticate().setProvider("credentials")
                .setUserName("admin").setPassword(PASSWORD).setUseTokenCookie(false));
        assertNotNull(signedIn.getBearerToken(), "useTokenCookie:false puts the access token in the body");
        assertNotNull(signedIn.getRefreshToken(), "and the refresh token");
        assertNotNull(signedIn.getRefreshTokenExpiry(), "and its expiry, which the client parses as a Date");
        assertEquals(List.of(), jar.tokenCookies(), "no token cookies in this mode");

        client.setRefreshToken(signedIn.getRefreshToken()); // not the bearer token: see the class Javadoc
        int mark = jar.mark();
        CallerView me = client.get("/admin", CallerView.class);
        assertEquals("admin", me.caller);
        assertEquals(List.of("GET /admin 401", "POST /json/reply/GetAccessToken 200", "GET /admin 200"), jar.since(mark),
                "401 -> the client's own refresh -> retry with the new bearer token");
        String bearerToken = client.getBearerToken();
        assertNotNull(bearerToken, "the client keeps the refreshed access token");

        ShortLivedTokens.awaitExpiry(bearerToken);
        mark = jar.mark();
        WebServiceException expired = assertThrows(WebServiceException.class, () -> client.get("/admin", CallerView.class));
        assertError(401, "TokenException", "Token has expired", expired);
        assertEquals(List.of("GET /admin 401"), jar.since(mark), "a request with X-Auth: Bearer is never refreshed");

        client.setBearerToken(null); // what the application must do on that 401
        mark = jar.mark();
        me = client.get("/admin", CallerView.class);
        assertEquals("admin", me.caller);
        assertEquals(List.of("GET /admin 401", "POST /json/reply/GetAccessToken 200", "GET /admin 200"), jar.since(mark));

        AuthenticateResponse signedOut = client.post(new AuthenticateLogout());
        assertNull(signedOut.getUserName(), "sign-out answers {}");
        client.setBearerToken(null);
        client.setRefreshToken(null);
        mark = jar.mark();
        WebServiceException signedOutCall = assertThrows(WebServiceException.class, () -> client.get("/admin", CallerView.class));
        assertError(401, "Unauthorized", "Not Authenticated", signedOutCall);
        assertEquals(List.of("GET /admin 401"), jar.since(mark));
    }

    /**
     * Client 1.0.49 reads an ISO-8601 date with a fraction and {@code Z} ({@code 2027-02-21T17:20:07.061Z}, what
     * jwtauth sends as {@code refreshTokenExpiry}) as <em>local</em> time: off by the JVM's UTC offset unless the JVM
     * runs in UTC. Whole seconds ({@code …T17:20:07Z}) and WCF dates ({@code /Date(ms)/}) are read correctly.
     */
    @Test
    void refreshTokenExpiryIsReadTheSameInEveryTimeZone() {
        String body = client.post("/json/reply/Authenticate", new Authenticate().setProvider("credentials")
                .setUserName("alice").setPassword(PASSWORD).setUseTokenCookie(false), String.class);
        Matcher expiry = Pattern.compile("\"refreshTokenExpiry\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        assertTrue(expiry.find(), body);
        String value = expiry.group(1).replace("\\/", "/");
        assertTrue(value.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ|/Date\\(\\d+\\)/"),
                "a date format the client reads in any time zone: " + value);
        Instant parsed = net.servicestack.client.Utils.fromDateTime(value).toInstant();
        assertTrue(Duration.between(Instant.now().plus(Duration.ofDays(90)), parsed).abs().toMinutes() < 1, parsed::toString);
    }

    private static void assertError(int status, String errorCode, String message, WebServiceException e) {
        assertEquals(status + " " + errorCode + ": " + message,
                e.getStatusCode() + " " + e.getErrorCode() + ": " + e.getErrorMessage(),
                () -> "status, responseStatus.errorCode and message (" + e.getStatusDescription() + ", field errors " + e.getFieldErrors().size() + ")");
    }

    /**
     * The client's cookie jar, which sees every request it sends ({@link #get}) and every response it reads
     * ({@link #put}), so it doubles as a wire trace; {@link #onRequest} (the client's RequestFilter) names the method
     * and trusts the IT server's self-signed certificate for this connection only.
     */
    private static final class TracingCookieJar extends CookieManager {
        final List<String> trace = new ArrayList<>();
        private final List<String> exchanges = new ArrayList<>();
        private final String contextRoot;
        private String request = "?";

        TracingCookieJar(String contextRoot) {
            this.contextRoot = contextRoot.endsWith("/") ? contextRoot.substring(0, contextRoot.length() - 1) : contextRoot;
        }

        void onRequest(HttpURLConnection connection) {
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((host, session) -> true);
            }
            String path = connection.getURL().getPath();
            request = connection.getRequestMethod() + " " + (path.startsWith(contextRoot) ? path.substring(contextRoot.length()) : path);
            String xAuth = connection.getRequestProperty("X-Auth");
            trace.add("  > " + request + (xAuth == null ? "" : " [Authorization: " + xAuth + " …, X-Auth: " + xAuth + "]"));
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            Map<String, List<String>> cookies = super.get(uri, requestHeaders);
            List<String> sent = cookies.getOrDefault("Cookie", List.of());
            if (!sent.isEmpty()) {
                trace.add("    [Cookie: " + String.join("; ", sent).replaceAll("=[^;]{9,}", "") + "]");
            }
            return cookies;
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            String statusLine = responseHeaders.getOrDefault(null, List.of("?")).get(0);
            String status = statusLine.split(" ").length > 1 ? statusLine.split(" ")[1] : statusLine;
            List<String> setCookies = new ArrayList<>();
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    values.forEach(v -> setCookies.add(v.split(";")[0].replaceAll("=.{9,}", "")));
                }
            });
            exchanges.add(request + " " + status);
            trace.add("  < " + status + (setCookies.isEmpty() ? "" : " [Set-Cookie: " + String.join(", ", setCookies) + "]"));
            super.put(uri, responseHeaders);
        }

        int mark() {
            return exchanges.size();
        }

        List<String> since(int mark) {
            return List.copyOf(exchanges.subList(mark, exchanges.size()));
        }

        List<String> tokenCookies() {
            return getCookieStore().getCookies().stream().map(c -> c.getName()).filter(n -> n.startsWith("ss-")).toList();
        }
    }
}
