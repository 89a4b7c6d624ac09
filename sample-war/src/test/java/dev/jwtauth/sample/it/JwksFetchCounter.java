package dev.jwtauth.sample.it;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed only with the issuer of {@link RemoteKeySetIT}: counts the GETs of its {@code /.well-known/jwks.json} (every
 * fetch a reader makes), which {@link JwksFetches} answers, so the test sees what the issuer saw.
 */
@WebFilter("/.well-known/jwks.json")
public class JwksFetchCounter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger FETCHES = new AtomicInteger();

    static int fetches() {
        return FETCHES.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getMethod().equals("GET")) {
            FETCHES.incrementAndGet();
        }
        chain.doFilter(request, response);
    }
}
