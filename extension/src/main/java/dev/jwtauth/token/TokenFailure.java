package dev.jwtauth.token;

/**
 * Why a presented token was refused. Each reason has one stable message that goes to the client:
 * short, and never containing key material or the token itself.
 */
public enum TokenFailure {
    MALFORMED("Token is malformed"),
    /** Two different tokens of one kind (two {@code Authorization} headers, two {@code ss-tok} cookies): neither counts. */
    AMBIGUOUS("More than one token was sent"),
    TOO_LARGE("Token is too large"),
    UNSUPPORTED_ALGORITHM("Token algorithm is not supported"),
    ALGORITHM_NOT_ALLOWED("Token algorithm is not allowed"),
    UNSUPPORTED_HEADER("Token header is not supported"),
    INVALID_TYPE("Token type is not JWT"),
    UNKNOWN_KEY("No key to verify the token"),
    BAD_SIGNATURE("Invalid signature"),
    INVALID_CLAIM("Token has an invalid claim"),
    MISSING_EXPIRY("Token has no expiry"),
    EXPIRED("Token has expired"),
    /** Issued longer ago than the configured maximum age (MicroProfile JWT's {@code mp.jwt.verify.token.age}). */
    TOO_OLD("Token is too old"),
    NOT_YET_VALID("Token not valid yet"),
    ISSUED_IN_FUTURE("Token issued in the future"),
    INVALIDATED("Token has been invalidated"),
    INVALID_ISSUER("Invalid Issuer"),
    /** No {@code iss}, where the configuration requires one. */
    MISSING_ISSUER("Token has no issuer"),
    INVALID_AUDIENCE("Invalid Audience"),
    WRONG_TENANT("Token is for another tenant"),
    /** An encrypted token none of our private keys opens, or whose content was altered (one answer for both). */
    UNDECRYPTABLE("Token cannot be decrypted"),
    /** Only signed, where the configuration accepts encrypted tokens only. */
    NOT_ENCRYPTED("Token is not encrypted"),
    /** Encrypted, but what is inside is not a signed JWT: encryption alone proves nothing (anyone has the public key). */
    NOT_SIGNED("Encrypted token is not signed"),
    /** The application's {@code TokenValidator} said no: 403, not 401. */
    REJECTED("Token is invalid");

    private final String message;

    TokenFailure(String message) {
        this.message = message;
    }

    /** The message ServiceStack clients see in {@code responseStatus.message}. */
    public String message() {
        return message;
    }
}
