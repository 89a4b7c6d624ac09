package dev.jwtauth.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenFailure;

/** The table of refusals, and what its answers put on the wire. */
class RefusalTest {

    /** One answer of every refusal, and of every token failure. */
    static Stream<RefusalAnswer> everyAnswer() {
        Stream<RefusalAnswer> table = Arrays.stream(Refusal.values())
                .filter(refusal -> refusal != Refusal.REFUSED_TOKEN && refusal != Refusal.TOO_MANY_REQUESTS)
                .map(refusal -> refusal.aboutField() ? refusal.about("field", "a", "b") : refusal.answer("a", "b"));
        Stream<RefusalAnswer> tokens = Arrays.stream(TokenFailure.values())
                .map(failure -> Refusal.refusedToken(new TokenException(failure, "detail")));
        return Stream.of(table, tokens, Stream.of(Refusal.throttled(Duration.ofSeconds(30)))).flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("everyAnswer")
    void every401AndOnlyA401ChallengesWithBearer(RefusalAnswer answer) {
        String challenge = answer.headers().get("WWW-Authenticate");
        if (answer.status() == 401) {
            assertTrue(challenge.equals("Bearer") || challenge.startsWith("Bearer error=\"invalid_token\""), answer::toString);
        } else {
            assertEquals(null, challenge, answer::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("everyAnswer")
    void a429Or503AndOnlyThemSayWhenToTryAgain(RefusalAnswer answer) {
        assertEquals(answer.status() == 429 || answer.status() == 503, answer.headers().containsKey("Retry-After"),
                answer::toString);
    }

    @ParameterizedTest
    @MethodSource("everyAnswer")
    void theServletWriterSendsTheAnswerCommittedUnlessA401(RefusalAnswer answer) throws IOException {
        RecordingResponse recorded = new RecordingResponse();
        answer.send(recorded.proxy());
        assertEquals(answer.status(), recorded.status);
        assertEquals(RefusalAnswer.CONTENT_TYPE, recorded.contentType);
        assertEquals(answer.headers(), recorded.headers);
        assertEquals(answer.json(), recorded.body.toString());
        assertEquals(answer.status() != 401, recorded.flushed, "Liberty makes an uncommitted failure a 401");
        assertEquals("no-store", recorded.headers.get("Cache-Control"));
    }

    @Test
    void aRefusedTokenHasItsDetailInTheBodyAndOnlyItsFixedReasonInTheChallenge() {
        RefusalAnswer answer = Refusal.refusedToken(new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM, "HS256\r\nX: y"));
        assertEquals(401, answer.status());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"Token algorithm is not supported\"",
                answer.headers().get("WWW-Authenticate"));
        assertEquals("{\"responseStatus\":{\"errorCode\":\"TokenException\",\"message\":"
                + "\"Token algorithm is not supported: HS256\\r\\nX: y\",\"errors\":[]}}", answer.json());
    }

    @Test
    void aTokenTheApplicationRejectedIs403TokenIsInvalidWithNoChallenge() {
        RefusalAnswer answer = Refusal.refusedToken(new TokenException(TokenFailure.REJECTED));
        assertEquals(403, answer.status());
        assertEquals("{\"responseStatus\":{\"errorCode\":\"Forbidden\",\"message\":\"Token is invalid\",\"errors\":[]}}",
                answer.json());
        assertFalse(answer.headers().containsKey("WWW-Authenticate"));
    }

    @Test
    void noCredentialsChallengeWithPlainBearer() {
        RefusalAnswer answer = Refusal.NOT_AUTHENTICATED.answer();
        assertEquals(Map.of("Cache-Control", "no-store", "WWW-Authenticate", "Bearer"), answer.headers());
        assertEquals("{\"responseStatus\":{\"errorCode\":\"Unauthorized\",\"message\":\"Not Authenticated\",\"errors\":[]}}",
                answer.json());
    }

    @Test
    void aFieldRefusalNamesTheFieldInErrors() {
        assertEquals("{\"responseStatus\":{\"errorCode\":\"ArgumentNullException\",\"message\":"
                        + "\"Value cannot be null. (Parameter 'refreshToken')\",\"errors\":[{\"errorCode\":\"ArgumentNullException\","
                        + "\"fieldName\":\"refreshToken\",\"message\":\"Value cannot be null.\"}]}}",
                Refusal.MISSING_REFRESH_TOKEN.about("refreshToken").json());
        assertEquals("{\"responseStatus\":{\"errorCode\":\"SerializationException\",\"message\":\"'meta' must be an object\","
                        + "\"errors\":[{\"errorCode\":\"SerializationException\",\"fieldName\":\"meta\","
                        + "\"message\":\"'meta' must be an object\"}]}}",
                Refusal.WRONG_TYPE.about("meta", "meta", "an object").json());
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() {
        assertEquals("5", Refusal.STORE_UNAVAILABLE.answer().headers().get("Retry-After"));
        assertEquals("2", Refusal.throttled(Duration.ofMillis(1001)).headers().get("Retry-After"));
        assertEquals("1", Refusal.throttled(Duration.ZERO).headers().get("Retry-After"));
    }

    @Test
    void aRefusalCannotBeAnsweredWithoutWhatItsAnswerNeeds() {
        assertThrows(IllegalStateException.class, () -> Refusal.REFUSED_TOKEN.answer("no token failure"));
        assertThrows(IllegalStateException.class, () -> Refusal.EMPTY_FIELD.answer("no field"));
        assertThrows(IllegalStateException.class, () -> Refusal.CROSS_SITE.about("not about a field"));
        assertThrows(IllegalArgumentException.class, () -> Refusal.TOO_MANY_REQUESTS.answer());
    }

    /** An {@link HttpServletResponse} that records what the writer did with it. */
    private static final class RecordingResponse {
        int status;
        String contentType;
        final Map<String, String> headers = new LinkedHashMap<>();
        final StringWriter body = new StringWriter();
        boolean flushed;

        HttpServletResponse proxy() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setContentType" -> contentType = (String) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "getWriter" -> {
                                return writer;
                            }
                            case "flushBuffer" -> {
                                writer.flush();
                                flushed = true;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }
}
