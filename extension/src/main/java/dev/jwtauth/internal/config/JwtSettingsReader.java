package dev.jwtauth.internal.config;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import dev.jwtauth.token.Encryption;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JweDecrypter;
import dev.jwtauth.token.JweEncrypter;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyFormatException;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.LegacyJweReader;
import dev.jwtauth.token.PolicyException;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.SigningKey;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.VerificationKey;

/**
 * Turns the {@code jwt.*} properties of MicroProfile Config (so also environment variables such as
 * {@code JWT_AUTHKEYBASE64}) into one validated {@link JwtSettings}. Property names are ServiceStack's; every
 * problem is reported as an {@link InvalidConfigurationException} naming the property.
 */
public final class JwtSettingsReader {
    static final String PREFIX = "jwt.";

    private static final Duration DEFAULT_EXPIRY = Duration.ofDays(14);
    private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;
    private static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;
    private static final Duration DEFAULT_REFRESH_EXPIRY = Duration.ofDays(90);
    private static final Duration DEFAULT_REFRESH_MAX_LIFETIME = Duration.ofDays(365);
    private static final Duration DEFAULT_REUSE_GRACE = Duration.ofSeconds(10);
    private static final Duration DEFAULT_REFRESH_RETENTION = Duration.ofDays(7);
    private static final int DEFAULT_MAX_LOGIN_ATTEMPTS = 10;
    private static final Duration DEFAULT_LOGIN_LOCKOUT = Duration.ofMinutes(15);
    private static final int DEFAULT_LOGIN_FAILURES_PER_ADDRESS = 60;
    private static final int DEFAULT_LOGIN_FAILURES_PER_USER_NAME = 10;
    static final String TENANT_PREFIX = "jwt.tenant.";

    /** The settings that name keys: a tenant that sets any of them gets none of the global ones. */
    private static final List<Setting> KEYS = Arrays.stream(Setting.values()).filter(Setting::key).toList();

    private final Function<String, Optional<String>> config;
    private final Iterable<String> propertyNames;
    private final Optional<String> tenant;
    private final Map<String, String> supplied;
    private final boolean ownKeys;

    private JwtSettingsReader(Function<String, Optional<String>> config, Iterable<String> propertyNames,
                              Optional<String> tenant, Map<String, String> supplied) {
        this.config = config;
        this.propertyNames = propertyNames;
        this.tenant = tenant;
        this.supplied = supplied;
        // A fallback counts too, also one set only as an environment variable (JWT_TENANT_ACME_AUTHKEYBASE64_1),
        // which the property names do not show as jwt.tenant.acme.AuthKeyBase64.1.
        this.ownKeys = tenant.isPresent() && KEYS.stream().anyMatch(key -> own(key.name()).isPresent()
                || key.numbered() && (own(key.name() + ".1").isPresent()
                        || !numberedProperties(key.name(), tenantPrefix()).isEmpty())
                || supplied.keySet().stream().anyMatch(name -> name.startsWith(key.name() + ".")));
    }

    /** Reads the global settings (those of requests without a tenant) from a MicroProfile Config. */
    public static JwtSettings read(Config config) {
        return new JwtSettingsReader(name -> config.getOptionalValue(name, String.class), config.getPropertyNames(),
                Optional.empty(), Map.of()).settings();
    }

    /**
     * Reads the settings of tenant {@code id}: {@code jwt.tenant.<id>.<Property>}, or a value the application
     * {@code supplied} for that tenant, over {@code jwt.<Property>}. Keys are not mixed: a tenant that names any key
     * has only its own keys; one that names none shares the global keys (its tokens are still its own, by their
     * tenant claim).
     */
    public static JwtSettings readTenant(Config config, String id, Map<String, String> supplied) {
        SettingNames.checkTenantId(TENANT_PREFIX + id, id);
        SettingNames.checkSupplied(id, supplied.keySet());
        return new JwtSettingsReader(name -> config.getOptionalValue(name, String.class), config.getPropertyNames(),
                Optional.of(id), Map.copyOf(supplied)).settings();
    }

