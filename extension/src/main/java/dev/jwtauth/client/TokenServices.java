package dev.jwtauth.client;

import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.token.JsonCodec;

/**
 * The server's token services as a client calls them, in body mode (docs/http.md, "Token services"): sign-in,
 * refresh and logout, at the application's context root.
 */
final class TokenServices {
    static final String CREDENTIALS = "/auth/credentials";
    static final String ACCESS_TOKEN = "/access-token";
    static final String LOGOUT = "/auth/logout";
    /** Marks the requests of the token services: the session's filters leave them alone. */
    static final String REQUEST_PROPERTY = "dev.jwtauth.client.tokenService";

    private final WebTarget root;

    TokenServices(WebTarget root) {
        this.root = root;
    }

    /** Signs in with a password; the tokens, or the server's refusal. */
    Tokens signIn(String userName, String password) {
        Answer answer = post(CREDENTIALS, Map.of("userName", userName, "password", password, "useTokenCookie", false), null);
        if (!answer.successful()) {
            throw new TokenServiceException(CREDENTIALS, answer.status(), answer.refusal());
        }
        return new Tokens(answer.required(CREDENTIALS, "bearerToken"), answer.required(CREDENTIALS, "refreshToken"));
    }

    /**
     * A new access token for {@code refreshToken}. A refresh token sent in the body is not rotated (docs/http.md);
     * should a server answer a successor, it is kept.
     */
    Tokens refresh(String refreshToken) {
        Answer answer = post(ACCESS_TOKEN, Map.of("refreshToken", refreshToken), null);
        if (!answer.successful()) {
            throw new TokenRefreshException(answer.status(), answer.refusal());
        }
        return new Tokens(answer.required(ACCESS_TOKEN, "accessToken"), answer.string("refreshToken").orElse(refreshToken));
    }

    /** Revokes the refresh token (and its family), with the access token as the caller's. */
    void signOut(Tokens tokens) {
        Answer answer = post(LOGOUT, Map.of("refreshToken", tokens.refreshToken()), tokens.accessToken());
        if (!answer.successful()) {
            throw new TokenServiceException(LOGOUT, answer.status(), answer.refusal());
        }
    }

    private Answer post(String route, Map<String, ?> fields, String accessToken) {
        Invocation.Builder request = root.path(route.substring(1)).request(MediaType.APPLICATION_JSON_TYPE)
                .property(REQUEST_PROPERTY, Boolean.TRUE);
        if (accessToken != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
        try (Response response = request.post(Entity.json(JsonCodec.write(fields)))) {
            return new Answer(response.getStatus(), ResponseStatus.body(response.readEntity(String.class)));
        }
    }

    /** One answer of a token service: its status and JSON body (empty when it had none). */
    private record Answer(int status, JsonObject body) {
        boolean successful() {
            return status >= 200 && status < 300;
        }

        ResponseStatus refusal() {
            return ResponseStatus.of(body);
        }

        Optional<String> string(String name) {
            return body.get(name) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
        }

        /** A field a successful answer must have; its absence is the server's failure. */
        String required(String route, String name) {
            return string(name).orElseThrow(() -> new TokenServiceException(route, status,
                    new ResponseStatus("", "no " + name + " in the answer")));
        }
    }
}
