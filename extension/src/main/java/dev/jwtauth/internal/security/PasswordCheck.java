package dev.jwtauth.internal.security;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.config.JwtEngine;

/**
 * Checks a user name and password presented on the per-request path — HTTP Basic credentials of an ordinary request
 * ({@code jwt.AuthenticateBasicRequests}), or the application's own login through {@code SecurityContext.authenticate}
 * — as a sign-in checks them: throttle, identity stores or user store, lock-out. Implemented by the token services,
 * which own those rules; the per-request path reaches the stores only through this interface.
 */
public interface PasswordCheck {

    /**
     * The caller of the user name and password at {@code engine}'s tenant: {@link Caller.Authenticated} (source
     * {@link Caller.Source#BASIC}), {@link Caller.PasswordRefused} or {@link Caller.Unavailable}; never anonymous.
     */
    Caller caller(String userName, String password, JwtEngine engine, HttpServletRequest request);
}
