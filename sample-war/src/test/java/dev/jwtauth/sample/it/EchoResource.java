package dev.jwtauth.sample.it;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Deployed only with some tests ({@link RequestDtoTokenIT}): resources of an application that read the request body
 * jwtauth may have looked into for a token, and echo what they got.
 */
@Path("it-echo")
@RolesAllowed("User")
@Produces(MediaType.APPLICATION_JSON)
public class EchoResource {

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Map<String, Object> post(String body, @Context SecurityContext security) {
        return echo(security, body);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(String body, @Context SecurityContext security) {
        return echo(security, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, Object> form(@FormParam("a") String a, @FormParam("BearerToken") String token,
                                    @Context SecurityContext security) {
        Map<String, Object> echo = echo(security, a);
        echo.put("bearerTokenField", token);
        return echo;
    }

    @POST
    @Path("public")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> open(String body, @Context SecurityContext security) {
        return echo(security, body);
    }

    private static Map<String, Object> echo(SecurityContext security, String body) {
        Map<String, Object> echo = new LinkedHashMap<>();
        Principal caller = security.getUserPrincipal();
        echo.put("caller", caller == null ? null : caller.getName());
        echo.put("body", body);
        return echo;
    }
}
