package dev.jwtauth.internal.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.jwtauth.internal.security.RefusalAnswer;

/**
 * Writes a {@link ServiceError}; the JAX-RS side's one writer of refusals, which the other mappers use too. The
 * answer is built from the same status, headers and body as the mechanism's ({@link RefusalAnswer#send}).
 */
@Provider
public class ServiceErrorMapper implements ExceptionMapper<ServiceError> {

    @Override
    public Response toResponse(ServiceError error) {
        return response(error.answer());
    }

    static Response response(RefusalAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(RefusalAnswer.CONTENT_TYPE);
        answer.headers().forEach(response::header);
        return response.entity(answer.json()).build();
    }
}
