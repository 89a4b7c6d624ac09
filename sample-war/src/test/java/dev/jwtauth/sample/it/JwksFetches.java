package dev.jwtauth.sample.it;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /jwks-fetches}: how many times {@link JwksFetchCounter} saw the JWK Set fetched. */
@WebServlet("/jwks-fetches")
public class JwksFetches extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(JwksFetchCounter.fetches());
    }
}
