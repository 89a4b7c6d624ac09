package dev.jwtauth.token;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A token whose signature and claims were checked. Claim values are as JSON parsed them: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}.
 *
 * @param raw         the compact token as presented
 * @param algorithm   the algorithm its signature was verified with
 * @param header      the JOSE header
 * @param claims      the payload
 * @param subject     {@code sub}, read as text whether the issuer wrote a string or (like ServiceStack) a number
 * @param roles       {@code roles} and MP-JWT {@code groups}, in order, without duplicates
 * @param permissions {@code perms}
 * @param expiresAt   {@code exp}, seconds since the epoch
 */
public record VerifiedToken(
        String raw,
        JwsAlgorithm algorithm,
        Map<String, Object> header,
        Map<String, Object> claims,
        String subject,
        Set<String> roles,
        List<String> permissions,
        long expiresAt) {

    public VerifiedToken {
        header = Map.copyOf(header);
        claims = java.util.Collections.unmodifiableMap(claims);
        roles = java.util.Collections.unmodifiableSet(roles);
        permissions = List.copyOf(permissions);
    }

    /** A claim that is a JSON string, if present. */
    public Optional<String> string(String claim) {
        return claims.get(claim) instanceof String value ? Optional.of(value) : Optional.empty();
    }
}