    /**
     * How requests find their tenant: {@code jwt.TenantResolver}, {@code jwt.TenantHeader}, …, and the host names
     * of {@code tenants}, those the configuration defines ({@link SettingNames#tenants()}).
     */
    static TenancySettings tenancy(Config config, Set<String> tenants) {
        Function<String, Optional<String>> values = name -> config.getOptionalValue(name, String.class);
        JwtSettingsReader global = new JwtSettingsReader(values, config.getPropertyNames(), Optional.empty(), Map.of());
        List<TenancySettings.Resolver> resolvers = new ArrayList<>();
        global.string("TenantResolver").ifPresent(list -> {
            for (String name : list.split(",")) {
                try {
                    resolvers.add(TenancySettings.Resolver.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException(PREFIX + "TenantResolver",
                            "'" + name.strip() + "' is not header, host or path", e);
                }
            }
        });
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String tenant : tenants) {
            values.apply(TENANT_PREFIX + tenant + "." + Setting.Host).ifPresent(list -> {
                for (String host : list.split(",")) {
                    String previous = hosts.put(host.strip().toLowerCase(Locale.ROOT), tenant);
                    if (previous != null) {
                        throw new InvalidConfigurationException(TENANT_PREFIX + tenant + ".Host",
                                "'" + host.strip() + "' is also the host of tenant " + previous);
                    }
                }
            });
        }
        return new TenancySettings(resolvers, global.string("TenantHeader").map(String::strip).orElse("X-Tenant"),
                global.string("TenantDomain").map(d -> d.strip().toLowerCase(Locale.ROOT)), hosts, tenants,
                global.bool("RequireTenant", false));
    }

    private JwtSettings settings() {
        JwsAlgorithm algorithm = string("HashAlgorithm").map(value -> JwsAlgorithm.fromHeader(value.strip())
                .orElseThrow(() -> new InvalidConfigurationException(qualify("HashAlgorithm"),
                        "'" + value + "' is not one of HS256, HS384, HS512, RS256, RS384, RS512")))
                .orElse(JwsAlgorithm.HS256);
        boolean requireHashAlgorithm = bool("RequireHashAlgorithm", true);
        KeyRing keys = keys(algorithm);
        String issuer = string("Issuer").orElse("ssjwt");
        List<String> audiences = audiences();
        boolean requiresAudience = bool("RequiresAudience", false);
        Duration expireTokensIn = expireTokensIn();
        Optional<Instant> invalidateBefore = string("InvalidateTokensIssuedBefore")
                .map(v -> TimeValues.instant(qualify("InvalidateTokensIssuedBefore"), v));
        Duration clockSkew = duration("AllowedClockSkew").orElse(DEFAULT_CLOCK_SKEW);
        int maxTokenLength = integer("MaxTokenLength", DEFAULT_MAX_TOKEN_LENGTH);
        TokenPolicy policy;
        try {
            policy = new TokenPolicy(algorithm, requireHashAlgorithm, keys, issuer, audiences, requiresAudience,
                    expireTokensIn, invalidateBefore, clockSkew, maxTokenLength, tenant, bool("IncludeMpJwtClaims", false),
                    encryption());
        } catch (PolicyException e) {
            String setting = e.setting().substring(PREFIX.length());
            String property = qualify(setting.equals("ExpireTokensIn") && string("ExpireTokensInDays").isPresent()
                    ? "ExpireTokensInDays" : setting);
            throw new InvalidConfigurationException(property, e.problem(), e);
        }
        try {
            return new JwtSettings(policy,
                    bool("RequireSecureConnection", true),
                    bool("AllowInQueryString", false),
                    bool("AllowInFormData", false),
                    integer("TokenCacheSize", DEFAULT_TOKEN_CACHE_SIZE),
                    new CookieSettings(bool("UseTokenCookie", true), bool("UseRefreshTokenCookie", true),
                            string("CookieSameSite").orElse("Lax"), string("CookiePath").map(String::strip).orElse("/"),
                            list("AllowedOrigins")),
                    refreshTokens(),
                    integer("PasswordHashIterations", JwtSettings.DEFAULT_PASSWORD_HASH_ITERATIONS),
                    new SignInLimits(integer("MaxLoginAttempts", DEFAULT_MAX_LOGIN_ATTEMPTS),
                            duration("LoginLockoutPeriod").orElse(DEFAULT_LOGIN_LOCKOUT),
                            integer("LoginFailuresPerMinutePerAddress", DEFAULT_LOGIN_FAILURES_PER_ADDRESS),
                            integer("LoginFailuresPerMinutePerUserName", DEFAULT_LOGIN_FAILURES_PER_USER_NAME)),
                    bool("IncludeJwtInConvertSessionToTokenResponse", false));
        } catch (InvalidConfigurationException e) {
            // The records name the global property; say which one was really read (a tenant's, maybe).
            if (tenant.isPresent() && e.property().startsWith(PREFIX)) {
                String setting = e.property().substring(PREFIX.length());
                throw new InvalidConfigurationException(qualify(setting), e.problem(), e);
            }
            throw e;
        }
    }

