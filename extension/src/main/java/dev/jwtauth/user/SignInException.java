package dev.jwtauth.user;

import java.time.Duration;
import java.util.Optional;

/** Why a sign-in with a password failed; the messages are the ones clients see. */
public class SignInException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /**
         * Unknown user, wrong password, or an account locked by failed sign-ins: one answer for all, so neither
         * user names nor a right guess can be probed.
         */
        INVALID_CREDENTIALS("Invalid Username or Password"),
        /** Locked by the application ({@link UserStore#lock}); told only to someone who knows the password. */
        LOCKED_OUT("This account has been locked"),
        /** Throttled before the password was looked at, whether the user exists or not. */
        TOO_MANY_ATTEMPTS("Too many failed sign-ins; try again later");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;
    private final transient Optional<Duration> retryAfter;

    public SignInException(Reason reason) {
        this(reason, Optional.empty());
    }

    private SignInException(Reason reason, Optional<Duration> retryAfter) {
        super(reason.message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** {@link Reason#TOO_MANY_ATTEMPTS}: a sign-in may be tried again after {@code retryAfter}. */
    public static SignInException throttled(Duration retryAfter) {
        return new SignInException(Reason.TOO_MANY_ATTEMPTS, Optional.of(retryAfter));
    }

    public Reason reason() {
        return reason;
    }

    /** When a throttled sign-in may be tried again. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
