package dev.jwtauth.sample.it.mpjwt;


import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Echoes the caller as Liberty's mpJwt sees it: the principal, its roles and the MP-JWT view of the token. */
@Path("/whoami")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReaderResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("User")
    public Map<String, Object> user(@Context SecurityContext security) {
        return view(security);
    }

    @GET
    @Path("admin")
    @RolesAllowed("Admin")
    public Map<String, Object> admin(@Context SecurityContext security) {
        return view(security);
    }

    private Map<String, Object> view(SecurityContext security) {
        Map<String, Object> view = new LinkedHashMap<>();
        Principal principal = security.getUserPrincipal();
        view.put("caller", principal == null ? "" : principal.getName());
        view.put("principalIsJwt", principal instanceof JsonWebToken);
        view.put("isUser", security.isUserInRole("User"));
        view.put("isAdmin", security.isUserInRole("Admin"));
        view.put("jwtName", String.valueOf(jwt.getName()));
        view.put("upn", String.valueOf(jwt.<Object>getClaim("upn")));
        view.put("groups", jwt.getGroups() == null ? List.of() : new TreeSet<>(jwt.getGroups()));
        view.put("issuer", String.valueOf(jwt.getIssuer()));
        view.put("subject", String.valueOf(jwt.getSubject()));
        view.put("claims", jwt.getClaimNames() == null ? List.of() : new TreeSet<>(jwt.getClaimNames()));
        return view;
    }
}
