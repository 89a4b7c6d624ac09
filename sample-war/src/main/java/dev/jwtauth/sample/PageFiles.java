package dev.jwtauth.sample;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the sign-in page's files (src/main/webapp) at the context root. The container's own file serving cannot:
 * the JAX-RS application at "/" takes every path, and only exact servlet mappings come before it.
 */
@WebServlet({"", "/index.html", "/app.js", "/app.css"})
public class PageFiles extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String PAGE = "/index.html";
    private static final Map<String, String> TYPES = Map.of(
            PAGE, "text/html;charset=UTF-8",
            "/app.js", "text/javascript;charset=UTF-8",
            "/app.css", "text/css;charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath().isEmpty() ? PAGE : request.getServletPath();
        response.setContentType(TYPES.get(path));
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // the page's script and styles are its own files only: an injected inline script would not run
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        try (InputStream file = getServletContext().getResourceAsStream(path)) {
            file.transferTo(response.getOutputStream());
        }
    }
}
