package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.Jwks;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.VerificationKey;

/**
 * The rules of a remote key set, against a real HTTP server on the loopback: when it fetches (first need, an unknown
 * kid, old age), how often (once per interval, one fetch for many waiting requests), and what it keeps when the
 * issuer is down, answers garbage, answers too much or does not answer in time.
 */
class RemoteKeySetTest {
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final int MAX_BYTES = 4096;
    private static final KeyFetcher.Limits LIMITS = new KeyFetcher.Limits(Duration.ofMillis(1000), Duration.ofMillis(1500), MAX_BYTES);
    private static final VerificationKey A = rsaKey();
    private static final VerificationKey B = rsaKey();

    private HttpServer server;
    private URI uri;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile Answer answer = jwks(A);
    private final CountDownLatch released = new CountDownLatch(1);
    private final MutableClock clock = new MutableClock();
    private final List<LogRecord> log = new ArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (log) {
                log.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** What the issuer does with a request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange, CountDownLatch released) throws IOException, InterruptedException;
    }

    @BeforeEach
    void startIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            try {
                answer.answer(exchange, released);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (as it should past the size limit)
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        Logger.getLogger(RemoteKeySet.class.getName()).addHandler(logHandler);
    }

    @AfterEach
    void stopIssuer() {
        released.countDown();
        server.stop(0);
        Logger.getLogger(RemoteKeySet.class.getName()).removeHandler(logHandler);
    }

    private RemoteKeySet keySet() {
        return new RemoteKeySet("jwt.JwksUrl", uri, Jwks::read, new KeyFetcher(LIMITS), MAX_AGE, MIN_INTERVAL, clock);
    }

    @Test
    void nothingIsFetchedBeforeATokenNeedsTheKeys() {
        RemoteKeySet keys = keySet();
        assertEquals(0, fetches.get(), "made, not fetched");
        assertEquals(kids(A), kids(keys.current()), "the first token's need fetches");
        assertEquals(kids(A), kids(keys.current()));
        assertEquals(1, fetches.get(), "and the set is kept");
        assertLogged("JWTAUTH0132I");
    }

    @Test
    void aFloodOfUnknownKidsIsOneFetchPerInterval() throws Exception {
        answer = slowly(jwks(A));
        RemoteKeySet keys = keySet();
        assertEquals(List.of(kids(A)), flood(keys), "every request waits for the one fetch and gets its keys");
        assertEquals(1, fetches.get(), "64 unknown kids at once before any key: one fetch");

        answer = jwks(A, B);
        assertEquals(List.of(kids(A)), flood(keys), "within the interval, the keys held");
        assertEquals(1, fetches.get(), "within the interval, no fetch");

        clock.advance(MIN_INTERVAL.minusMillis(1));
        flood(keys);
        assertEquals(1, fetches.get(), "still within the interval");

        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(kids(A, B)), flood(keys), "the interval passed: the issuer's new key is fetched");
        assertEquals(2, fetches.get(), "by one fetch");
    }

    @Test
    void aTokenOfANewKeyFetchesTheSetAgain() {
        RemoteKeySet keys = keySet();
        assertEquals(kids(A), kids(keys.current()));
        answer = jwks(B, A);
        clock.advance(MIN_INTERVAL);
        assertEquals(kids(B, A), kids(keys.refreshedFor(B.kid())), "the rotated set, at once");
        assertEquals(2, fetches.get());
    }

    @Test
    void anOldSetIsFetchedAgainInTheBackground() {
        RemoteKeySet keys = keySet();
        assertEquals(kids(A), kids(keys.current()));
        answer = slowly(jwks(B));
        clock.advance(MAX_AGE);
        assertEquals(kids(A), kids(keys.current()), "the token is checked with the set held, not made to wait");
        assertEquals(kids(B), kids(keys.refreshedFor(B.kid())), "the fetch it started is joined, not repeated");
        assertEquals(2, fetches.get());
        assertEquals(kids(B), kids(keys.current()), "a key the issuer removed no longer verifies");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("503", status(503, "{\"keys\":[]}"), "JWTAUTH0130W", "answered HTTP 503"),
                Arguments.of("404", status(404, "not here"), "JWTAUTH0130W", "answered HTTP 404"),
                Arguments.of("HTML", status(200, "<html>maintenance</html>"), "JWTAUTH0131W", "not a JSON object"),
                Arguments.of("an empty set", status(200, "{\"keys\":[]}"), "JWTAUTH0131W", "it is empty"),
                Arguments.of("a secret", status(200, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}"),
                        "JWTAUTH0131W", "secret key"),
                Arguments.of("a body past the limit, announced", (Answer) (exchange, released) -> {
                    exchange.sendResponseHeaders(200, MAX_BYTES + 1);
                    exchange.getResponseBody().write(new byte[MAX_BYTES + 1]);
                }, "JWTAUTH0130W", "answered more than " + MAX_BYTES + " bytes"),
                // Endless: had the body been read on, the fetch would have ended at the timeout, not at the limit.
                Arguments.of("an endless body", (Answer) (exchange, released) -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream body = exchange.getResponseBody();
                    byte[] chunk = " ".repeat(1024).getBytes(StandardCharsets.US_ASCII);
                    while (released.getCount() > 0) {
                        body.write(chunk);
                        body.flush();
                    }
                }, "JWTAUTH0130W", "answered more than " + MAX_BYTES + " bytes"),
                Arguments.of("headers, then silence", (Answer) (exchange, released) -> {
                    exchange.sendResponseHeaders(200, 1000);
                    exchange.getResponseBody().write("{\"keys\":".getBytes(StandardCharsets.US_ASCII));
                    exchange.getResponseBody().flush();
                    released.await();
                }, "JWTAUTH0130W", "did not answer within 1500 ms"),
                Arguments.of("no answer", (Answer) (exchange, released) -> released.await(),
                        "JWTAUTH0130W", "did not answer within 1500 ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void theLastGoodSetIsKeptWhateverTheIssuerAnswers(String what, Answer failure, String id, String reason) {
        RemoteKeySet keys = keySet();
        assertEquals(kids(A), kids(keys.current()));
        answer = failure;
        clock.advance(MIN_INTERVAL);
        List<VerificationKey> after = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> keys.refreshedFor(B.kid()),
                "never a hang past the fetch's time limit");
        assertEquals(kids(A), kids(after), what + ": the last good set is kept");
        assertEquals(2, fetches.get());
        String warning = assertLogged(id);
        assertTrue(warning.contains(reason), warning);
        assertTrue(warning.contains("(1 key) is kept"), warning);
        assertTrue(!warning.contains(B.kid()), "the kid a token named is not logged: " + warning);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void beforeAnyGoodFetchThereAreNoKeysAndOneTryPerInterval(String what, Answer failure, String id, String reason) {
        answer = failure;
        RemoteKeySet keys = keySet();
        assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(10), keys::current), what);
        assertEquals(List.of(), keys.refreshedFor(B.kid()), "not tried again within the interval");
        assertEquals(1, fetches.get());
        assertTrue(assertLogged(id).contains("no keys were fetched yet"));
        answer = jwks(A);
        clock.advance(MIN_INTERVAL);
        assertEquals(kids(A), kids(keys.refreshedFor(A.kid())), "the issuer back: its keys");
    }

    @Test
    void anIssuerThatIsNotThereIsTriedOncePerInterval() {
        server.stop(0);
        RemoteKeySet keys = keySet();
        assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(10), keys::current));
        assertTrue(assertLogged("JWTAUTH0130W").contains("ConnectException"));
        int warnings = log.size();
        keys.refreshedFor(A.kid());
        keys.current();
        assertEquals(warnings, log.size(), "no second try within the interval");
    }

    // ---- helpers

    /** 64 requests at once, each for a made-up kid; the distinct answers. */
    private List<List<String>> flood(RemoteKeySet keys) throws Exception {
        int n = 64;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return kids(keys.refreshedFor(UUID.randomUUID().toString()));
                }));
            }
            go.countDown();
            List<List<String>> distinct = new ArrayList<>();
            for (Future<List<String>> future : answers) {
                List<String> kids = future.get(10, TimeUnit.SECONDS);
                if (!distinct.contains(kids)) {
                    distinct.add(kids);
                }
            }
            return distinct;
        } finally {
            threads.shutdownNow();
        }
    }

    private String assertLogged(String id) {
        synchronized (log) {
            return log.stream().map(LogRecord::getMessage).filter(message -> message.startsWith(id + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " is logged, among " + log.stream().map(LogRecord::getMessage).toList()));
        }
    }

    private static Answer jwks(VerificationKey... keys) {
        List<Map<String, Object>> jwks = Stream.of(keys).map(key -> Jwks.publicJwk(key, JwsAlgorithm.RS256).orElseThrow()).toList();
        return status(200, JsonCodec.write(Map.of("keys", jwks)));
    }

    private static Answer status(int status, String body) {
        return (exchange, released) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** The same answer after a while, so that requests pile up behind the fetch. */
    private static Answer slowly(Answer answer) {
        return (exchange, released) -> {
            released.await(200, TimeUnit.MILLISECONDS);
            answer.answer(exchange, released);
        };
    }

    private static List<String> kids(VerificationKey... keys) {
        return kids(List.of(keys));
    }

    private static List<String> kids(List<VerificationKey> keys) {
        return keys.stream().map(VerificationKey::kid).toList();
    }

    private static RsaVerificationKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return RsaVerificationKey.of((RSAPublicKey) generator.generateKeyPair().getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
