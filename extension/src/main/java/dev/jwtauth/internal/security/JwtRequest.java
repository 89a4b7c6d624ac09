package dev.jwtauth.internal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.JwtPrincipal;

/**
 * The request as the application sees it: {@code getUserPrincipal()}, {@code isUserInRole()},
 * {@code getRemoteUser()} and {@code getAuthType()} answer from the request's token, verified when first asked.
 * JAX-RS builds its {@code SecurityContext} on these, and Liberty's {@code @RolesAllowed} filter asks them, so a
 * token authorises a JAX-RS call without a container login — the login is what made authenticated requests cost
 * several times a public one on Liberty (see docs/performance.md). Requests without a valid token fall back to the
 * container's answers.
 * <p>
 * Where the token may be in the body ({@code jwt.AllowInRequestDto}, {@code jwt.AllowInFormData}), the body is read
 * through {@link RequestBody} whoever comes first, and this request hands the application that copy: its stream,
 * reader and form parameters are the body as sent, whether or not jwtauth looked into it before.
 */
final class JwtRequest extends HttpServletRequestWrapper {
    private final HttpServletResponse response;
    private final RequestAuthenticator authenticator;

    JwtRequest(HttpServletRequest request, HttpServletResponse response, RequestAuthenticator authenticator) {
        super(request);
        this.response = response;
        this.authenticator = authenticator;
    }

    @Override
    public Principal getUserPrincipal() {
        JwtPrincipal principal = principal();
        return principal != null ? principal : super.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        JwtPrincipal principal = principal();
        if (principal == null) {
            return super.isUserInRole(role);
        }
        // Servlet 6.0 §13.3: "**" is any authenticated user.
        return principal.getGroups().contains(role) || "**".equals(role);
    }

    @Override
    public String getRemoteUser() {
        JwtPrincipal principal = principal();
        return principal != null ? principal.getName() : super.getRemoteUser();
    }

    @Override
    public String getAuthType() {
        if (!(caller() instanceof Caller.Authenticated authenticated)) {
            return super.getAuthType();
        }
        return authenticated.source() == Caller.Source.BASIC ? BASIC_AUTH : "Bearer";
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        Optional<RequestBody> body = body();
        return body.isPresent() ? body.get().stream() : super.getInputStream();
    }

    @Override
    public BufferedReader getReader() throws IOException {
        Optional<RequestBody> body = body();
        if (body.isEmpty()) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding();
        // Servlet 6.0 §3.12: a request that names no encoding is read as ISO-8859-1.
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(body.get().stream(), charset));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().map(all -> all.get(name)).orElseGet(() -> super.getParameterValues(name));
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters().map(all -> all.get(name)).orElseGet(() -> super.getParameterValues(name));
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters().orElseGet(super::getParameterMap);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return parameters().map(all -> Collections.enumeration(all.keySet())).orElseGet(super::getParameterNames);
    }

    /** The body as jwtauth keeps it, when it reads (or has read) it; none when it is the container's alone. */
    private Optional<RequestBody> body() throws IOException {
        HttpServletRequest request = (HttpServletRequest) getRequest();
        Optional<RequestBody> read = RequestBody.read(request);
        return read.isPresent() || !authenticator.looksInBody(request) ? read : Optional.of(RequestBody.of(request));
    }

    /**
     * The parameters of a form whose body jwtauth keeps: the container can no longer parse it, so they are parsed
     * from the kept copy. None for any other request.
     */
    private Optional<Map<String, String[]>> parameters() {
        if (!RequestBody.isForm(this)) {
            return Optional.empty();
        }
        try {
            Optional<RequestBody> body = body();
            return body.isPresent() ? Optional.of(body.get().parameters((HttpServletRequest) getRequest())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JwtPrincipal principal() {
        return caller() instanceof Caller.Authenticated authenticated ? authenticated.principal() : null;
    }

    private Caller caller() {
        HttpServletRequest request = (HttpServletRequest) getRequest();
        Caller caller = authenticator.caller(request);
        authenticator.forgetRefusedCookie(request, response, caller);
        return caller;
    }
}
