package dev.jwtauth.sample.it;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed only with {@link RolesAndPermissionsIT}: a servlet the container protects for a role, which then asks
 * the container's Jakarta Security {@code SecurityContext} and the request about roles.
 */
@WebServlet("/it-role-check")
@ServletSecurity(@HttpConstraint(rolesAllowed = "Auditor"))
public class RoleCheckServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("{\"callerInAuditor\":" + security.isCallerInRole("Auditor")
                + ",\"callerInUser\":" + security.isCallerInRole("User")
                + ",\"requestInUndeclared\":" + request.isUserInRole("Undeclared") + "}");
    }
}
