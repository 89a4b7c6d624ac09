package dev.jwtauth.user;

/** A change the user store refuses: a user name or e-mail address already taken, or a user that does not exist. */
public class UserStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserStoreException(String message) {
        super(message);
    }
}
