package dev.jwtauth.internal.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

/**
 * The engines of a deployment, built and validated once at start-up: the global one (requests without a tenant)
 * and one per tenant the configuration names. The engines of tenants the application supplies at run time are built
 * here too ({@link #supplied}), and kept by {@code TenantEngines}.
 */
public final class Tenants {
    private static final Logger LOG = Logger.getLogger(Tenants.class.getName());
    private final JwtEngine global;
    private final Map<String, JwtEngine> configured;
    private final TenancySettings tenancy;
    private final Config config;
    private final KeyReader keys;
    private final Clock clock;

    private Tenants(JwtEngine global, Map<String, JwtEngine> configured, TenancySettings tenancy, Config config,
                    KeyReader keys, Clock clock) {
        this.global = global;
        this.configured = Map.copyOf(configured);
        this.tenancy = tenancy;
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Reads and validates everything; a broken tenant fails like a broken global setting, naming its property. The
     * names come first: a misspelt one would otherwise go unnoticed, or show only as a value missing.
     */
    public static Tenants read(Config config, Clock clock) {
        SettingNames names = SettingNames.check(config.getPropertyNames());
        // One key reader for all: a tenant without keys of its own shares the global keys, parsed once.
        KeyReader keys = new KeyReader();
        JwtEngine global = new JwtEngine(JwtSettingsReader.settings(ScopedProperties.global(config), keys), clock);
        if (global.settings().tokens().keys().verificationKeys().isEmpty()
                && global.settings().tokens().keys().remoteKeys().isEmpty()) {
            LOG.warning("JWTAUTH0150W: no jwt.* or mp.jwt.* setting is configured, so no key either: every token is "
                    + "refused and none is issued. Set a key (docs/configuration.md) to authenticate callers.");
        }
        TenancySettings tenancy = TenancyReader.read(config, names.tenants());
        Map<String, JwtEngine> configured = new LinkedHashMap<>();
        for (String tenant : tenancy.tenants()) {
            configured.put(tenant, new JwtEngine(
                    JwtSettingsReader.settings(ScopedProperties.tenant(config, tenant, Map.of()), keys), clock));
        }
        logSummary(global);
        configured.values().forEach(Tenants::logSummary);
        return new Tenants(global, configured, tenancy, config, keys, clock);
    }

    /** One line per engine at start (and per supplied tenant when first built): what an operator checks first. */
    private static void logSummary(JwtEngine engine) {
        LOG.info(() -> "JWTAUTH0001I: " + engine.settings().tokens().tenant().map(tenant -> "tenant " + tenant)
                .orElse("the global settings (requests without a tenant)") + ": " + engine.summary());
    }

    /** The engine of requests without a tenant. */
    public JwtEngine global() {
        return global;
    }

    /** Whether the global settings or a configured tenant's refuse a request for its refused token (MicroProfile JWT's rule). */
    public boolean anyRefusesInvalidTokens() {
        return global.settings().refuseInvalidTokens()
                || configured.values().stream().anyMatch(engine -> engine.settings().refuseInvalidTokens());
    }

    /** The engine of a tenant the configuration names. */
    public Optional<JwtEngine> configured(String tenant) {
        return Optional.ofNullable(configured.get(tenant));
    }

    /**
     * A new engine for a tenant whose values the application supplies at run time ({@code TenantSettingsSource}),
     * over the configuration as for a configured tenant, sharing its parsed keys.
     *
     * @throws InvalidConfigurationException the values do not make valid settings
     */
    public JwtEngine supplied(String tenant, Map<String, String> values) {
        JwtEngine engine;
        synchronized (keys) { // the key reader's caches are plain maps; supplied tenants are built rarely, once each
            engine = new JwtEngine(JwtSettingsReader.settings(ScopedProperties.tenant(config, tenant, values), keys), clock);
        }
        logSummary(engine);
        return engine;
    }

    public TenancySettings tenancy() {
        return tenancy;
    }
}
