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

    static Map<String, Object> of(SecurityContext security, JsonWebToken jwt) {
        Map<String, Object> view = new LinkedHashMap<>();
        Principal principal = security.getUserPrincipal();
        view.put("caller", principal == null ? null : principal.getName());
        view.put("principalIsJwt", principal instanceof JsonWebToken);
        view.put("isUser", security.isUserInRole("User"));
        view.put("isAdmin", security.isUserInRole("Admin"));
        view.put("secure", security.isSecure());
        view.put("subject", jwt.getSubject());
        view.put("groups", jwt.getGroups());
        view.put("issuer", jwt.getIssuer());
        return view;
    }
}
