package dev.jwtauth.token;

/**
 * A {@link TokenPolicy} was given values that break one of its {@link TokenPolicy.Rule rules}. The rule says which,
 * in the policy's own terms, so whoever built the policy (the configuration reader) can name what to fix in its own.
 */
public final class PolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final TokenPolicy.Rule rule;
    private final String problem;

    public PolicyException(TokenPolicy.Rule rule, String problem) {
        super(rule.component() + ": " + problem);
        this.rule = rule;
        this.problem = problem;
    }

    public TokenPolicy.Rule rule() {
        return rule;
    }

    /** What is wrong, said of the record component {@link TokenPolicy.Rule#component()} ("must not be blank"). */
    public String problem() {
        return problem;
    }
}
