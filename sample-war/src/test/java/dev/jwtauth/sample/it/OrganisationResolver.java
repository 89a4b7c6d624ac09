package dev.jwtauth.sample.it;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.spi.TenantResolver;

/**
 * Deployed with {@link TenantsIT}'s third archive: an application's own tenant resolver, which replaces the
 * built-in ones — here the tenant comes from an organisation header of the application's own.
 */
@ApplicationScoped
public class OrganisationResolver implements TenantResolver {
    private static final Map<String, String> TENANTS = Map.of("org-1", "acme", "org-2", "globex");

    @Override
    public Optional<String> tenant(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader("X-Organisation")).map(org -> TENANTS.getOrDefault(org, org));
    }
}
