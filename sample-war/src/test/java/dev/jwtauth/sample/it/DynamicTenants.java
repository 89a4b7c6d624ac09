package dev.jwtauth.sample.it;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.jwtauth.spi.TenantSettingsSource;

/**
 * Deployed with {@link TenantsIT}'s second archive: an application that supplies a tenant's key from code (as it
 * would from its own tenant table), for a tenant the configuration does not name.
 */
@ApplicationScoped
public class DynamicTenants implements TenantSettingsSource {
    static final String TENANT = "dyn";
    static final String KEY = "ZHluYW1pYy10ZW5hbnQta2V5LWZyb20tdGhlLWFwcGxpY2F0aW9uLTIwMjY=";

    @Override
    public Optional<Map<String, String>> settings(String tenant) {
        return TENANT.equals(tenant) ? Optional.of(Map.of("AuthKeyBase64", KEY)) : Optional.empty();
    }
}
