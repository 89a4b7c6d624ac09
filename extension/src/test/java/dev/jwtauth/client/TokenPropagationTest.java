package dev.jwtauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

/** Which token of an incoming request goes downstream: the rules of {@link TokenPropagation}, header by header. */
class TokenPropagationTest {
    private final TokenPropagation propagation = new TokenPropagation();

    @Test
    void theBearerTokenGoesOnWhateverTheCaseOfItsHeader() {
        assertEquals(Map.of("Authorization", List.of("Bearer a.b.c")), propagated(headers("authorization", "bearer a.b.c")));
        assertEquals(Map.of("Authorization", List.of("Bearer a.b.c")), propagated(headers("Authorization", "Bearer a.b.c")));
    }

    @Test
    void theSsTokCookieGoesOnAsABearerToken() {
        assertEquals(Map.of("Authorization", List.of("Bearer c.o.o")),
                propagated(headers("Cookie", "theme=dark; ss-tok=c.o.o; ss-reftok=r")));
        assertEquals(Map.of("Authorization", List.of("Bearer c.o.o")), propagated(headers("cookie", "ss-tok=\"c.o.o\"")));
    }

    @Test
    void theHeaderWinsOverTheCookieAsOnTheServer() {
        MultivaluedMap<String, String> both = headers("Authorization", "Bearer h.e.a");
        both.add("Cookie", "ss-tok=c.o.o");
        assertEquals(Map.of("Authorization", List.of("Bearer h.e.a")), propagated(both));
    }

    @Test
    void noTokenTwoTokensOrAnotherSchemePropagateNothing() {
        assertEquals(Map.of(), propagated(new MultivaluedHashMap<>()));
        assertEquals(Map.of(), propagated(headers("Authorization", "Basic YWxpY2U6cHc=")));
        assertEquals(Map.of(), propagated(headers("Cookie", "ss-tok=; other=x")));
        MultivaluedMap<String, String> two = headers("Authorization", "Bearer one");
        two.add("Authorization", "Bearer two");
        assertEquals(Map.of(), propagated(two), "two different tokens: whose call is it?");
        assertEquals(Map.of(), propagated(headers("Cookie", "ss-tok=one; ss-tok=two")));
        assertEquals(Map.of(), propagation.update(null, new MultivaluedHashMap<>()));
    }

    @Test
    void aCallsOwnAuthorizationIsKept() {
        MultivaluedMap<String, String> outgoing = headers("Authorization", "Bearer own");
        assertEquals(Map.of(), propagation.update(headers("Authorization", "Bearer incoming"), outgoing));
    }

    private Map<String, List<String>> propagated(MultivaluedMap<String, String> incoming) {
        return Map.copyOf(propagation.update(incoming, new MultivaluedHashMap<>()));
    }

    private static MultivaluedMap<String, String> headers(String name, String value) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.add(name, value);
        return headers;
    }
}
