package dev.jwtauth.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How requests are assigned to tenants, read once from the global configuration.
 *
 * @param resolvers     the built-in resolvers to ask, in order ({@code jwt.TenantResolver}: {@code header},
 *                      {@code host}, {@code path}, comma-separated); none means one tenant: the global settings
 * @param header        the request header naming the tenant ({@code jwt.TenantHeader})
 * @param domain        the parent domain whose sub-domains name tenants ({@code jwt.TenantDomain}, e.g.
 *                      {@code example.com}: {@code acme.example.com} is tenant {@code acme})
 * @param hosts         host names of tenants, lower case ({@code jwt.tenant.<id>.Host}, comma-separated)
 * @param tenants       the tenants the configuration names ({@code jwt.tenant.<id>.*}, or environment variables
 *                      {@code JWT_TENANT_<ID>_*} alone)
 * @param requireTenant refuse requests that resolve to no tenant ({@code jwt.RequireTenant})
 */
public record TenancySettings(
        List<Resolver> resolvers,
        String header,
        Optional<String> domain,
        Map<String, String> hosts,
        Set<String> tenants,
        boolean requireTenant) {

    /** The built-in ways to find a request's tenant. */
    public enum Resolver {
        HEADER, HOST, PATH
    }

    public TenancySettings {
        resolvers = List.copyOf(resolvers);
        hosts = Map.copyOf(hosts);
        tenants = Set.copyOf(tenants);
        if (header.isBlank()) {
            throw new InvalidConfigurationException("jwt.TenantHeader", "must not be blank");
        }
    }
}
