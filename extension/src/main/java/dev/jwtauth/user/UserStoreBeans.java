package dev.jwtauth.user;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import dev.jwtauth.internal.cdi.MissingBeans;

/**
 * Contributes the user store's beans (a portable extension, so its internals need not be public): {@link UserStore},
 * the built-in {@code RefreshTokenStore} and {@code UserSource}, and the interceptor that turns database failures
 * into 503s.
 */
public class UserStoreBeans implements Extension {
    private final MissingBeans missing = new MissingBeans(UserStoreBeans.class, List.of(UserStore.class,
            PasswordHasher.class, JpaRefreshTokenStore.class, StoreUserSource.class, SignInUpdates.class, StoreFailures.class));

    void discovered(@Observes ProcessAnnotatedType<?> event) {
        missing.discovered(event);
    }

    void addMissing(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        missing.addMissing(event, beanManager);
        missing.enableInterceptor(event, StoreFailures.class);
    }
}
