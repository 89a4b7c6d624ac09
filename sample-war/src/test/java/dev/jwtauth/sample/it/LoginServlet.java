package dev.jwtauth.sample.it;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed only with the tests of an application's own login: a login form's target that logs the caller in with
 * Jakarta Security's {@code SecurityContext.authenticate} and a user name and password — the way Liberty leaves an
 * application next to jwtauth's mechanism (it refuses {@code request.login} and a second mechanism) — then uses the
 * session as applications do, and answers the status and the container's caller. A refused login is answered as
 * the mechanism wrote it.
 */
@WebServlet("/it-login")
public class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext securityContext;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UsernamePasswordCredential credential = new UsernamePasswordCredential(request.getParameter("user"), request.getParameter("password"));
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            request.getSession().setAttribute("signedInAt", System.currentTimeMillis());
            response.setContentType("text/plain");
            response.getWriter().write(status + " " + securityContext.getCallerPrincipal().getName());
        }
    }
}
