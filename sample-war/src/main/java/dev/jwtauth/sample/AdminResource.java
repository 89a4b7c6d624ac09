package dev.jwtauth.sample;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** For administrators only. */
@Path("/admin")
@RequestScoped
@RolesAllowed("Admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @GET
    public Map<String, Object> dashboard(@Context SecurityContext security) {
        return CallerView.of(security);
    }
}
