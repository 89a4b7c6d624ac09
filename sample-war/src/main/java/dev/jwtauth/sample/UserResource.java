package dev.jwtauth.sample;


import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** For signed-in users: echoes the caller and the claims injected with {@code @Claim}. */
@Path("/user")
@RequestScoped
@RolesAllowed("User")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    @Claim(standard = Claims.email)
    Optional<String> email;

    @Inject
    @Claim("perms")
    Set<String> permissions;

    @Inject
    @Claim("perms")
    JsonArray permissionsJson;

    @Inject
    @Claim(standard = Claims.preferred_username)
    ClaimValue<String> userName;

    @Inject
    @Claim(standard = Claims.exp)
    Long expiresAt;

    /** The same echo for a form post, so a token in the {@code ss-tok} form field can be tried (jwt.AllowInFormData). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, Object> meByForm(@Context SecurityContext security) {
        return me(security);
    }

    @GET
    public Map<String, Object> me(@Context SecurityContext security) {
        Map<String, Object> view = CallerView.of(security);
        view.put("injectedSubject", jwt.getSubject());
        view.put("email", email.orElse(null));
        view.put("perms", permissions);
        view.put("permsJson", permissionsJson == null ? null : permissionsJson.toString());
        view.put("userName", userName.getValue());
        view.put("exp", expiresAt);
        view.put("claimNames", jwt.getClaimNames());
        view.put("claims", claims());
        return view;
    }

    /**
     * Every claim of the token, as the application reads it: what the sample's page shows, since the token itself
     * is in an HttpOnly cookie that no script may read. The raw token is left out for the same reason.
     */
    private Map<String, Object> claims() {
        Map<String, Object> claims = new TreeMap<>();
        jwt.getClaimNames().stream().filter(name -> !name.equals(Claims.raw_token.name()))
                .forEach(name -> claims.put(name, jwt.getClaim(name)));
        return claims;
    }
}