    private RefreshTokenPolicy refreshTokens() {
        return new RefreshTokenPolicy(
                duration("ExpireRefreshTokensIn").orElse(DEFAULT_REFRESH_EXPIRY),
                duration("ExtendRefreshTokenExpiryAfterUsage"),
                duration("MaxRefreshTokenLifetime").orElse(DEFAULT_REFRESH_MAX_LIFETIME),
                bool("InvalidateRefreshTokenOnLogout", true),
                bool("RotateRefreshTokens", true),
                duration("RefreshTokenReuseGracePeriod").orElse(DEFAULT_REUSE_GRACE),
                // global only: one purge serves every tenant's rows
                global("RefreshTokenRetention").map(v -> TimeValues.duration(PREFIX + "RefreshTokenRetention", v))
                        .orElse(DEFAULT_REFRESH_RETENTION));
    }

    private Optional<Duration> duration(String name) {
        return string(name).map(v -> TimeValues.duration(qualify(name), v));
    }

    private KeyRing keys(JwsAlgorithm algorithm) {
        Optional<String> keyId = string("KeyId").map(String::strip);
        List<VerificationKey> verification = new ArrayList<>();
        Optional<SigningKey> signing = Optional.empty();

        Optional<HmacKey> authKey = string("AuthKeyBase64")
                .map(v -> hmacKey("AuthKeyBase64", v, algorithm, keyId.filter(id -> algorithm.isHmac())));
        List<HmacKey> fallbackAuthKeys = numbered("AuthKeyBase64").stream()
                .map(n -> hmacKey("AuthKeyBase64." + n, required("AuthKeyBase64." + n), algorithm, Optional.empty())).toList();

        Optional<RSAPrivateCrtKey> privateKey = oneOf("PrivateKeyPem", "PrivateKeyXml", this::privateKey);
        Optional<RSAPublicKey> publicKey = oneOf("PublicKeyPem", "PublicKeyXml", this::publicKey);
        if (privateKey.isPresent() && publicKey.isPresent()
                && !RsaKeyFormats.publicKeyOf(privateKey.get()).getModulus().equals(publicKey.get().getModulus())) {
            throw new InvalidConfigurationException(qualify(string("PublicKeyPem").isPresent() ? "PublicKeyPem" : "PublicKeyXml"),
                    "the public key does not belong to the configured private key");
        }
        Optional<RSAPublicKey> primaryPublic = publicKey.or(() -> privateKey.map(RsaKeyFormats::publicKeyOf));
        String rsaKid = keyId.filter(id -> !algorithm.isHmac())
                .orElseGet(() -> primaryPublic.map(KeyIds::thumbprint).orElse(""));

        if (algorithm.isHmac()) {
            if (authKey.isPresent()) {
                signing = Optional.of(authKey.get());
            }
        } else if (privateKey.isPresent()) {
            signing = Optional.of(new RsaSigningKey(privateKey.get(), rsaKid));
        }
        // The configured algorithm's keys come first, so a token without a kid is tried against them first.
        List<VerificationKey> hmac = new ArrayList<>();
        authKey.ifPresent(hmac::add);
        hmac.addAll(fallbackAuthKeys);
        List<VerificationKey> rsa = new ArrayList<>();
        primaryPublic.ifPresent(key -> rsa.add(new RsaVerificationKey(key, rsaKid)));
        for (String name : List.of("PublicKeyPem", "PublicKeyXml")) {
            for (int n : numbered(name)) {
                rsa.add(RsaVerificationKey.of(publicKey(name + "." + n, required(name + "." + n))));
            }
        }
        for (String name : List.of("PrivateKeyPem", "PrivateKeyXml")) {
            for (int n : numbered(name)) {
                rsa.add(RsaVerificationKey.of(RsaKeyFormats.publicKeyOf(privateKey(name + "." + n, required(name + "." + n)))));
            }
        }
        verification.addAll(algorithm.isHmac() ? hmac : rsa);
        verification.addAll(algorithm.isHmac() ? rsa : hmac);
        if (verification.isEmpty()) {
            throw new InvalidConfigurationException(qualify(algorithm.isHmac() ? "AuthKeyBase64" : "PrivateKeyPem"),
                    "no key is configured: set jwt.AuthKeyBase64 (HS256/384/512) or jwt.PrivateKeyPem / jwt.PublicKeyPem "
                            + "(or their Xml forms) with jwt.HashAlgorithm=RS256/384/512");
        }
        return new KeyRing(signing, verification);
    }

