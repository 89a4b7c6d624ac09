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
    /** The algorithms of {@code mp.jwt.verify.publickey.algorithm}: MicroProfile JWT 2.1 names two. */
    private static final Set<JwsAlgorithm> MP_ALGORITHMS = Set.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);

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
                    properties.bool(Setting.AdminRoleSatisfiesAll),
                    tokenCookie(properties),
                    keys.mpConfigured(properties));
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
        JwsAlgorithm algorithm = algorithm(properties, keys);
        boolean requireHashAlgorithm = properties.bool(Setting.RequireHashAlgorithm);
        List<String> audiences = audiences(properties);
        try {
            return new TokenPolicy(algorithm, requireHashAlgorithm, keys.ring(properties, algorithm),
                    issuer(properties, keys), audiences, requiresAudience(properties), expireTokensIn(properties),
                    properties.value(Setting.InvalidateTokensIssuedBefore, TimeValues::instant),
                    properties.agreed(Setting.AllowedClockSkew, TimeValues::duration, Setting.MpVerifyClockSkew,
                            JwtSettingsReader::seconds).orElseGet(() -> properties.duration(Setting.AllowedClockSkew)),
                    properties.integer(Setting.MaxTokenLength),
                    properties.tenant(), properties.bool(Setting.IncludeMpJwtClaims), keys.encryption(properties),
                    // MicroProfile JWT's issuer is required of every token, and so is any issuer where its keys verify
                    properties.configured(Setting.MpVerifyIssuer).isPresent() || keys.mpConfigured(properties),
                    properties.value(Setting.MpVerifyTokenAge, JwtSettingsReader::seconds));
        } catch (PolicyException e) {
            throw invalid(e, properties, algorithm);
        }
    }

    /**
     * The algorithm tokens are signed with, and with {@code jwt.RequireHashAlgorithm} the only one accepted:
     * {@code jwt.HashAlgorithm} or {@code mp.jwt.verify.publickey.algorithm}; unset, the latter's default where a
     * MicroProfile JWT key is configured, else the former's.
     */
    private static JwsAlgorithm algorithm(ScopedProperties properties, KeyReader keys) {
        return properties.agreed(Setting.HashAlgorithm, JwtSettingsReader::algorithm,
                        Setting.MpVerifyPublicKeyAlgorithm, JwtSettingsReader::mpAlgorithm)
                .orElseGet(() -> keys.mpConfigured(properties)
                        ? properties.valueOrDefault(Setting.MpVerifyPublicKeyAlgorithm, JwtSettingsReader::mpAlgorithm)
                        : properties.valueOrDefault(Setting.HashAlgorithm, JwtSettingsReader::algorithm));
    }

    private static JwsAlgorithm algorithm(String property, String value) {
        return JwsAlgorithm.fromHeader(value.strip()).orElseThrow(() -> new InvalidConfigurationException(property,
                "'" + value + "' is not one of HS256, HS384, HS512, RS256, RS384, RS512, ES256"));
    }

    /** MicroProfile JWT 2.1 names two: RS256 and ES256. */
    private static JwsAlgorithm mpAlgorithm(String property, String value) {
        return JwsAlgorithm.fromHeader(value.strip()).filter(MP_ALGORITHMS::contains)
                .orElseThrow(() -> new InvalidConfigurationException(property, "'" + value + "' is not RS256 or ES256"));
    }

    /**
     * {@code jwt.Issuer} or {@code mp.jwt.verify.issuer}. A deployment verifying with MicroProfile JWT's keys names
     * its issuer: jwtauth's default ({@code ssjwt}) is no other issuer's, and not checking the issuer at all (the
     * specification's choice when none is set) would accept any issuer's token signed with a shared key.
     */
    private static String issuer(ScopedProperties properties, KeyReader keys) {
        Optional<String> issuer = properties.agreed(Setting.Issuer, JwtSettingsReader::stripped,
                Setting.MpVerifyIssuer, JwtSettingsReader::stripped);
        if (issuer.isEmpty() && keys.mpConfigured(properties)) {
            throw new InvalidConfigurationException(properties.ownProperty(Setting.MpVerifyIssuer),
                    "is not set: set the issuer (iss) of the tokens the MicroProfile JWT keys verify");
        }
        return issuer.orElseGet(() -> properties.string(Setting.Issuer));
    }

    private static String stripped(String property, String value) {
        return value.strip();
    }

    /** Whole seconds, as MicroProfile JWT states its durations. */
    private static Duration seconds(String property, String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidConfigurationException(property, "'" + value + "' is not a number of seconds");
    }

    /** A broken rule of the token policy, as the setting to fix and what to set (the token engine knows neither). */
    private static InvalidConfigurationException invalid(PolicyException e, ScopedProperties properties,
                                                         JwsAlgorithm algorithm) {
        Setting setting = switch (e.rule()) {
            case HMAC_KEY_LENGTH -> Setting.AuthKeyBase64;
            case KEY_FOR_ALGORITHM, SIGNING_KEY_FOR_ALGORITHM -> Setting.HashAlgorithm;
            case ISSUER_NOT_BLANK -> Setting.Issuer;
            case TOKEN_AGE_AT_LEAST_ONE_SECOND -> Setting.MpVerifyTokenAge;
            case EXPIRY_AT_LEAST_ONE_SECOND -> properties.configured(Setting.ExpireTokensInDays).isPresent()
                    ? Setting.ExpireTokensInDays : Setting.ExpireTokensIn;
            case CLOCK_SKEW_NOT_NEGATIVE -> properties.configured(Setting.AllowedClockSkew).isPresent()
                    ? Setting.AllowedClockSkew : Setting.MpVerifyClockSkew;
            case MAX_TOKEN_LENGTH_AT_LEAST_256 -> Setting.MaxTokenLength;
            case AUDIENCE_FOR_REQUIRES_AUDIENCE -> Setting.RequiresAudience;
        };
        String problem = switch (e.rule()) {
            case KEY_FOR_ALGORITHM -> "is " + algorithm + " but no " + switch (algorithm.keyType()) {
                case HMAC -> "AuthKey (jwt.AuthKeyBase64)";
                case RSA -> "RSA key (jwt.PrivateKeyPem, jwt.PublicKeyPem, jwt.PrivateKeyXml, jwt.PublicKeyXml, "
                        + "mp.jwt.verify.publickey or mp.jwt.verify.publickey.location)";
                case EC -> "EC P-256 key (jwt.PrivateKeyPem, jwt.PublicKeyPem, mp.jwt.verify.publickey or "
                        + "mp.jwt.verify.publickey.location)";
            } + " is configured";
            case AUDIENCE_FOR_REQUIRES_AUDIENCE -> "true needs jwt.Audience, jwt.Audiences or mp.jwt.verify.audiences: "
                    + "otherwise every token would be refused";
            default -> e.problem();
        };
        return new InvalidConfigurationException(properties.property(setting), problem, e);
    }

    /**
     * {@code mp.jwt.token.header}: {@code Authorization} (the default) keeps jwtauth's places of a token;
     * {@code Cookie} reads it from the cookie {@code mp.jwt.token.cookie} and nowhere else.
     */
    private static Optional<String> tokenCookie(ScopedProperties properties) {
        String header = properties.string(Setting.MpTokenHeader).strip();
        String cookie = properties.string(Setting.MpTokenCookie).strip();
        if (header.equalsIgnoreCase("Authorization")) {
            return Optional.empty();
        }
        if (!header.equalsIgnoreCase("Cookie")) {
            throw new InvalidConfigurationException(properties.property(Setting.MpTokenHeader),
                    "'" + header + "' is not Authorization or Cookie");
        }
        return Optional.of(cookie);
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

    /** {@code jwt.Audience} and {@code jwt.Audiences} merged, or {@code mp.jwt.verify.audiences}: the same set. */
    private static List<String> audiences(ScopedProperties properties) {
        Set<String> own = new LinkedHashSet<>();
        properties.configured(Setting.Audience).map(String::strip).ifPresent(own::add);
        own.addAll(properties.list(Setting.Audiences));
        Set<String> mp = properties.list(Setting.MpVerifyAudiences);
        if (!own.isEmpty() && !mp.isEmpty() && !own.equals(mp)) {
            throw new InvalidConfigurationException(properties.property(Setting.MpVerifyAudiences), "says " + mp
                    + " but jwt.Audience and jwt.Audiences say " + own + ": they are the same setting, so set one of "
                    + "them, or both alike");
        }
        return List.copyOf(own.isEmpty() ? mp : own);
    }

    /**
     * MicroProfile JWT requires an audience of the tokens once {@code mp.jwt.verify.audiences} is set; jwtauth's
     * {@code jwt.RequiresAudience} says so of its own, and may not say otherwise then.
     */
    private static boolean requiresAudience(ScopedProperties properties) {
        boolean mp = properties.configured(Setting.MpVerifyAudiences).isPresent();
        Optional<Boolean> own = properties.configured(Setting.RequiresAudience)
                .map(value -> properties.bool(Setting.RequiresAudience));
        if (mp && own.equals(Optional.of(false))) {
            throw new InvalidConfigurationException(properties.property(Setting.RequiresAudience), "is false but "
                    + properties.property(Setting.MpVerifyAudiences) + " is set, which requires an audience: set one "
                    + "of them");
        }
        return mp || properties.bool(Setting.RequiresAudience);
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
