package dev.jwtauth.internal.cdi;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.jwtauth.internal.config.InvalidConfigurationException;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.Tenants;
import dev.jwtauth.internal.rest.AccessTokenService;
import dev.jwtauth.internal.rest.AuthenticateService;
import dev.jwtauth.internal.rest.PermissionInterceptor;
import dev.jwtauth.internal.rest.ServiceContext;
import dev.jwtauth.internal.rest.SessionToTokenService;
import dev.jwtauth.internal.security.Refresher;
import dev.jwtauth.internal.security.CurrentRequestJwtAuth;
import dev.jwtauth.internal.security.JwtAuthMechanism;
import dev.jwtauth.internal.security.JwtIdentityStore;
import dev.jwtauth.internal.security.PermissionCheck;
import dev.jwtauth.internal.security.RequestAuthenticator;
import dev.jwtauth.internal.security.TenantEngines;
import dev.jwtauth.internal.security.TokenIssuer;
import dev.jwtauth.user.UserStoreBeans;
import dev.jwtauth.internal.security.RefreshTokens;
import io.smallrye.jwt.auth.cdi.ClaimValueProducer;
import io.smallrye.jwt.auth.cdi.CommonJwtProducer;
import io.smallrye.jwt.auth.cdi.JsonValueProducer;
import io.smallrye.jwt.auth.cdi.OptionalClaimTypeProducer;
import io.smallrye.jwt.auth.cdi.RawClaimTypeProducer;

/**
 * Contributes jwtauth to any application whose WAR contains the jar, with no code in the application:
 * the mechanism, the identity store, the {@code JsonWebToken} producer, smallrye-jwt's {@code @Claim} producers, and
 * the {@link JwtEngine}s (global and per tenant, {@link Tenants}) built once from the {@code jwt.*} configuration. A bad configuration fails the deployment.
 * The user store's beans are listed by {@link UserStoreBeans}.
 */
public class JwtAuthExtension implements Extension {
    private static final List<Class<?>> BEANS = List.of(
            JwtAuthMechanism.class, JwtIdentityStore.class, RequestAuthenticator.class, JsonWebTokenProducer.class,
            Refresher.class, TenantEngines.class, TokenIssuer.class, CurrentRequestJwtAuth.class, ServiceContext.class, AuthenticateService.class,
            SessionToTokenService.class, AccessTokenService.class, RefreshTokens.class, PermissionCheck.class,
            PermissionInterceptor.class,
            CommonJwtProducer.class, RawClaimTypeProducer.class, JsonValueProducer.class,
            ClaimValueProducer.class, OptionalClaimTypeProducer.class);

    private final MissingBeans missing = new MissingBeans(JwtAuthExtension.class,
            Stream.concat(BEANS.stream(), UserStoreBeans.TYPES.stream()).toList());

    void discovered(@Observes ProcessAnnotatedType<?> event) {
        missing.discovered(event);
    }

    void addMissing(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        missing.addMissing(event, beanManager);
        missing.enableInterceptor(event, UserStoreBeans.INTERCEPTOR);
        missing.enableInterceptor(event, PermissionInterceptor.class);
        missing.enableAlternative(event, JsonWebTokenProducer.class);
    }

    void engines(@Observes AfterBeanDiscovery event) {
        try {
            Tenants tenants = Tenants.read(ConfigProvider.getConfig(), Clock.systemUTC());
            event.addBean().types(Tenants.class, Object.class).scope(Singleton.class).createWith(context -> tenants);
            event.addBean().types(JwtEngine.class, Object.class).scope(Singleton.class).createWith(context -> tenants.global());
        } catch (InvalidConfigurationException e) {
            event.addDefinitionError(e);
        }
    }
}
