package dev.jwtauth.sample;


import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** What every sample resource echoes: who the container says the caller is, and what the token says. */
final class CallerView {
    private CallerView() {
    }

    static Map<String, Object> of(SecurityContext security) {
        Map<String, Object> view = new LinkedHashMap<>();
        Principal principal = security.getUserPrincipal();
        // With jwtauth (as with MicroProfile JWT) the caller principal of a token is its JsonWebToken.
        JsonWebToken jwt = principal instanceof JsonWebToken token ? token : null;
        view.put("caller", principal == null ? null : principal.getName());
        view.put("principalIsJwt", principal instanceof JsonWebToken);
        view.put("isUser", security.isUserInRole("User"));
        view.put("isAdmin", security.isUserInRole("Admin"));
        view.put("secure", security.isSecure());
        view.put("subject", jwt == null ? null : jwt.getSubject());
        view.put("groups", jwt == null ? null : jwt.getGroups());
        view.put("issuer", jwt == null ? null : jwt.getIssuer());
        return view;
    }
}
