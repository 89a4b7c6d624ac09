package dev.jwtauth.security;

import jakarta.security.enterprise.credential.Credential;

/** A compact JWT presented by a caller, for {@link JwtIdentityStore}. */
public record JwtCredential(String token) implements Credential {

    @Override
    public String toString() {
        // Never log the token itself: it is a bearer credential.
        return "JwtCredential[" + token.length() + " chars]";
    }
}
