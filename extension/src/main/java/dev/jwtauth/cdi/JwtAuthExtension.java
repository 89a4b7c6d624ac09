package dev.jwtauth.cdi;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.jwtauth.JwtAuth;
import dev.jwtauth.config.InvalidConfigurationException;
import dev.jwtauth.config.JwtEngine;
import dev.jwtauth.config.Tenants;
import dev.jwtauth.rest.AccessTokenService;
import dev.jwtauth.rest.AuthenticateService;
import dev.jwtauth.rest.ServiceContext;
import dev.jwtauth.rest.SessionToTokenService;
import dev.jwtauth.security.CookieRefresh;
import dev.jwtauth.security.JwtAuthMechanism;
import dev.jwtauth.security.JwtIdentityStore;
import dev.jwtauth.security.RequestAuthenticator;
import dev.jwtauth.security.TenantEngines;
import dev.jwtauth.security.TokenIssuer;
import dev.jwtauth.user.PasswordHasher;
import dev.jwtauth.user.RefreshTokenStore;
import dev.jwtauth.user.RefreshTokens;
import dev.jwtauth.user.StoreFailures;
import dev.jwtauth.user.UserStore;
import io.smallrye.jwt.auth.cdi.ClaimValueProducer;
import io.smallrye.jwt.auth.cdi.CommonJwtProducer;
import io.smallrye.jwt.auth.cdi.JsonValueProducer;
import io.smallrye.jwt.auth.cdi.OptionalClaimTypeProducer;
import io.smallrye.jwt.auth.cdi.RawClaimTypeProducer;

/**
 * Contributes jwtauth to any application whose WAR contains the jar, with no code in the application:
 * the mechanism, the identity store, the {@code JsonWebToken} producer, smallrye-jwt's {@code @Claim} producers, and
 * the {@link JwtEngine}s (global and per tenant, {@link Tenants}) built once from the {@code jwt.*} configuration. A bad configuration fails the deployment.
 * <p>
 * Each type is added only if bean discovery did not already find it: the jar ships an annotated beans.xml, but a
 * server with implicit bean archives switched off, or smallrye-jwt.jar (no beans.xml) scanned or not, must all end
 * up with exactly one bean of each.
 */
public class JwtAuthExtension implements Extension {
    private static final List<Class<?>> BEANS = List.of(
            JwtAuthMechanism.class, JwtIdentityStore.class, RequestAuthenticator.class, JsonWebTokenProducer.class,
            CookieRefresh.class, TenantEngines.class, TokenIssuer.class, JwtAuth.class, ServiceContext.class, AuthenticateService.class,
            SessionToTokenService.class, AccessTokenService.class, UserStore.class, PasswordHasher.class, RefreshTokens.class,
            RefreshTokenStore.class, StoreFailures.class,
            CommonJwtProducer.class, RawClaimTypeProducer.class, JsonValueProducer.class,
            ClaimValueProducer.class, OptionalClaimTypeProducer.class);

    private final Set<Class<?>> discovered = new HashSet<>();

    void discovered(@Observes ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        if (BEANS.contains(type)) {
            discovered.add(type);
        }
    }

    void addMissing(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        for (Class<?> type : BEANS) {
            if (!discovered.contains(type)) {
                event.addAnnotatedType(beanManager.createAnnotatedType(type), JwtAuthExtension.class.getName() + "." + type.getSimpleName());
            }
        }
        // @Priority is not honoured for a type added here, so the interceptor and the producer are enabled explicitly.
        if (!discovered.contains(StoreFailures.class) && !event.getInterceptors().contains(StoreFailures.class)) {
            event.getInterceptors().add(0, StoreFailures.class);
        }
        if (!discovered.contains(JsonWebTokenProducer.class) && !event.getAlternatives().contains(JsonWebTokenProducer.class)) {
            event.getAlternatives().add(JsonWebTokenProducer.class);
        }
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
