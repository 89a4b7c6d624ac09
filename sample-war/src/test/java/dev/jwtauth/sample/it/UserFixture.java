package dev.jwtauth.sample.it;

import java.time.Instant;
import java.util.ArrayList;
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

import dev.jwtauth.User;
import dev.jwtauth.spi.Builtin;
import dev.jwtauth.spi.RefreshTokenStore;
import dev.jwtauth.token.Profile;
import dev.jwtauth.user.ImportedPassword;
import dev.jwtauth.user.NewUser;
import dev.jwtauth.user.UserStore;
import dev.jwtauth.user.UserStoreException;

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

    /**
     * Imports this user and the {@code also} ones in one call, all with the hash given as {@code aspNetV3}, or as
     * {@code ssHash} and {@code ssSalt}: 200 with their ids, or 409 with the store's refusal.
     */
    @POST
    @Path("import")
    public Response importUsers(@PathParam("name") String name, @QueryParam("also") List<String> others,
                                @QueryParam("aspNetV3") String aspNetV3, @QueryParam("ssHash") String ssHash,
                                @QueryParam("ssSalt") String ssSalt) {
        ImportedPassword hash = aspNetV3 != null ? ImportedPassword.aspNetIdentityV3(aspNetV3)
                : ImportedPassword.serviceStackSaltedHash(ssHash, ssSalt);
        List<NewUser> imported = new ArrayList<>();
        imported.add(NewUser.imported(name, hash).withRoles("User"));
        others.forEach(other -> imported.add(NewUser.imported(other, hash).withRoles("User")));
        try {
            return Response.ok(users.importUsers(imported).stream().map(User::id).toList().toString()).build();
        } catch (UserStoreException e) {
            return Response.status(409).entity(e.getMessage()).build();
        }
    }

    @POST
    @Path("profile")
    public Response setProfile(@PathParam("name") String name, @QueryParam("email") String email,
                               @QueryParam("displayName") String displayName) {
        try {
            Profile profile = Profile.empty().withEmail(email);
            users.setProfile(name, displayName == null ? profile : profile.withDisplayName(displayName));
            return Response.noContent().build();
        } catch (UserStoreException e) {
            return Response.status(409).entity(e.getMessage()).build();
        }
    }

    @GET
    @Path("exists")
    public boolean exists(@PathParam("name") String name) {
        return users.find(name).isPresent();
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
