package dev.jwtauth.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Supplies a tenant's settings from code — ServiceStack's {@code IRuntimeAppSettings} — e.g. its key from the
 * application's own tenant table. Implement it as a CDI bean.
 * <p>
 * Called the first time a request is for {@code tenant}; the answer is validated like configuration and kept
 * until the application restarts. Values use the property names without prefix ({@code "AuthKeyBase64"},
 * {@code "AuthKeyBase64.1"}, {@code "PublicKeyPem"}, {@code "Issuer"}, {@code "ExpireTokensIn"}, …) and come before
 * {@code jwt.tenant.<id>.*} and {@code jwt.*}, which fill the rest. Empty means the application does not know the
 * tenant: the configuration alone decides, and a tenant it does not name either is refused.
 */
@FunctionalInterface
public interface TenantSettingsSource {

    Optional<Map<String, String>> settings(String tenant);
}
