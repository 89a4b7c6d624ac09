package dev.jwtauth.sample.it;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import dev.jwtauth.RequiresPermission;

/**
 * Deployed only with {@link RolesAndPermissionsIT}: a resource that is a CDI bean, with permissions on the class and
 * a method (the caller needs both), and a public method that calls a protected bean ({@link Reports}).
 */
@Path("it-perms-bean")
@RequestScoped
@RequiresPermission("read")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionBeanResource {
    @Inject
    Reports reports;

    @GET
    @Path("write")
    @RequiresPermission("write")
    public Map<String, Object> write(@Context SecurityContext security) {
        return Map.of("caller", security.getUserPrincipal().getName());
    }

    /** Open to every reader; the bean it calls is not. */
    @GET
    @Path("report")
    public Map<String, Object> report() {
        return Map.of("report", reports.run());
    }
}
