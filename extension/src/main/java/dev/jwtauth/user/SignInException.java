package dev.jwtauth.user;

/** Why a sign-in with a password failed; the messages are the ones clients see (wire-protocol.md). */
public class SignInException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Unknown user or wrong password: one answer for both, so user names cannot be probed. */
        INVALID_CREDENTIALS("Invalid Username or Password"),
        LOCKED_OUT("This account has been locked");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public SignInException(Reason reason) {
        super(reason.message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
