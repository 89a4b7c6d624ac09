package dev.jwtauth.sample;

import java.io.IOException;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A plain servlet protected by a servlet security constraint: here the container itself needs the caller, so the
 * token's user is logged in to the container (the path EJBs and Jakarta Security's SecurityContext rely on).
 */
@WebServlet("/servlet/admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = "Admin"))
public class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("admin servlet for " + request.getUserPrincipal().getName());
    }
}
