package dev.jwtauth.internal.rest;

import java.util.Locale;
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

import dev.jwtauth.internal.security.Refusal;

/**
 * ServiceStack's predefined routes, {@code /api/{Dto}} (the JS client) and {@code /json/reply/{Dto}} (the Java
 * client), for the four token services. The path only matches those four names, so an application's own
 * {@code /api/...} resources are not shadowed.
 */
@Path("{route: api|json/reply}/{dto: (?i)Authenticate|AuthenticateLogout|ConvertSessionToToken|GetAccessToken}")
@Produces(MediaType.APPLICATION_JSON)
public class DtoResource {
    @Inject
    AuthenticateService authenticate;

    @Inject
    SessionToTokenService sessionToToken;

    @Inject
    AccessTokenService accessToken;

    @GET
    public Response get(@PathParam("dto") String dto, @Context HttpServletRequest request,
                        @Context HttpServletResponse response) {
        return call(dto, RequestFields.ofParameters(request), true, request, response);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("dto") String dto, @Context HttpServletRequest request,
                         @Context HttpServletResponse response) {
        return call(dto, RequestFields.ofBody(request), false, request, response);
    }

    private Response call(String dto, RequestFields fields, boolean get, HttpServletRequest request,
                          HttpServletResponse response) {
        String name = dto.toLowerCase(Locale.ROOT);
        if (get && (name.equals("convertsessiontotoken") || name.equals("getaccesstoken"))) {
            // Their fields are credentials (a refresh token), which do not belong in URLs and server logs.
            throw ServiceError.of(Refusal.POST_ONLY, dto);
        }
        switch (name) {
            case "authenticate":
                return authenticate.authenticate(Optional.empty(), fields, get, request, response);
            case "authenticatelogout":
                return authenticate.logout(request, response, fields);
            case "convertsessiontotoken":
                return sessionToToken.convert(fields, request, response);
            default:
                return accessToken.refresh(fields, request, response);
        }
    }
}
