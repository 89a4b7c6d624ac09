package dev.jwtauth.sample;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Open to everyone; shows the caller when a valid token came along. */
@Path("/public")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {

    @GET
    public Map<String, Object> hello(@Context SecurityContext security) {
        return CallerView.of(security);
    }
}
