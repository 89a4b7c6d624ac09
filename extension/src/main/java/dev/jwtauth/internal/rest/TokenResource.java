package dev.jwtauth.internal.rest;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /session-to-token} and {@code /access-token}. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TokenResource {
    @Inject
    SessionToTokenService sessionToToken;

    @Inject
    AccessTokenService accessToken;

    @POST
    @Path("session-to-token")
    public Response sessionToToken(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        return sessionToToken.convert(RequestFields.ofBody(request), request, response);
    }

    @POST
    @Path("access-token")
    public Response accessToken(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        return accessToken.refresh(RequestFields.ofBody(request), request, response);
    }
}
