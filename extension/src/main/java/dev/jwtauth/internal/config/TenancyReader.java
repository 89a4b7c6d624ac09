package dev.jwtauth.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

/** Reads how requests find their tenant: the global tenancy settings, and the host names of each tenant. */
final class TenancyReader {

    private TenancyReader() {
    }

    /** {@code tenants}: those the configuration defines ({@link SettingNames#tenants()}). */
    static TenancySettings read(Config config, Set<String> tenants) {
        ScopedProperties global = ScopedProperties.global(config);
        List<TenancySettings.Resolver> resolvers = new ArrayList<>();
        global.configured(Setting.TenantResolver).ifPresent(list -> {
            for (String name : list.split(",")) {
                try {
                    resolvers.add(TenancySettings.Resolver.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException(global.property(Setting.TenantResolver),
                            "'" + name.strip() + "' is not header, host or path", e);
                }
            }
        });
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String tenant : tenants) {
            ScopedProperties own = ScopedProperties.tenant(config, tenant, Map.of());
            own.configured(Setting.Host).ifPresent(list -> {
                for (String host : list.split(",")) {
                    String previous = hosts.put(host.strip().toLowerCase(Locale.ROOT), tenant);
                    if (previous != null) {
                        throw new InvalidConfigurationException(own.property(Setting.Host),
                                "'" + host.strip() + "' is also the host of tenant " + previous);
                    }
                }
            });
        }
        return new TenancySettings(resolvers, global.string(Setting.TenantHeader).strip(),
                global.configured(Setting.TenantDomain).map(d -> d.strip().toLowerCase(Locale.ROOT)), hosts, tenants,
                global.bool(Setting.RequireTenant));
    }
}
