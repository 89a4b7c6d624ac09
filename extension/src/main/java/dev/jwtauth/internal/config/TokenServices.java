package dev.jwtauth.internal.config;

/**
 * Which token services a deployment has, and what sign-in answers.
 *
 * @param convertSessionToToken            {@code /session-to-token} exists
 *                                         ({@code jwt.IncludeConvertSessionToTokenService}; global only)
 * @param accessToken                      {@code /access-token} exists ({@code jwt.IncludeAccessTokenService}; global only)
 * @param bearerTokenOnAuthenticateResponse a sign-in that puts the access token in the {@code ss-tok} cookie also
 *                                         answers it in {@code bearerToken}
 *                                         ({@code jwt.SetBearerTokenOnAuthenticateResponse})
 */
public record TokenServices(boolean convertSessionToToken, boolean accessToken, boolean bearerTokenOnAuthenticateResponse) {
}
