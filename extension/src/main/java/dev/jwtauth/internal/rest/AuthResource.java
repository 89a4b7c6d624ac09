package dev.jwtauth.internal.rest;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /auth} (who am I), {@code /auth/{provider}} (sign in with {@code credentials}, {@code login} or
 * {@code basic}) and {@code /auth/logout}. Passwords are taken from bodies only: a GET sign-in is refused (405).
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AuthenticateService authenticate;

    @GET
    public Response get(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        return authenticate.authenticate(Optional.empty(), RequestFields.ofParameters(request), true, request, response);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        return authenticate.authenticate(Optional.empty(), RequestFields.ofBody(request), false, request, response);
    }

    @GET
    @Path("{provider}")
    public Response get(@PathParam("provider") String provider, @Context HttpServletRequest request,
                        @Context HttpServletResponse response) {
        return authenticate.authenticate(Optional.of(provider), RequestFields.ofParameters(request), true, request, response);
    }

    @POST
    @Path("{provider}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("provider") String provider, @Context HttpServletRequest request,
                         @Context HttpServletResponse response) {
        return authenticate.authenticate(Optional.of(provider), RequestFields.ofBody(request), false, request, response);
    }
}
