package dev.jwtauth.token;

/**
 * A key given in configuration could not be read. The message says what is wrong with the format and never
 * contains key material, because these messages end up in server logs and deployment error pages.
 */
public final class KeyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
