package dev.jwtauth.internal.security;

import dev.jwtauth.internal.config.JwtEngine;

/** A compact JWT presented by a caller, and the engine (the tenant's) it must be valid for. */
record JwtCredential(String token, JwtEngine engine) {

    @Override
    public String toString() {
        // Never log the token itself: it is a bearer credential.
        return "JwtCredential[" + token.length() + " chars]";
    }
}
