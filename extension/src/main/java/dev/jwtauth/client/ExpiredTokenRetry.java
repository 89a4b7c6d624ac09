package dev.jwtauth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A request that carried the session's token and got 401 {@code Token has expired} is sent once more with a new
 * access token ({@link TokenSession#renewed}), and its answer replaces the 401. The second answer is final, whatever
 * it is: the retry carries a mark this filter leaves alone, so there is never a loop.
 */
final class ExpiredTokenRetry implements ClientResponseFilter {
    /** Marks the one retry of a request. */
    static final String RETRY = "dev.jwtauth.client.retry";

    private final TokenSession session;

    ExpiredTokenRetry(TokenSession session) {
        this.session = session;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() != Response.Status.UNAUTHORIZED.getStatusCode() || request.getProperty(RETRY) != null
                || !(request.getProperty(BearerTokenFilter.SENT_TOKEN) instanceof String sent) || !expired(response)) {
            return;
        }
        Optional<String> renewed = session.renewed(sent);
        if (renewed.isEmpty() || !repeatable(request)) {
            return;
        }
        replace(response, retry(request, renewed.get()));
    }

    /** Whether the 401 is the refusal of an expired token; reads the body and puts it back for the caller. */
    private static boolean expired(ClientResponseContext response) throws IOException {
        if (!response.hasEntity()) {
            return false;
        }
        byte[] body;
        try (InputStream in = response.getEntityStream()) {
            body = in.readAllBytes();
        }
        response.setEntityStream(new ByteArrayInputStream(body));
        return ResponseStatus.of(ResponseStatus.body(new String(body, StandardCharsets.UTF_8))).expiredToken();
    }

    /** A stream or reader was consumed by the first request and cannot be sent again. */
    private static boolean repeatable(ClientRequestContext request) {
        return !(request.getEntity() instanceof InputStream || request.getEntity() instanceof Reader);
    }

    /** The same request (method, URI, headers, entity, properties) with the new token, through the same client. */
    private static Response retry(ClientRequestContext request, String token) {
        Invocation.Builder retry = request.getClient().target(request.getUri()).request();
        for (String name : request.getPropertyNames()) {
            if (!name.equals(BearerTokenFilter.SENT_TOKEN)) {
                retry.property(name, request.getProperty(name));
            }
        }
        retry.property(RETRY, Boolean.TRUE);
        request.getHeaders().forEach((name, values) -> {
            boolean replaced = name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                    || request.hasEntity() && name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE);
            if (!replaced) {
                values.forEach(value -> retry.header(name, value));
            }
        });
        retry.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return request.hasEntity()
                ? retry.method(request.getMethod(), Entity.entity(request.getEntity(), request.getMediaType(), request.getEntityAnnotations()))
                : retry.method(request.getMethod());
    }

    /** The retry's answer in place of the 401; its body is streamed, and closed with the caller's response. */
    private static void replace(ClientResponseContext response, Response answer) {
        response.setStatusInfo(answer.getStatusInfo());
        response.getHeaders().clear();
        answer.getStringHeaders().forEach((name, values) -> response.getHeaders().put(name, new ArrayList<>(values)));
        if (answer.hasEntity()) {
            response.setEntityStream(answer.readEntity(InputStream.class));
        } else {
            answer.close();
            response.setEntityStream(new ByteArrayInputStream(new byte[0]));
        }
    }
}
