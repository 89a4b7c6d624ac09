package dev.jwtauth.token;

/**
 * A {@link TokenPolicy} was given a value it cannot work with. Carries the name of the {@code jwt.*} setting
 * concerned, so the configuration reader can report it as the property to fix.
 */
public final class PolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    public PolicyException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The {@code jwt.*} property, e.g. {@code jwt.Issuer}. */
    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }
}
