package dev.jwtauth.sample;

import java.io.Closeable;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

import dev.jwtauth.client.TokenPropagation;

/**
 * The sample's {@code /user} resource seen as a downstream service, through MicroProfile Rest Client: every call
 * carries the token of the request being served ({@link TokenPropagation}). Closing it closes its connections.
 */
@Path("/user")
@RegisterClientHeaders(TokenPropagation.class)
public interface UserApi extends Closeable {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response me();
}
