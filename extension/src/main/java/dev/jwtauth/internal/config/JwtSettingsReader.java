package dev.jwtauth.internal.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.PolicyException;
import dev.jwtauth.token.TokenPolicy;

/**
 * Turns the {@code jwt.*} properties of MicroProfile Config (so also environment variables such as
 * {@code JWT_AUTHKEYBASE64}) into one validated {@link JwtSettings}: the values of one {@link ScopedProperties
 * scope}, with the keys of a {@link KeyReader}. Property names are ServiceStack's; every problem is reported as an
 * {@link InvalidConfigurationException} naming the property.
 */
public final class JwtSettingsReader {

    private JwtSettingsReader() {
    }

    /** Reads the global settings (those of requests without a tenant) from a MicroProfile Config. */
    public static JwtSettings read(Config config) {
        return settings(ScopedProperties.global(config), new KeyReader());
    }

    /**
     * Reads the settings of tenant {@code id}: {@code jwt.tenant.<id>.<Property>}, or a value the application
     * {@code supplied} for that tenant, over {@code jwt.<Property>}. Keys are not mixed: a tenant that names any key
     * has only its own keys; one that names none shares the global keys (its tokens are still its own, by their
     * tenant claim).
     */
    public static JwtSettings readTenant(Config config, String id, Map<String, String> supplied) {
        return settings(ScopedProperties.tenant(config, id, supplied), new KeyReader());
    }

    /**
     * Which token services the deployment has: read apart from the rest, before the application's beans exist, to
     * map only their routes.
     */
    public static TokenServices services(Config config) {
        return services(ScopedProperties.global(config));
    }

    private static TokenServices services(ScopedProperties properties) {
        return new TokenServices(properties.bool(Setting.IncludeConvertSessionToTokenService),
                properties.bool(Setting.IncludeAccessTokenService),
                properties.bool(Setting.SetBearerTokenOnAuthenticateResponse));
    }

    /** The settings of one scope; {@code keys} may serve other scopes of the same configuration too. */
    static JwtSettings settings(ScopedProperties properties, KeyReader keys) {
        TokenPolicy policy = policy(properties, keys);
        try {
            return new JwtSettings(policy,
                    properties.bool(Setting.RequireSecureConnection),
                    properties.bool(Setting.AllowInQueryString),
                    properties.bool(Setting.AllowInFormData),
                    properties.bool(Setting.AllowInRequestDto),
                    properties.integer(Setting.TokenCacheSize),
                    new CookieSettings(properties.bool(Setting.UseTokenCookie), properties.bool(Setting.UseRefreshTokenCookie),
                            properties.string(Setting.CookieSameSite), properties.string(Setting.CookiePath).strip(),
                            properties.list(Setting.AllowedOrigins)),
                    refreshTokens(properties),
                    properties.integer(Setting.PasswordHashIterations),
                    new SignInLimits(properties.integer(Setting.MaxLoginAttempts),
                            properties.duration(Setting.LoginLockoutPeriod),
                            properties.integer(Setting.LoginFailuresPerMinutePerAddress),
                            properties.integer(Setting.LoginFailuresPerMinutePerUserName)),
                    new PasswordSettings(PasswordSettings.UserStoreUse.parse(properties.string(Setting.UserStoreSignIn)),
                            properties.bool(Setting.AuthenticateBasicRequests)),
                    properties.bool(Setting.IncludeJwtInConvertSessionToTokenResponse),
                    services(properties),
                    properties.bool(Setting.AdminRoleSatisfiesAll));
        } catch (InvalidConfigurationException e) {
            // The records name the global property; say which one was really read (a tenant's, maybe).
            if (properties.tenant().isPresent() && e.property().startsWith(ScopedProperties.PREFIX)) {
                Setting setting = Setting.of(e.property().substring(ScopedProperties.PREFIX.length()));
                throw new InvalidConfigurationException(properties.property(setting), e.problem(), e);
            }
            throw e;
        }
    }

