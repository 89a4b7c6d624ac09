package dev.jwtauth.client;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * One signed-in caller of a jwtauth server, for a JAX-RS client: register it on the {@code Client} (or a
 * {@code WebTarget}) and every request carries its access token as {@code Authorization: Bearer}; a request refused
 * with 401 {@code Token has expired} gets a new access token through {@code POST /access-token} and is sent once
 * more with it. However many threads meet the expiry at once, one of them refreshes and the others wait for its
 * answer (no polling) and reuse the new token; a refused refresh is a {@link TokenRefreshException} for each of them,
 * and final: the session asks {@code /access-token} no more. Thread-safe; no state outside the instance.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient();
 * TokenSession session = TokenSession.signIn(client.target("https://api.example.com/"), "alice", password);
 * client.register(session);
 * Caller me = client.target("https://api.example.com/user").request().get(Caller.class);
 * }</pre>
 */
public final class TokenSession implements Feature {
    private final TokenServices services;
    private final Object lock = new Object();
    /** Null once signed out. Guarded by {@link #lock}, like the two fields below. */
    private Tokens tokens;
    /** The refresh in flight, which callers meeting an expired token wait for; null when none is. */
    private CompletableFuture<Tokens> refreshing;
    /** The server's final refusal of the refresh token, once it came. */
    private TokenRefreshException refused;

    private TokenSession(TokenServices services, Tokens tokens) {
        this.services = services;
        this.tokens = tokens;
    }

    /**
     * Signs in with user name (or e-mail) and password through {@code POST /auth/credentials} in body mode.
     *
     * @param service the application's context root (where {@code /auth/credentials} and {@code /access-token}
     *                are); requests to it carry whatever its configuration adds (a tenant header, say)
     * @throws TokenServiceException when the server refuses (401 {@code Invalid Username or Password}, 429, ...)
     * @throws ProcessingException   when no answer came
     */
    public static TokenSession signIn(WebTarget service, String userName, String password) {
        TokenServices services = new TokenServices(Objects.requireNonNull(service, "service"));
        return new TokenSession(services, services.signIn(Objects.requireNonNull(userName, "userName"),
                Objects.requireNonNull(password, "password")));
    }

    /**
     * Resumes a sign-in from its refresh token (one kept from {@link #refreshToken()}): gets an access token at
     * once through {@code POST /access-token}.
     *
     * @throws TokenRefreshException when the server refuses the refresh token
     * @throws ProcessingException   when no answer came
     */
    public static TokenSession resume(WebTarget service, String refreshToken) {
        TokenServices services = new TokenServices(Objects.requireNonNull(service, "service"));
        return new TokenSession(services, services.refresh(Objects.requireNonNull(refreshToken, "refreshToken")));
    }

    /** The access token requests carry now; empty once signed out. */
    public Optional<String> accessToken() {
        synchronized (lock) {
            return Optional.ofNullable(tokens).map(Tokens::accessToken);
        }
    }

    /** The refresh token, to keep for {@link #resume} (it changes if the server rotates it); empty once signed out. */
    public Optional<String> refreshToken() {
        synchronized (lock) {
            return Optional.ofNullable(tokens).map(Tokens::refreshToken);
        }
    }

    /**
     * Signs out through {@code POST /auth/logout}, which revokes the refresh token; afterwards requests carry no
     * token. The access token stays valid on the server until it expires (it is stateless).
     *
     * @throws TokenServiceException when the server refuses (the session is signed out all the same)
     */
    public void signOut() {
        Tokens last;
        synchronized (lock) {
            last = tokens;
            tokens = null;
        }
        if (last != null) {
            services.signOut(last);
        }
    }

    /** Registers the filter pair: bearer token on every request, one refresh and retry on an expired one. */
    @Override
    public boolean configure(FeatureContext context) {
        context.register(new BearerTokenFilter(this), Priorities.AUTHENTICATION);
        context.register(new ExpiredTokenRetry(this), Priorities.AUTHENTICATION);
        return true;
    }

    /**
     * A valid access token in place of {@code expired}, which the server refused as expired: the one a refresh
     * already brought, else the answer of the refresh in flight, else of one this thread makes. Empty when the
     * session was signed out meanwhile.
     *
     * @throws TokenRefreshException  the refresh's refusal or failure (the remembered one, once refused)
     * @throws ProcessingException    when the refresh got no answer
     * @throws InterruptedIOException when the thread was interrupted while it waited
     */
    Optional<String> renewed(String expired) throws InterruptedIOException {
        CompletableFuture<Tokens> flight;
        Tokens current;
        boolean mine = false;
        synchronized (lock) {
            if (tokens == null) {
                return Optional.empty();
            }
            if (!tokens.accessToken().equals(expired)) {
                return Optional.of(tokens.accessToken());
            }
            if (refused != null) {
                throw refused.again();
            }
            if (refreshing == null) {
                refreshing = new CompletableFuture<>();
                mine = true;
            }
            flight = refreshing;
            current = tokens;
        }
        if (mine) {
            refresh(flight, current);
        }
        try {
            return Optional.of(flight.get().accessToken());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a new access token");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TokenRefreshException refusal) {
                throw mine ? refusal : refusal.again();
            }
            throw new ProcessingException("no new access token from " + TokenServices.ACCESS_TOKEN, e.getCause());
        }
    }

    /** Runs the one refresh of {@code flight} and settles it for everyone waiting. */
    private void refresh(CompletableFuture<Tokens> flight, Tokens current) {
        try {
            Tokens renewed = services.refresh(current.refreshToken());
            synchronized (lock) {
                if (tokens == current) {
                    tokens = renewed;
                }
                refreshing = null;
            }
            flight.complete(renewed);
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (e instanceof TokenRefreshException refusal && refusal.refused()) {
                    refused = refusal;
                }
                refreshing = null;
            }
            flight.completeExceptionally(e);
        }
    }
}
