package dev.jwtauth.sample.it;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import dev.jwtauth.RequiresPermission;

/**
 * Deployed only with {@link RolesAndPermissionsIT}: a resource that is no CDI bean (no bean-defining annotation, in
 * an archive that discovers annotated beans only), protected by permissions.
 */
@Path("it-perms")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionResource {

    @GET
    @Path("read")
    @RequiresPermission("read")
    public Map<String, Object> read(@Context SecurityContext security) {
        return Map.of("caller", security.getUserPrincipal().getName());
    }

    @GET
    @Path("manage")
    @RequiresPermission({"read", "manage"})
    public Map<String, Object> manage(@Context SecurityContext security) {
        return Map.of("caller", security.getUserPrincipal().getName());
    }

    /** Names a role nothing else names: an Admin under the rule has it too. */
    @GET
    @Path("audit")
    @RolesAllowed("Auditor")
    public Map<String, Object> audit(@Context SecurityContext security) {
        return Map.of("caller", security.getUserPrincipal().getName());
    }
}
