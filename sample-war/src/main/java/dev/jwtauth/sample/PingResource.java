package dev.jwtauth.sample;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Open to everyone and never asks who the caller is (a health check, say): a token that comes along is not even
 * read, so a stale or broken one cannot make it fail, and a valid one costs nothing to carry.
 */
@Path("/ping")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    @GET
    public Map<String, Object> ping() {
        return Map.of("ping", "pong");
    }
}