    /**
     * {@code jwt.EncryptPayload}: tokens encrypted for the primary RSA key, decrypted with it and its fallbacks;
     * {@code jwt.AcceptServiceStackJwe}: ServiceStack's JWE layout read with the same keys.
     */
    private Encryption encryption() {
        boolean encrypt = bool("EncryptPayload", false);
        boolean legacy = bool("AcceptServiceStackJwe", false);
        if (!encrypt && !legacy) {
            return Encryption.NONE;
        }
        List<RSAPrivateCrtKey> keys = new ArrayList<>();
        oneOf("PrivateKeyPem", "PrivateKeyXml", this::privateKey).ifPresent(keys::add);
        for (String name : List.of("PrivateKeyPem", "PrivateKeyXml")) {
            for (int n : numbered(name)) {
                keys.add(privateKey(name + "." + n, required(name + "." + n)));
            }
        }
        String setting = encrypt ? "EncryptPayload" : "AcceptServiceStackJwe";
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(qualify(setting), "needs an RSA private key (jwt.PrivateKeyPem or "
                    + "jwt.PrivateKeyXml): tokens are encrypted for it and only its holder can read them");
        }
        try {
            return new Encryption(
                    encrypt ? Optional.of(new JweEncrypter(RsaKeyFormats.publicKeyOf(keys.get(0)))) : Optional.empty(),
                    encrypt ? Optional.of(new JweDecrypter(keys)) : Optional.empty(),
                    legacy ? Optional.of(new LegacyJweReader(keys)) : Optional.empty());
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(qualify(setting), e.getMessage(), e);
        }
    }

    /** RFC 7518 §3.2: at least as long as the hash of the HS algorithm in use (HS256 when signing with RSA). */
    private HmacKey hmacKey(String name, String base64, JwsAlgorithm algorithm, Optional<String> keyId) {
        HmacKey key;
        try {
            key = HmacKey.fromBase64(base64);
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(qualify(name), e.getMessage(), e);
        }
        JwsAlgorithm hmac = algorithm.isHmac() ? algorithm : JwsAlgorithm.HS256;
        if (key.length() < hmac.minKeyBytes()) {
            throw new InvalidConfigurationException(qualify(name), "has " + key.length() + " bytes but " + hmac
                    + " needs a key of at least " + hmac.minKeyBytes() + " bytes (RFC 7518 §3.2)");
        }
        return keyId.map(key::withKid).orElse(key);
    }

    private RSAPrivateCrtKey privateKey(String name, String value) {
        try {
            return name.startsWith("PrivateKeyXml") ? RsaKeyFormats.privateKeyFromXml(value) : RsaKeyFormats.privateKeyFromPem(value);
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(qualify(name), e.getMessage(), e);
        }
    }

    private RSAPublicKey publicKey(String name, String value) {
        try {
            return name.startsWith("PublicKeyXml") ? RsaKeyFormats.publicKeyFromXml(value) : RsaKeyFormats.publicKeyFromPem(value);
        } catch (KeyFormatException e) {
            throw new InvalidConfigurationException(qualify(name), e.getMessage(), e);
        }
    }

    /** The key set in the PEM form or the XML form of a property, never both (which one would win is a trap). */
    private <K> Optional<K> oneOf(String pemName, String xmlName, java.util.function.BiFunction<String, String, K> parse) {
        Optional<String> pem = string(pemName);
        Optional<String> xml = string(xmlName);
        if (pem.isPresent() && xml.isPresent()) {
            throw new InvalidConfigurationException(qualify(xmlName), "set either " + PREFIX + pemName + " or " + PREFIX + xmlName + ", not both");
        }
        return pem.map(v -> parse.apply(pemName, v)).or(() -> xml.map(v -> parse.apply(xmlName, v)));
    }

    /**
     * The indexes 1..N of the fallback properties {@code jwt.<name>.N}. Like ServiceStack they must be contiguous;
     * unlike ServiceStack a gap is an error rather than silently ignoring every key after it.
     */
    private List<Integer> numbered(String name) {
        List<Integer> present = new ArrayList<>();
        int n = 1;
        while (string(name + "." + n).isPresent()) {
            present.add(n++);
        }
        String prefix = fromTenant(name) ? tenantPrefix() : PREFIX;
        for (Map.Entry<String, Integer> property : numberedProperties(name, prefix).entrySet()) {
            if (property.getValue() >= n) {
                throw new InvalidConfigurationException(property.getKey(), "fallback keys must be numbered "
                        + prefix + name + ".1, .2, .3… from 1 without gaps, but " + prefix + name + "." + n + " is not set");
            }
        }
        return present;
    }

    /** The properties {@code <prefix><name>.N} in the configuration, with their N (-1 if not a plain number). */
    private Map<String, Integer> numberedProperties(String name, String prefix) {
        Map<String, Integer> found = new LinkedHashMap<>();
        String start = prefix + name + ".";
        for (String property : propertyNames) {
            if (property.startsWith(start)) {
                String digits = property.substring(start.length());
                boolean number = !digits.isEmpty() && digits.length() <= 6 && !digits.startsWith("0")
                        && digits.chars().allMatch(Character::isDigit);
                found.put(property, number ? Integer.parseInt(digits) : Integer.MAX_VALUE);
            }
        }
        return found;
    }

    private List<String> audiences() {
        Set<String> audiences = new LinkedHashSet<>();
        string("Audience").map(String::strip).ifPresent(audiences::add);
        audiences.addAll(list("Audiences"));
        return List.copyOf(audiences);
    }

    /** A comma-separated setting's non-blank entries, stripped, in order. */
    private Set<String> list(String name) {
        Set<String> entries = new LinkedHashSet<>();
        string(name).ifPresent(list -> {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        });
        return entries;
    }

    private Duration expireTokensIn() {
        Optional<String> timeSpan = string("ExpireTokensIn");
        Optional<String> days = string("ExpireTokensInDays");
        if (timeSpan.isPresent() && days.isPresent()) {
            throw new InvalidConfigurationException(qualify("ExpireTokensInDays"),
                    "set either jwt.ExpireTokensIn or jwt.ExpireTokensInDays, not both");
        }
        if (days.isPresent()) {
            return Duration.ofDays(integer("ExpireTokensInDays", 0));
        }
        return timeSpan.map(v -> TimeValues.duration(qualify("ExpireTokensIn"), v)).orElse(DEFAULT_EXPIRY);
    }

    /**
     * Strict booleans: MicroProfile Config's own converter reads any unknown word (a typo such as {@code ture}) as
     * false, which would silently switch off a security check.
     */
    private boolean bool(String name, boolean defaultValue) {
        return string(name).map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(qualify(name), "'" + value + "' is not true or false");
        }).orElse(defaultValue);
    }

    private int integer(String name, int defaultValue) {
        return string(name).map(value -> {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(qualify(name), "'" + value + "' is not a whole number", e);
            }
        }).orElse(defaultValue);
    }

    private String required(String name) {
        return string(name).orElseThrow(() -> new InvalidConfigurationException(qualify(name), "is not set"));
    }

    /** A setting's value in this reader's scope: the tenant's own ({@link #fromTenant}), else the global one. */
    private Optional<String> string(String name) {
        return fromTenant(name) ? own(name) : global(name);
    }

    /**
     * Whether this reader takes setting {@code name} from its tenant: the tenant's own value where it has one, and
     * all keys when it has any key of its own. Global-only settings never.
     */
    private boolean fromTenant(String name) {
        Setting setting = Setting.of(name);
        return tenant.isPresent() && setting.perTenant() && (own(name).isPresent() || setting.key() && ownKeys);
    }

    /** The full name of the property a value was read from, for messages ({@code jwt.tenant.acme.AuthKeyBase64}). */
    private String qualify(String name) {
        if (fromTenant(name)) {
            return tenantPrefix() + name + (supplied.containsKey(name) ? " (supplied by the application)" : "");
        }
        return PREFIX + name;
    }

    /** Every value is read here or in {@link #global}, and only for a name in the list of {@link Setting}s. */
    private Optional<String> own(String name) {
        Setting.of(name);
        return Optional.ofNullable(supplied.get(name)).or(() -> config.apply(tenantPrefix() + name))
                .filter(value -> !value.isBlank());
    }

    private Optional<String> global(String name) {
        Setting.of(name);
        return config.apply(PREFIX + name).filter(value -> !value.isBlank());
    }

    private String tenantPrefix() {
        return TENANT_PREFIX + tenant.orElse("") + ".";
    }
}