    private static TokenPolicy policy(ScopedProperties properties, KeyReader keys) {
        JwsAlgorithm algorithm = properties.valueOrDefault(Setting.HashAlgorithm, (property, value) ->
                JwsAlgorithm.fromHeader(value.strip()).orElseThrow(() -> new InvalidConfigurationException(property,
                        "'" + value + "' is not one of HS256, HS384, HS512, RS256, RS384, RS512, ES256")));
        boolean requireHashAlgorithm = properties.bool(Setting.RequireHashAlgorithm);
        try {
            return new TokenPolicy(algorithm, requireHashAlgorithm, keys.ring(properties, algorithm),
                    properties.string(Setting.Issuer), audiences(properties), properties.bool(Setting.RequiresAudience),
                    expireTokensIn(properties),
                    properties.value(Setting.InvalidateTokensIssuedBefore, TimeValues::instant),
                    properties.duration(Setting.AllowedClockSkew), properties.integer(Setting.MaxTokenLength),
                    properties.tenant(), properties.bool(Setting.IncludeMpJwtClaims), keys.encryption(properties));
        } catch (PolicyException e) {
            throw invalid(e, properties, algorithm);
        }
    }

    /** A broken rule of the token policy, as the setting to fix and what to set (the token engine knows neither). */
    private static InvalidConfigurationException invalid(PolicyException e, ScopedProperties properties,
                                                         JwsAlgorithm algorithm) {
        Setting setting = switch (e.rule()) {
            case HMAC_KEY_LENGTH -> Setting.AuthKeyBase64;
            case KEY_FOR_ALGORITHM, SIGNING_KEY_FOR_ALGORITHM -> Setting.HashAlgorithm;
            case ISSUER_NOT_BLANK -> Setting.Issuer;
            case EXPIRY_AT_LEAST_ONE_SECOND -> properties.configured(Setting.ExpireTokensInDays).isPresent()
                    ? Setting.ExpireTokensInDays : Setting.ExpireTokensIn;
            case CLOCK_SKEW_NOT_NEGATIVE -> Setting.AllowedClockSkew;
            case MAX_TOKEN_LENGTH_AT_LEAST_256 -> Setting.MaxTokenLength;
            case AUDIENCE_FOR_REQUIRES_AUDIENCE -> Setting.RequiresAudience;
        };
        String problem = switch (e.rule()) {
            case KEY_FOR_ALGORITHM -> "is " + algorithm + " but no " + switch (algorithm.keyType()) {
                case HMAC -> "AuthKey (jwt.AuthKeyBase64)";
                case RSA -> "RSA key (jwt.PrivateKeyPem, jwt.PublicKeyPem, jwt.PrivateKeyXml or jwt.PublicKeyXml)";
                case EC -> "EC P-256 key (jwt.PrivateKeyPem or jwt.PublicKeyPem)";
            } + " is configured";
            case AUDIENCE_FOR_REQUIRES_AUDIENCE -> "true needs jwt.Audience or jwt.Audiences: otherwise every token would be refused";
            default -> e.problem();
        };
        return new InvalidConfigurationException(properties.property(setting), problem, e);
    }

    private static RefreshTokenPolicy refreshTokens(ScopedProperties properties) {
        return new RefreshTokenPolicy(
                properties.duration(Setting.ExpireRefreshTokensIn),
                properties.value(Setting.ExtendRefreshTokenExpiryAfterUsage, TimeValues::duration),
                properties.duration(Setting.MaxRefreshTokenLifetime),
                properties.bool(Setting.InvalidateRefreshTokenOnLogout),
                properties.bool(Setting.RotateRefreshTokens),
                properties.duration(Setting.RefreshTokenReuseGracePeriod),
                properties.duration(Setting.RefreshTokenRetention));
    }

    private static List<String> audiences(ScopedProperties properties) {
        Set<String> audiences = new LinkedHashSet<>();
        properties.configured(Setting.Audience).map(String::strip).ifPresent(audiences::add);
        audiences.addAll(properties.list(Setting.Audiences));
        return List.copyOf(audiences);
    }

    /** {@code jwt.ExpireTokensInDays} is ServiceStack's older form of {@code jwt.ExpireTokensIn}: one of the two. */
    private static Duration expireTokensIn(ScopedProperties properties) {
        Optional<String> days = properties.configured(Setting.ExpireTokensInDays);
        if (days.isPresent() && properties.configured(Setting.ExpireTokensIn).isPresent()) {
            throw new InvalidConfigurationException(properties.property(Setting.ExpireTokensInDays),
                    "set either jwt.ExpireTokensIn or jwt.ExpireTokensInDays, not both");
        }
        if (days.isPresent()) {
            return Duration.ofDays(properties.integer(Setting.ExpireTokensInDays));
        }
        return properties.duration(Setting.ExpireTokensIn);
    }
}
