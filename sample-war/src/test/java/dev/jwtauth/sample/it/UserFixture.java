package dev.jwtauth.sample.it;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.RefreshTokenStore;
import dev.jwtauth.token.Profile;
import dev.jwtauth.user.NewUser;
import dev.jwtauth.user.UserStore;

/**
 * Deployed only with the test archives: lets a test create its own users and change them between two requests,
 * through the same {@link UserStore} API an application uses. Every test uses fresh user names, because all
 * deployments on the test server share one database.
 */
@Path("it-users/{name}")
public class UserFixture {
    static final String PASSWORD = "it-password";

    @Inject
    UserStore users;

    @Inject
    @Builtin
    RefreshTokenStore refreshTokens;

    @PUT
    public String create(@PathParam("name") String name, @QueryParam("role") List<String> roles) {
        return users.create(NewUser.of(name, PASSWORD).withProfile(Profile.empty().withEmail(name + "@example.com"))
                .withRoles(roles.toArray(String[]::new))).id();
    }

    @POST
    @Path("roles")
    public void setRoles(@PathParam("name") String name, @QueryParam("role") List<String> roles) {
        users.setRoles(name, roles);
    }

    @POST
    @Path("lock")
    public void lock(@PathParam("name") String name) {
        users.lock(name);
    }

    @POST
    @Path("unlock")
    public void unlock(@PathParam("name") String name) {
        users.unlock(name);
    }

    @DELETE
    public Response delete(@PathParam("name") String name) {
        return users.delete(name) ? Response.noContent().build() : Response.status(404).build();
    }

    /** The user's new password is the request body. */
    @POST
    @Path("password")
    public void setPassword(@PathParam("name") String name, String password) {
        users.setPassword(name, password);
    }

    @GET
    @Path("password-hash")
    public String passwordHash(@PathParam("name") String name) {
        return users.passwordHashOf(name).orElseThrow();
    }

    @GET
    @Path("refresh-tokens")
    public long liveRefreshTokens(@PathParam("name") String name) {
        return refreshTokens.live(users.find(name).orElseThrow().id(), Instant.now());
    }
}
