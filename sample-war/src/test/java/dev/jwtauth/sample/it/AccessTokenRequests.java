package dev.jwtauth.sample.it;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Deployed only with {@link JavaClientIT}: counts the requests that reach {@code /access-token} on the server, so a
 * test sees how often a client really refreshed (not what the client says about itself).
 */
@WebFilter("/access-token")
public class AccessTokenRequests extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        COUNT.incrementAndGet();
        chain.doFilter(request, response);
    }

    /** {@code GET /it-access-token-requests}: how many came so far. */
    @Path("it-access-token-requests")
    public static class Count {
        @GET
        public String count() {
            return Integer.toString(COUNT.get());
        }
    }
}
