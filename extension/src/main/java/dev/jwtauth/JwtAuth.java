package dev.jwtauth;

import java.util.Optional;

import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.VerifiedToken;

/**
 * jwtauth for application code (ServiceStack's ad hoc API): inject it ({@code @Inject JwtAuth jwt}) into a resource,
 * servlet or bean that serves a request. Everything happens as for the request being served: its tenant's keys and
 * settings, the application's filters and validators — the same answers the mechanism gives.
 */
public interface JwtAuth {

    /**
     * The token the current request presents (header, cookie, or the opt-in query/form field or {@code BearerToken}
     * field), not yet checked; none when it presents two different ones of a kind.
     */
    Optional<String> currentToken();

    /** The caller of the current request if it authenticated with a token (or a transparent refresh). */
    Optional<JwtPrincipal> currentCaller();

    /** The caller {@code token} stands for, or why it is refused ({@link TokenException#failure()}). */
    JwtPrincipal callerOf(String token) throws TokenException;

    /** Whether {@code token} would authenticate the current request. */
    default boolean isValid(String token) {
        return validPayload(token).isPresent();
    }

    /** The checked header and claims of {@code token}, or empty if it would not authenticate the current request. */
    default Optional<VerifiedToken> validPayload(String token) {
        try {
            return Optional.of(callerOf(token).token());
        } catch (TokenException e) {
            return Optional.empty();
        }
    }

    /** A new access token for {@code user}, as sign-in would issue it (filters and listeners included). */
    String createAccessToken(User user);

    /**
     * A new refresh token for {@code user} (a new family: one per device), redeemable at {@code /access-token} of the
     * current request's tenant. With a {@code UserSource}, {@link User#id()} is what it will be asked for.
     */
    IssuedRefreshToken createRefreshToken(User user);

    /**
     * Signs {@code user} out everywhere at the current request's tenant: revokes every refresh token of the user
     * issued there (every device, every rotation), in the application's {@code RefreshTokenStore} if it has one.
     * Access tokens already issued stay valid until they expire. How many refresh tokens were revoked.
     */
    int revokeRefreshTokens(User user);
}
