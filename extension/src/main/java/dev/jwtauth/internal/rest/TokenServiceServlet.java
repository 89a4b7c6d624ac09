package dev.jwtauth.internal.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.config.TokenServices;
import dev.jwtauth.internal.security.Refusal;
import dev.jwtauth.internal.security.RefusalAnswer;
import dev.jwtauth.spi.StoreUnavailableException;

/**
 * jwtauth's routes (docs/http.md, "Token services") at the context root, where ServiceStack's clients look, whatever
 * the application's {@code @ApplicationPath}: a servlet of jwtauth's own, so they are never under the application's
 * JAX-RS root nor twice, and the application's JAX-RS runtime (and with it mpOpenAPI) never sees them. Each route
 * calls its service; a refusal is answered as the mechanism answers it ({@link RefusalAnswer#send}).
 * {@link TokenServiceRegistration} maps it to {@link #mappings}.
 */
public class TokenServiceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final List<String> DTOS = List.of("Authenticate", "AuthenticateLogout", "ConvertSessionToToken",
            "GetAccessToken");
    /**
     * Exact paths but {@code /auth/*}: the application keeps every other path, {@code /api/...} among them. A service
     * switched off ({@code jwt.IncludeConvertSessionToTokenService}, {@code jwt.IncludeAccessTokenService}) has no
     * route at all: its paths answer whatever the application answers for a path it does not know.
     */
    static List<String> mappings(TokenServices services) {
        List<String> dtos = DTOS.stream().filter(dto -> included(dto, services)).toList();
        return Stream.concat(
                Stream.of("/auth", "/auth/*", "/.well-known/jwks.json", services.convertSessionToToken() ? "/session-to-token" : null,
                        services.accessToken() ? "/access-token" : null).filter(Objects::nonNull),
                // ServiceStack's predefined routes, by DTO name as its clients write it, or in lower case
                Stream.of("/api/", "/json/reply/").flatMap(prefix -> dtos.stream()
                        .flatMap(dto -> Stream.of(prefix + dto, prefix + dto.toLowerCase(Locale.ROOT))))).toList();
    }

    private static boolean included(String dto, TokenServices services) {
        return switch (dto) {
            case "ConvertSessionToToken" -> services.convertSessionToToken();
            case "GetAccessToken" -> services.accessToken();
            default -> true;
        };
    }

    private static final String GET = "GET";
    private static final String POST = "POST";

    @Inject
    transient AuthenticateService authenticate;

    @Inject
    transient SessionToTokenService sessionToToken;

    @Inject
    transient AccessTokenService accessToken;

    @Inject
    transient JwksService jwks;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + Objects.requireNonNullElse(request.getPathInfo(), "");
        boolean head = request.getMethod().equals("HEAD");
        String method = head ? GET : request.getMethod();
        List<String> allowed = allowedMethods(path);
        try {
            if (method.equals("OPTIONS")) {
                response.setHeader("Allow", allow(allowed));
            } else if (!allowed.contains(method)) {
                response.setHeader("Allow", allow(allowed));
                throw ServiceError.of(Refusal.METHOD_NOT_ALLOWED, dto(path).orElse(path), String.join(" or ", allowed));
            } else {
                write(call(path, method.equals(GET), request, response), response, !head);
            }
        } catch (ServiceError e) {
            e.answer().send(response);
        } catch (StoreUnavailableException e) {
            Refusal.STORE_UNAVAILABLE.answer().send(response);
        }
    }

    /** What the route's service answers; a GET takes its fields from the query string, a POST from the body. */
    private Response call(String path, boolean get, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> dto = dto(path);
        if (dto.isPresent()) {
            return dto(dto.get(), get ? RequestFields.ofParameters(request) : RequestFields.ofBody(request), get,
                    request, response);
        }
        switch (path) {
            case "/session-to-token":
                return sessionToToken.convert(RequestFields.ofBody(request), request, response);
            case "/access-token":
                return accessToken.refresh(RequestFields.ofBody(request), request, response);
            case "/.well-known/jwks.json":
                return jwks.keys(request);
            default:
                // /auth, /auth/{provider}
                Optional<String> provider = Optional.of(path.substring("/auth".length()).replaceFirst("^/", ""))
                        .filter(name -> !name.isEmpty());
                return authenticate.authenticate(provider, get ? RequestFields.ofParameters(request)
                        : RequestFields.ofBody(request), get, request, response);
        }
    }

    /** ServiceStack's {@code /api/{Dto}} (the JS client) and {@code /json/reply/{Dto}} (the Java client). */
    private Response dto(String dto, RequestFields fields, boolean get, HttpServletRequest request,
                         HttpServletResponse response) {
        switch (dto.toLowerCase(Locale.ROOT)) {
            case "authenticate":
                return authenticate.authenticate(Optional.empty(), fields, get, request, response);
            case "authenticatelogout":
                return authenticate.logout(request, response, fields);
            case "convertsessiontotoken":
                return sessionToToken.convert(fields, request, response);
            default:
                return accessToken.refresh(fields, request, response);
        }
    }

    /**
     * {@code GET} where a route reads nothing secret: who am I and sign-in (which refuses it itself), logout, the
     * keys. The others take credentials (a refresh token), which do not belong in URLs and server logs.
     */
    private static List<String> allowedMethods(String path) {
        Optional<String> dto = dto(path);
        if (path.equals("/.well-known/jwks.json")) {
            return List.of(GET);
        }
        if (path.equals("/session-to-token") || path.equals("/access-token")
                || dto.filter(name -> name.equalsIgnoreCase("ConvertSessionToToken") || name.equalsIgnoreCase("GetAccessToken")).isPresent()) {
            return List.of(POST);
        }
        return List.of(GET, POST);
    }

    private static Optional<String> dto(String path) {
        return Stream.of("/api/", "/json/reply/").filter(path::startsWith).map(prefix -> path.substring(prefix.length()))
                .findFirst();
    }

    private static String allow(List<String> methods) {
        return String.join(", ", Stream.concat(methods.stream(), Stream.of(methods.contains(GET) ? "HEAD" : null, "OPTIONS"))
                .filter(Objects::nonNull).toList());
    }

    /** The service's answer, as the JAX-RS runtime would have written it: status, headers and its JSON text. */
    private static void write(Response answer, HttpServletResponse response, boolean withBody) throws IOException {
        response.setStatus(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (answer.hasEntity()) {
            byte[] body = ((String) answer.getEntity()).getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            if (withBody) {
                response.getOutputStream().write(body);
            }
        }
    }
}
