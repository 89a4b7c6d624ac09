package dev.jwtauth.spi;

/**
 * The store (its database) failed or could not be reached, so nothing was decided: the client may try again (503
 * {@code ServiceUnavailable}). Throw it from a {@link RefreshTokenStore} or {@link UserSource} that cannot answer. What
 * the database said goes to the log, never to the client, because it names tables, columns and SQL.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException() {
        super("The user store is unavailable", null, false, false);
    }
}
