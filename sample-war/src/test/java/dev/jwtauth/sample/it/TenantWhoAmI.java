package dev.jwtauth.sample.it;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Deployed with {@link TenantsIT}'s second archive: a resource under a tenant path segment ({@code /acme/whoami}). */
@Path("{tenant}/whoami")
public class TenantWhoAmI {
    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("User")
    @Produces(MediaType.TEXT_PLAIN)
    public String whoAmI(@PathParam("tenant") String tenant) {
        return token.getName() + "@" + token.getClaim("tenant");
    }
}
