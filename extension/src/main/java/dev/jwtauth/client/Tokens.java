package dev.jwtauth.client;

/** What a session holds: the access token it sends, and the refresh token that renews it. */
record Tokens(String accessToken, String refreshToken) {
}
