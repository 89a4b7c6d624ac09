package dev.jwtauth.internal.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.internal.config.InvalidConfigurationException;
import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.config.TenancySettings;
import dev.jwtauth.internal.config.Tenants;
import dev.jwtauth.spi.TenantResolver;
import dev.jwtauth.spi.TenantSettingsSource;

/**
 * The engine of a request: its tenant's, found once per request by the application's {@link TenantResolver} or
 * the built-in resolvers of {@code jwt.TenantResolver}; the global one for requests without a tenant. A deployment
 * without tenancy pays nothing for this.
 */
@ApplicationScoped
public class TenantEngines {
    private static final Logger LOG = Logger.getLogger(TenantEngines.class.getName());
    private static final String RESOLUTION = TenantEngines.class.getName();

    /** What a request's tenant amounts to. */
    public sealed interface Resolution {

        /** The request's engine, or {@code refusal} of the message saying why it has none. */
        JwtEngine engineOr(Function<String, ? extends RuntimeException> refusal);
    }

    /** The request's engine. */
    public record Resolved(JwtEngine engine) implements Resolution {

        @Override
        public JwtEngine engineOr(Function<String, ? extends RuntimeException> refusal) {
            return engine;
        }
    }

    /** No engine: the tenant is unknown, or required and missing. The message goes to the client. */
    public record Refused(String message) implements Resolution {

        @Override
        public JwtEngine engineOr(Function<String, ? extends RuntimeException> refusal) {
            throw refusal.apply(message);
        }
    }

    @Inject
    Tenants tenants;

    @Inject
    Instance<TenantResolver> resolverBean;

    @Inject
    Instance<TenantSettingsSource> settingsSourceBean;

    private final Map<String, JwtEngine> supplied = new ConcurrentHashMap<>();
    // Looked up once: resolving a bean through an Instance per request costs more than a token check.
    private Optional<TenantResolver> resolver;
    private Optional<TenantSettingsSource> settingsSource;
    /** The answer for every request of a deployment without tenancy, made once. */
    private Resolved single;
    /** Whether some engine may refuse a request for its refused token: known at start, but for supplied tenants. */
    private boolean mayRefuseInvalidTokens;

    @PostConstruct
    void prepare() {
        resolver = resolverBean.isResolvable() ? Optional.of(resolverBean.get()) : Optional.empty();
        settingsSource = settingsSourceBean.isResolvable() ? Optional.of(settingsSourceBean.get()) : Optional.empty();
        TenancySettings tenancy = tenants.tenancy();
        boolean tenancyOff = resolver.isEmpty() && tenancy.resolvers().isEmpty() && !tenancy.requireTenant();
        single = tenancyOff ? new Resolved(tenants.global()) : null;
        mayRefuseInvalidTokens = tenants.anyRefusesInvalidTokens() || (single == null && settingsSource.isPresent());
    }

    /**
     * False when no engine of the deployment follows MicroProfile JWT's rule that a refused token fails its request
     * whatever it asks for, so requests that never ask for a caller need not resolve their tenant for it.
     */
    public boolean mayRefuseInvalidTokens() {
        return mayRefuseInvalidTokens;
    }

    /**
     * What a shared cache must add to the URL to tell apart answers that depend on the request's tenant: nothing
     * without tenancy, or with tenants by host or path; the tenant header when it may choose; and empty (no shared
     * caching) when the application's own resolver decides, because it may read anything.
     */
    public Optional<List<String>> tenantVaryHeaders() {
        if (single != null) {
            return Optional.of(List.of());
        }
        if (resolver.isPresent()) {
            return Optional.empty();
        }
        TenancySettings tenancy = tenants.tenancy();
        return Optional.of(tenancy.resolvers().contains(TenancySettings.Resolver.HEADER) ? List.of(tenancy.header()) : List.of());
    }

    /** The request's engine, or why it has none; decided on the first call and remembered in the request. */
    public Resolution resolve(HttpServletRequest request) {
        if (single != null) {
            return single;
        }
        if (request.getAttribute(RESOLUTION) instanceof Resolution known) {
            return known;
        }
        Resolution resolution = decide(request);
        request.setAttribute(RESOLUTION, resolution);
        return resolution;
    }

    private Resolution decide(HttpServletRequest request) {
        Optional<String> tenant = resolver.isPresent() ? resolver.get().tenant(request) : builtIn(request);
        if (tenant.isEmpty()) {
            return tenants.tenancy().requireTenant() ? new Refused("A tenant is required") : new Resolved(tenants.global());
        }
        return engine(tenant.get()).<Resolution>map(Resolved::new).orElseGet(() -> new Refused("Unknown tenant"));
    }

    /**
     * The engine of {@code tenant}: with the values the application supplies for it, else as configured. A
     * tenant neither knows has none. Supplied settings that do not validate refuse the tenant (fail closed).
     */
    public Optional<JwtEngine> engine(String tenant) {
        JwtEngine known = supplied.get(tenant);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Map<String, String>> values = settingsSource.flatMap(source -> source.settings(tenant));
        if (values.isEmpty()) {
            return tenants.configured(tenant);
        }
        try {
            JwtEngine engine = tenants.supplied(tenant, values.get());
            JwtEngine raced = supplied.putIfAbsent(tenant, engine);
            return Optional.of(raced != null ? raced : engine);
        } catch (InvalidConfigurationException e) {
            LOG.log(Level.SEVERE, "JWTAUTH0002E: the settings the application supplies for tenant " + tenant + " are refused: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> builtIn(HttpServletRequest request) {
        TenancySettings tenancy = tenants.tenancy();
        for (TenancySettings.Resolver kind : tenancy.resolvers()) {
            Optional<String> tenant = switch (kind) {
                case HEADER -> Optional.ofNullable(request.getHeader(tenancy.header())).map(String::strip).filter(s -> !s.isEmpty());
                case HOST -> byHost(request.getServerName(), tenancy);
                case PATH -> byPath(request);
            };
            if (tenant.isPresent()) {
                return tenant;
            }
        }
        return Optional.empty();
    }

    /** A tenant's own host name, else the first label of a sub-domain of {@code jwt.TenantDomain}. */
    private static Optional<String> byHost(String serverName, TenancySettings tenancy) {
        if (serverName == null) {
            return Optional.empty();
        }
        String host = serverName.toLowerCase(Locale.ROOT);
        String tenant = tenancy.hosts().get(host);
        if (tenant != null) {
            return Optional.of(tenant);
        }
        return tenancy.domain().filter(domain -> host.endsWith("." + domain))
                .map(domain -> host.substring(0, host.length() - domain.length() - 1))
                .filter(label -> !label.isEmpty() && label.indexOf('.') < 0);
    }

    /**
     * The first path segment, when it names a tenant: other first segments ({@code /auth}, {@code /public}) are
     * the application's own paths, not unknown tenants.
     */
    private Optional<String> byPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String segment = path.substring(start, end < 0 ? path.length() : end);
        return segment.isEmpty() || engine(segment).isEmpty() ? Optional.empty() : Optional.of(segment);
    }
}
