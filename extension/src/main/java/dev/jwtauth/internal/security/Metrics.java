package dev.jwtauth.internal.security;

import dev.jwtauth.internal.config.JwtEngine;

/**
 * What jwtauth counts for an operator: token outcomes, sign-ins, refreshes and refresh-token reuse. The bean is
 * {@link #NONE} unless the application has MicroProfile Metrics (the CDI extension decides once, at start), and then
 * costs nothing per request: {@code NONE} is injected as it is (a {@code @Singleton}, no client proxy), its methods
 * are empty, and every argument is a value the caller holds anyway (an engine, an enum constant's name, a
 * {@code long}), so a call allocates nothing and is inlined away. Reasons are the names of {@code TokenFailure},
 * {@code SignInException.Reason}, {@code RefreshException.Reason} and {@link Refusal} constants.
 */
public interface Metrics {
    /** Counts nothing. */
    Metrics NONE = new Metrics() {
    };

    String ACCEPTED = "ACCEPTED";
    String SUCCESS = "SUCCESS";

    /** A presented token was accepted ({@link #ACCEPTED}) or refused for {@code reason}, at {@code engine}'s tenant. */
    default void token(JwtEngine engine, String reason) {
    }

    /** When a password sign-in started, for {@link #signIn}: {@link System#nanoTime} if it is measured, else 0. */
    default long signInStarted() {
        return 0;
    }

    /** A password sign-in that started at {@code started} ended with {@code result} ({@link #SUCCESS} or a reason). */
    default void signIn(String result, long started) {
    }

    /** A refresh token was redeemed ({@link #SUCCESS}) or refused for {@code result}, at {@code engine}'s tenant. */
    default void refresh(JwtEngine engine, String result) {
    }

    /** A replaced refresh token came back past the grace period: its family was revoked. */
    default void reuseDetected(JwtEngine engine) {
    }
}
