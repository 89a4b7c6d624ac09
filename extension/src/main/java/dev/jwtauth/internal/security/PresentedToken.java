package dev.jwtauth.internal.security;

/**
 * A token found on a request, and where: a token that came in the {@code ss-tok} cookie and is refused gets that
 * cookie deleted, so a browser stops replaying it.
 */
record PresentedToken(String value, Origin origin) {

    public enum Origin {
        HEADER, COOKIE, QUERY, FORM,
        /** The request DTO's {@code BearerToken} field (query string, form or JSON body). */
        DTO,
        /** Two different tokens of one kind: refused, and no cookie is deleted (that could leave a planted one in charge). */
        SEVERAL
    }
}
