package dev.jwtauth.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a form sign-in may send the browser: its own origin only. */
class FormRedirectTest {
    private static final String ORIGIN = "https://app.example:8443";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "/user|/user",
        "/app/a/b?x=1&y=%20z#top|/app/a/b?x=1&y=%20z#top",
        "/caf%C3%A9|/caf%C3%A9",
        "/.//evil.example|/.//evil.example",
        "https://app.example:8443/app/user?x=1|/app/user?x=1",
        "HTTPS://APP.EXAMPLE:8443/x|/x",
        "https://app.example:8443|/",
    })
    void aPlaceOnTheOwnOriginIsFollowed(String target, String location) {
        assertEquals(Optional.of(location), FormRedirect.sameOrigin(target, ORIGIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other origins
        "https://evil.example/", "http://app.example:8443/x", "https://app.example/x", "https://app.example:8444/x",
        "https://app.example.evil.example:8443/", "https://app.example:8443@evil.example/",
        "https://user@app.example:8443/x", "https://evil.example\\@app.example:8443/",
        // network paths, backslashes
        "//evil.example", "///evil.example", "//evil.example/app", "/\\evil.example", "\\\\evil.example",
        "\\/evil.example", "/x\\..\\..\\evil",
        // other schemes, relative references
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
        "vbscript:x", "evil.example", "user", "./user", "?next=1", "#top", "mailto:a@evil.example",
        // what browsers strip or mend: whitespace and control characters
        "/\t/evil.example", "/\n/evil.example", " /user", "/user ", "/x\r\nSet-Cookie: a=b", "/\u0000/evil.example",
        "/caf\u00e9",
        // the same hidden behind percent-encoding
        "%2F%2Fevil.example", "/%2F/evil.example", "/%2fevil.example", "/%5Cevil.example", "/%5cevil.example",
        "/x%0d%0aSet-Cookie:a=b", "/x%0ASet-Cookie:a=b", "/%09/evil.example", "https://app.example:8443/%2F/evil.example",
        // broken escapes, nothing at all
        "/%zz", "/%4", "/%", ""
    })
    void anythingElseIsRefused(String target) {
        assertEquals(Optional.empty(), FormRedirect.sameOrigin(target, ORIGIN), target);
    }

    @ParameterizedTest
    @CsvSource({"http://app.example,http://app.example:80/x,/x", "https://app.example,https://app.example:443/x,/x"})
    void aDefaultPortIsTheSameOrigin(String origin, String target, String location) {
        assertEquals(Optional.of(location), FormRedirect.sameOrigin(target, origin));
    }
}
