package dev.jwtauth.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** The user name and password of a request's {@code Authorization: Basic} header (RFC 7617). */
public record BasicCredentials(String userName, String password) {
    private static final String BASIC = "Basic ";

    /** The credentials of the request's {@code Authorization} header, if it is a well-formed Basic one. */
    public static Optional<BasicCredentials> of(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the request carries an {@code Authorization: Basic} header at all, well-formed or not. */
    static boolean presented(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + userName + "]";
    }
}
