package dev.jwtauth.sample.it;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.jwtauth.IssuedRefreshToken;
import dev.jwtauth.JwtAuth;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.User;
import dev.jwtauth.user.UserStore;

/** Deployed only with some tests ({@link HooksIT}): application code using the ad hoc API, as a resource of the application. */
@Path("it-adhoc")
@Produces(MediaType.APPLICATION_JSON)
public class AdHocResource {
    @Inject
    JwtAuth jwt;

    @Inject
    UserStore users;

    @GET
    @Path("current")
    public String current() {
        Map<String, Object> answer = new LinkedHashMap<>();
        jwt.currentToken().ifPresent(token -> answer.put("token", token));
        jwt.currentCaller().ifPresent(caller -> answer.put("caller", caller.getName()));
        return JsonCodec.write(answer);
    }

    @POST
    @Path("check")
    public String check(String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", jwt.isValid(token));
        jwt.validPayload(token).ifPresent(payload -> answer.put("sub", payload.subject()));
        return JsonCodec.write(answer);
    }

    @POST
    @Path("issue/{name}")
    public String issue(@PathParam("name") String name) {
        User user = users.find(name).orElseThrow();
        IssuedRefreshToken refresh = jwt.createRefreshToken(user);
        return JsonCodec.write(Map.of("accessToken", jwt.createAccessToken(user), "refreshToken", refresh.token()));
    }

    /** Signs the user out everywhere, as an administrator's tool would. */
    @POST
    @Path("revoke/{name}")
    public String revoke(@PathParam("name") String name) {
        return JsonCodec.write(Map.of("revoked", jwt.revokeRefreshTokens(users.find(name).orElseThrow())));
    }

    @GET
    @Path("last-created")
    public String lastCreated() {
        return JsonCodec.write(Map.of("jti", HookFixtures.LAST_CREATED.get()));
    }
}
