package dev.jwtauth;

import java.time.Instant;

/** A refresh token as handed to a client, and when it expires. */
public record IssuedRefreshToken(String token, Instant expiresAt) {
}
