package dev.jwtauth.token;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The payload of a token: the claims jwtauth checks or serves on every request read when the token is, all others
 * parsed only when somebody asks for them. A server that sees many distinct tokens then builds no JSON object per
 * token, and remembers far less per cached token (docs/performance.md, "Why the mechanism is built this way").
 * <p>
 * The whole payload is still parsed and checked when the token is read — syntax, and no name twice — so a payload
 * that would fail later never verifies. A JSON {@code null} counts as absent.
 */
public final class TokenClaims {
    /** The claims read up front: those {@link TokenReader} checks, and those {@code JsonWebToken} has getters for. */
    static final List<String> KNOWN = List.of("exp", "nbf", "iat", "iss", "aud", "sub", "jti", "upn",
            "preferred_username", TokenPolicy.TENANT_CLAIM, "roles", "groups", "perms");
    private static final Map<String, Integer> POSITIONS = IntStream.range(0, KNOWN.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(KNOWN::get, i -> i));

    private final JsonValue[] known;
    /** The payload text again, when all claims are asked for: not kept, as a cached token would carry it twice. */
    private final Supplier<String> json;
    private volatile JsonObject all;

    private TokenClaims(JsonValue[] known, Supplier<String> json, JsonObject all) {
        this.known = known;
        this.json = json;
        this.all = all;
    }

    /**
     * The payload {@code json}, or {@link JsonException} if it is not one JSON object with distinct names;
     * {@code again} gives the same text when the other claims are asked for.
     */
    public static TokenClaims parse(String json, Supplier<String> again) {
        return new TokenClaims(JsonCodec.readMembers(json, POSITIONS), again, null);
    }

    /** Claims that were parsed already (ServiceStack's encrypted layout, tests). */
    public static TokenClaims of(JsonObject claims) {
        JsonValue[] known = new JsonValue[KNOWN.size()];
        for (int i = 0; i < known.length; i++) {
            JsonValue value = claims.get(KNOWN.get(i));
            known[i] = value == JsonValue.NULL ? null : value;
        }
        return new TokenClaims(known, null, claims);
    }

    /** A claim's value, or null if the payload has none (or JSON {@code null}). */
    public JsonValue get(String claim) {
        Integer position = POSITIONS.get(claim);
        if (position != null) {
            return known[position];
        }
        JsonValue value = all().get(claim);
        return value == JsonValue.NULL ? null : value;
    }

    /** Every claim, parsed on the first call. */
    public JsonObject all() {
        JsonObject parsed = all;
        if (parsed == null) {
            // Parsed before, when the token was read: it cannot fail now.
            parsed = JsonCodec.parseObject(json.get());
            all = parsed;
        }
        return parsed;
    }
}
