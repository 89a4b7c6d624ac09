package dev.jwtauth.internal.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.User;

/**
 * The JSON of ServiceStack's {@code AuthenticateResponse}: camelCase, absent
 * values left out, dates ISO-8601 UTC.
 */
final class AuthenticateResponse {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AuthenticateResponse() {
    }

    /** A user who just signed in with {@code provider}. */
    static AuthenticateResponse of(User user, String sessionId, String provider) {
        AuthenticateResponse response = new AuthenticateResponse();
        response.put("userId", user.id());
        response.put("sessionId", sessionId);
        response.put("userName", user.userName());
        response.put("displayName", user.nameToShow());
        response.put("profileUrl", user.profile().profileUrl());
        response.fields.put("roles", user.roles());
        response.fields.put("permissions", user.permissions());
        response.put("authProvider", provider);
        return response;
    }

    /** The caller of a token ("who am I"), from its claims. */
    static AuthenticateResponse of(JwtPrincipal caller, String sessionId, String provider) {
        AuthenticateResponse response = new AuthenticateResponse();
        Optional<String> userName = caller.token().string("preferred_username").or(() -> caller.token().string("email"));
        response.put("userId", caller.getSubject());
        response.put("sessionId", sessionId);
        response.put("userName", userName);
        response.put("displayName", caller.token().string("name").or(() -> userName));
        response.put("profileUrl", caller.token().string("picture"));
        response.fields.put("roles", List.copyOf(caller.getGroups()));
        response.fields.put("permissions", caller.token().permissions());
        response.put("authProvider", provider);
        return response;
    }

    AuthenticateResponse bearerToken(String token) {
        fields.put("bearerToken", token);
        return this;
    }

    /**
     * The expiry in whole seconds: net.servicestack:client 1.0.49 reads an ISO-8601 date with a fraction as local
     * time, so a fraction would move it by the client's UTC offset.
     */
    AuthenticateResponse refreshToken(String token, Instant expiresAt) {
        fields.put("refreshToken", token);
        fields.put("refreshTokenExpiry", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString());
        return this;
    }

    AuthenticateResponse referrerUrl(Optional<String> url) {
        return put("referrerUrl", url);
    }

    private AuthenticateResponse put(String name, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> fields.put(name, v));
        return this;
    }

    private void put(String name, String value) {
        fields.put(name, value);
    }

    String json() {
        return JsonCodec.write(fields);
    }
}
