package dev.jwtauth.token;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A token whose signature and claims were checked.
 *
 * @param raw         the compact token as presented
 * @param algorithm   the algorithm its signature was verified with
 * @param header      the JOSE header
 * @param payload     the claims
 * @param subject     {@code sub}, read as text whether the issuer wrote a string or (like ServiceStack) a number
 * @param roles       {@code roles} and MP-JWT {@code groups}, in order, without duplicates
 * @param permissions {@code perms}
 * @param expiresAt   {@code exp}, seconds since the epoch
 */
public record VerifiedToken(
        String raw,
        JwsAlgorithm algorithm,
        JsonObject header,
        TokenClaims payload,
        String subject,
        Set<String> roles,
        List<String> permissions,
        long expiresAt) {

    public VerifiedToken {
        roles = Collections.unmodifiableSet(roles);
        permissions = List.copyOf(permissions);
    }

    /** Every claim, as the JSON-P object of the payload. */
    public JsonObject claims() {
        return payload.all();
    }

    /** A claim's value, or null if the token has none (or JSON {@code null}). */
    public JsonValue claim(String name) {
        return payload.get(name);
    }

    /** A claim that is a JSON string, if present. */
    public Optional<String> string(String claim) {
        return payload.get(claim) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }
}
