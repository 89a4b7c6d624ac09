package dev.jwtauth.user;

import java.util.List;

/**
 * The user store's bean types, for jwtauth's CDI extension to add where bean discovery did not find them; listed
 * here so that they need not be public.
 */
public final class UserStoreBeans {
    /** The beans, the interceptor among them. */
    public static final List<Class<?>> TYPES = List.of(UserStore.class, PasswordHasher.class, JpaRefreshTokenStore.class,
            StoreUserSource.class, SignInUpdates.class, StoreFailures.class, StoreDatabase.class,
            Accounts.class, IdentityStores.class);
    /** The interceptor that turns database failures into 503s: enabled explicitly when added. */
    public static final Class<?> INTERCEPTOR = StoreFailures.class;
    /**
     * The readiness check, added only when the application sees the MicroProfile Health API: it implements that
     * API's interface, so it is named by its class name and loaded only then.
     */
    public static final String READINESS = "dev.jwtauth.user.ReadinessCheck";

    private UserStoreBeans() {
    }
}
