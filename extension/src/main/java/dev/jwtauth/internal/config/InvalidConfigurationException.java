package dev.jwtauth.internal.config;

/**
 * A {@code jwt.*} property has a value jwtauth cannot use. Thrown at start-up, so the application fails to deploy
 * with a message naming the property instead of running with a security setting it did not ask for.
 */
public final class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    public InvalidConfigurationException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
        this.problem = problem;
    }

    public InvalidConfigurationException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }

    /** The property to fix, e.g. {@code jwt.AuthKeyBase64.2}. */
    public String property() {
        return property;
    }
}
