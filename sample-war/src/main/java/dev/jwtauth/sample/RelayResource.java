package dev.jwtauth.sample;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * A service calling another service as its caller: {@code GET /relay/user} asks the sample's own {@code /user} (at
 * the address this request came to) through {@link UserApi}, which propagates the caller's token, and answers what
 * it answered — the caller, or its refusal (401 without a token). Open itself: the downstream service decides.
 */
@Path("/relay")
@RequestScoped
public class RelayResource {
    /** Every status as a {@link Response}: the default mapper would throw for those from 400 on. */
    private static final String ANSWERS_AS_RESPONSES = "microprofile.rest.client.disable.default.mapper";

    @GET
    @Path("user")
    public Response user(@Context UriInfo uri) {
        try (UserApi downstream = RestClientBuilder.newBuilder().baseUri(uri.getBaseUri())
                .property(ANSWERS_AS_RESPONSES, true).build(UserApi.class)) {
            return relayed(downstream.me());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response relayed(Response answer) {
        try (answer) {
            return Response.status(answer.getStatus()).type(MediaType.APPLICATION_JSON).entity(answer.readEntity(String.class)).build();
        }
    }
}
