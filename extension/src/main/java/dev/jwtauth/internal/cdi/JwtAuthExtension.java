package dev.jwtauth.internal.cdi;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
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
import dev.jwtauth.internal.rest.JwksService;
import dev.jwtauth.internal.rest.PasswordSignIn;
import dev.jwtauth.internal.rest.PermissionInterceptor;
import dev.jwtauth.internal.rest.ServiceContext;
import dev.jwtauth.internal.rest.SessionToTokenService;
import dev.jwtauth.internal.security.Refresher;
import dev.jwtauth.internal.security.CurrentRequestJwtAuth;
import dev.jwtauth.internal.security.JwtAuthMechanism;
import dev.jwtauth.internal.security.Metrics;
import dev.jwtauth.internal.security.PermissionCheck;
import dev.jwtauth.internal.security.TokenVerifier;
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
    /**
     * smallrye-jwt's {@code @Claim} producers, which read our {@code JsonWebToken}. They are made alternatives of the
     * application: a server with MicroProfile JWT (Liberty's {@code mpJwt}, in {@code microProfile-6.1}) has
     * producers of its own for the same types, and every {@code @Claim} injection point would be ambiguous.
     */
    private static final List<Class<?>> CLAIM_PRODUCERS = List.of(RawClaimTypeProducer.class, JsonValueProducer.class,
            ClaimValueProducer.class, OptionalClaimTypeProducer.class);
    private static final List<Class<?>> BEANS = Stream.concat(Stream.of(
            JwtAuthMechanism.class, TokenVerifier.class, RequestAuthenticator.class, JsonWebTokenProducer.class,
            Refresher.class, TenantEngines.class, TokenIssuer.class, CurrentRequestJwtAuth.class, ServiceContext.class, AuthenticateService.class,
            SessionToTokenService.class, AccessTokenService.class, JwksService.class, RefreshTokens.class, PasswordSignIn.class,
            PermissionCheck.class, PermissionInterceptor.class, CommonJwtProducer.class), CLAIM_PRODUCERS.stream()).toList();

    private final MissingBeans missing = new MissingBeans(JwtAuthExtension.class,
            Stream.concat(BEANS.stream(), UserStoreBeans.TYPES.stream()).toList());

    /** Whether the application sees MicroProfile Metrics: then jwtauth counts into its registry, else nothing. */
    private final boolean metrics = visible("org.eclipse.microprofile.metrics.MetricRegistry");
    private final boolean health = visible("org.eclipse.microprofile.health.HealthCheck");

    /**
     * The beans that implement an optional MicroProfile API, added only where the application sees that API: they
     * have no bean-defining annotation, so discovery never loads them, and an application without the feature
     * deploys as before.
     */
    void optionalBeans(@Observes BeforeBeanDiscovery event) {
        if (metrics) {
            event.addAnnotatedType(MicroProfileMetrics.class, JwtAuthExtension.class.getName() + ".metrics");
        }
        if (health) {
            event.addAnnotatedType(load(UserStoreBeans.READINESS), JwtAuthExtension.class.getName() + ".readiness");
        }
    }

    /** Also sees the types {@link #addMissing} adds, as the container fires this event for them too. */
    void discovered(@Observes ProcessAnnotatedType<?> event) {
        missing.discovered(event);
        if (CLAIM_PRODUCERS.contains(event.getAnnotatedType().getJavaClass())) {
            event.configureAnnotatedType().add(Alternative.Literal.INSTANCE);
        }
    }

    void addMissing(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        missing.addMissing(event, beanManager);
        missing.enableInterceptor(event, UserStoreBeans.INTERCEPTOR);
        missing.enableInterceptor(event, PermissionInterceptor.class);
        missing.enableAlternative(event, JsonWebTokenProducer.class);
        CLAIM_PRODUCERS.forEach(producer -> missing.enableAlternative(event, producer));
    }

    void engines(@Observes AfterBeanDiscovery event) {
        try {
            Tenants tenants = Tenants.read(ConfigProvider.getConfig(), Clock.systemUTC());
            event.addBean().types(Tenants.class, Object.class).scope(Singleton.class).createWith(context -> tenants);
            event.addBean().types(JwtEngine.class, Object.class).scope(Singleton.class).createWith(context -> tenants.global());
        } catch (InvalidConfigurationException e) {
            event.addDefinitionError(e);
        }
        if (!metrics) {
            // a @Singleton: injected as the instance itself, with no client proxy in front of its empty methods
            event.addBean().types(Metrics.class, Object.class).scope(Singleton.class).createWith(context -> Metrics.NONE);
        }
    }

    /** Whether the application's class loader (the one that loaded jwtauth) has {@code className}. */
    private static boolean visible(String className) {
        try {
            Class.forName(className, false, JwtAuthExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, JwtAuthExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("jwtauth's jar is incomplete: " + className, e);
        }
    }
}
