package dev.jwtauth.internal.rest;

import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.security.RefusalAnswer;

/**
 * A refusal's answer as a JAX-RS response, for the mappers that answer the application's own resources in the
 * shape of the token services ({@link ForbiddenMapper}, {@link StoreUnavailableMapper}, {@link PermissionFeature}): the same status, headers
 * and body as {@link RefusalAnswer#send} writes.
 */
final class RefusalResponse {
    private RefusalResponse() {
    }

    static Response of(RefusalAnswer answer) {
        answer.logSent();
        Response.ResponseBuilder response = Response.status(answer.status()).type(RefusalAnswer.CONTENT_TYPE);
        answer.headers().forEach(response::header);
        return response.entity(answer.json()).build();
    }
}
