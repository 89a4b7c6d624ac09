package dev.jwtauth.spi;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Says which tenant a request is for. Implement it as a CDI bean (e.g. {@code @ApplicationScoped}) to replace the
 * resolvers chosen by {@code jwt.TenantResolver}.
 * <p>
 * Called at most once per request, before anything reads a key, and only for requests that need their caller
 * or call a token service. It must be cheap and must not read the request body. An empty answer means "no tenant":
 * the request uses the global {@code jwt.*} settings, unless {@code jwt.RequireTenant} refuses it. A tenant that
 * neither the configuration ({@code jwt.tenant.<id>.*}) nor a {@link TenantSettingsSource} knows is refused.
 */
@FunctionalInterface
public interface TenantResolver {

    Optional<String> tenant(HttpServletRequest request);
}
