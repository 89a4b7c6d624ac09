package dev.jwtauth.internal.config;

import java.util.Locale;

/**
 * Where passwords are checked, and where they may be presented. Global: the identity stores, the user store and
 * the throttle serve every tenant.
 *
 * @param userStore        when sign-in checks passwords in jwtauth's own user store ({@code jwt.UserStoreSignIn})
 * @param basicOnRequests  HTTP Basic credentials on any request authenticate it, as a sign-in would, without a token
 *                         being sent ({@code jwt.AuthenticateBasicRequests})
 */
public record PasswordSettings(UserStoreUse userStore, boolean basicOnRequests) {

    /** When jwtauth's own user store checks passwords. */
    public enum UserStoreUse {
        /** Only when the application has no {@code IdentityStore} of its own. */
        AUTO,
        /** Always, before the application's identity stores: a user name it knows is decided by it alone. */
        ALWAYS;

        static UserStoreUse parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "always" -> ALWAYS;
                default -> throw new InvalidConfigurationException("jwt.UserStoreSignIn", "'" + value + "' is not auto or always");
            };
        }
    }
}
