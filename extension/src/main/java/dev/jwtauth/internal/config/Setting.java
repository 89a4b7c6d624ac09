package dev.jwtauth.internal.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every jwtauth setting: the one list of names. {@link JwtSettingsReader} reads no name that is not here, and
 * {@link SettingNames} refuses every configured {@code jwt.*} and {@code mp.jwt.*} name that is not here. The
 * constants of jwtauth's own settings are spelt as the properties ({@code jwt.AuthKeyBase64}, ServiceStack's names),
 * so each name is written once; those of MicroProfile JWT's carry the specification's name ({@link #part()}). A
 * setting's default is here too, written as a configured value would be and read like one, so the reader applies it
 * and the configuration reference is checked against it (ConfigurationReferenceTest).
 */
enum Setting {
    HashAlgorithm("HS256"),
    RequireHashAlgorithm("true"),
    AuthKeyBase64(Key.NUMBERED),
    PrivateKeyPem(Key.NUMBERED),
    PrivateKeyXml(Key.NUMBERED),
    PublicKeyPem(Key.NUMBERED),
    PublicKeyXml(Key.NUMBERED),
    KeyId(Key.SINGLE),
    /** An issuer's JWK Set, fetched when tokens need it and kept ({@link RemoteKeySet}). */
    JwksUrl(Key.SINGLE),
    /** A public key (PEM, JWK, JWK Set) read from a classpath resource or a file, or fetched as {@code JwksUrl} is. */
    PublicKeyLocation(Key.SINGLE),
    /** A fetched key set older than this is fetched again (in the background), so removed keys stop verifying. */
    JwksMaxAge("PT1H"),
    /** Fetches of one key set are at least this far apart, however many tokens name unknown keys. */
    JwksMinRefreshInterval("PT30S"),
    Issuer("ssjwt"),
    Audience,
    Audiences,
    RequiresAudience("false"),
    ExpireTokensIn("14.00:00:00"),
    ExpireTokensInDays,
    InvalidateTokensIssuedBefore,
    AllowedClockSkew("PT30S"),
    MaxTokenLength("8192"),
    IncludeMpJwtClaims("false"),
    EncryptPayload("false"),
    AcceptServiceStackJwe("false"),
    RequireSecureConnection("true"),
    AllowInQueryString("false"),
    AllowInFormData("false"),
    AllowInRequestDto("false"),
    TokenCacheSize("10000"),
    UseTokenCookie("true"),
    UseRefreshTokenCookie("true"),
    CookieSameSite("Lax"),
    CookiePath("/"),
    AllowedOrigins,
    ExpireRefreshTokensIn("P90D"),
    ExtendRefreshTokenExpiryAfterUsage,
    MaxRefreshTokenLifetime("P365D"),
    InvalidateRefreshTokenOnLogout("true"),
    RotateRefreshTokens("true"),
    RefreshTokenReuseGracePeriod("PT10S"),
    IncludeJwtInConvertSessionToTokenResponse("false"),
    SetBearerTokenOnAuthenticateResponse("false"),
    AdminRoleSatisfiesAll("false"),
    /** A route exists for the whole deployment or not at all, as a route that does not exist. */
    IncludeConvertSessionToTokenService(Scope.GLOBAL, "true"),
    IncludeAccessTokenService(Scope.GLOBAL, "true"),
    /** One purge serves every tenant's rows. */
    RefreshTokenRetention(Scope.GLOBAL, "P7D"),
    /**
     * The user store is shared by all tenants, and a hash made at one tenant's cost would be redone at another's.
     * The default is OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
     */
    PasswordHashIterations(Scope.GLOBAL, "600000"),
    /** The lock-out is counted in the user store, which all tenants share; the throttle serves the whole server. */
    MaxLoginAttempts(Scope.GLOBAL, "10"),
    LoginLockoutPeriod(Scope.GLOBAL, "PT15M"),
    LoginFailuresPerMinutePerAddress(Scope.GLOBAL, "60"),
    LoginFailuresPerMinutePerUserName(Scope.GLOBAL, "10"),
    /** The application's identity stores serve every tenant, as the user store does. */
    UserStoreSignIn(Scope.GLOBAL, "auto"),
    /** Checked through the same stores and throttle as a sign-in, which are global. */
    AuthenticateBasicRequests(Scope.GLOBAL, "false"),
    /** How a request's tenant is found: needed before the request has a tenant. */
    TenantResolver(Scope.GLOBAL),
    TenantHeader(Scope.GLOBAL, "X-Tenant"),
    TenantDomain(Scope.GLOBAL),
    RequireTenant(Scope.GLOBAL, "false"),
    /** A tenant's host names, mapped to it at start-up. */
    Host(Scope.CONFIGURED_TENANT),

    // MicroProfile JWT 2.1's settings (its section "Configuration"), read with the same rules: globally as named,
    // per tenant as jwt.tenant.<id>.mp.jwt.…; docs/microprofile-jwt.md maps each onto jwtauth's.
    MpVerifyPublicKey(mpName("verify.publickey"), Key.SINGLE, null),
    MpVerifyPublicKeyLocation(mpName("verify.publickey.location"), Key.SINGLE, null),
    MpVerifyPublicKeyAlgorithm(mpName("verify.publickey.algorithm"), Key.NONE, "RS256"),
    MpVerifyIssuer(mpName("verify.issuer"), Key.NONE, null),
    MpVerifyAudiences(mpName("verify.audiences"), Key.NONE, null),
    MpTokenHeader(mpName("token.header"), Key.NONE, "Authorization"),
    MpTokenCookie(mpName("token.cookie"), Key.NONE, "Bearer"),
    MpVerifyClockSkew(mpName("verify.clock.skew"), Key.NONE, null),
    MpVerifyTokenAge(mpName("verify.token.age"), Key.NONE, null),
    MpDecryptKeyLocation(mpName("decrypt.key.location"), Key.SINGLE, null),
    MpDecryptKeyAlgorithm(mpName("decrypt.key.algorithm"), Key.NONE, null);

    /** The prefix of MicroProfile JWT's settings, which are named without jwtauth's {@code jwt.}. */
    static final String MP_PREFIX = "mp.jwt.";

    /** Where a setting may be set. */
    enum Scope {
        /** {@code jwt.<name>}, {@code jwt.tenant.<id>.<name>}, and a tenant's values supplied by the application. */
        ANYWHERE,
        /** {@code jwt.<name>} only: one value for the whole deployment. */
        GLOBAL,
        /** {@code jwt.tenant.<id>.<name>} only. */
        CONFIGURED_TENANT
    }

    /** Whether a setting names a key, which a tenant takes from the global settings all or none. */
    private enum Key {
        NONE, SINGLE, NUMBERED
    }

    private static final Map<String, Setting> BY_PART =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::part, Function.identity()));

    private final Scope scope;
    private final Key key;
    private final Optional<String> defaultValue;
    private final String part;

    Setting() {
        this(Scope.ANYWHERE, Key.NONE, null);
    }

    Setting(String defaultValue) {
        this(Scope.ANYWHERE, Key.NONE, defaultValue);
    }

    Setting(Scope scope) {
        this(scope, Key.NONE, null);
    }

    Setting(Scope scope, String defaultValue) {
        this(scope, Key.NONE, defaultValue);
    }

    Setting(Key key) {
        this(Scope.ANYWHERE, key, null);
    }

    Setting(Scope scope, Key key, String defaultValue) {
        this.scope = scope;
        this.key = key;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.part = name();
    }

    Setting(MpName name, Key key, String defaultValue) {
        this.scope = Scope.ANYWHERE;
        this.key = key;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.part = name.property();
    }

    /** A MicroProfile JWT property name. */
    private record MpName(String property) {
    }

    private static MpName mpName(String name) {
        return new MpName(MP_PREFIX + name);
    }

    /**
     * The setting a name stands for: {@code Issuer}, or {@code AuthKeyBase64.2} for a fallback of a numbered key
     * (whether its number is usable is the reader's to say, so it can name the gap).
     */
    static Optional<Setting> named(String name) {
        Setting exact = BY_PART.get(name);
        int dot = name.indexOf('.');
        if (exact != null || dot < 0) {
            return Optional.ofNullable(exact);
        }
        String index = name.substring(dot + 1);
        boolean digits = !index.isEmpty() && index.chars().allMatch(c -> c >= '0' && c <= '9');
        return Optional.ofNullable(BY_PART.get(name.substring(0, dot))).filter(setting -> digits && setting.numbered());
    }

    /**
     * The setting's part of a property name: {@code Issuer} of {@code jwt.Issuer} and {@code jwt.tenant.<id>.Issuer};
     * a MicroProfile JWT setting's is its whole name, {@code mp.jwt.verify.issuer} (and
     * {@code jwt.tenant.<id>.mp.jwt.verify.issuer}).
     */
    String part() {
        return part;
    }

    /** One of MicroProfile JWT's settings. */
    boolean mp() {
        return part.startsWith(MP_PREFIX);
    }

    /** The name of the global property: {@code jwt.Issuer}, {@code mp.jwt.verify.issuer}. */
    String globalProperty() {
        return mp() ? part : ScopedProperties.PREFIX + part;
    }

    /** The setting of a name jwtauth reads: any other name is a bug in jwtauth, not in the configuration. */
    static Setting of(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException(name + " is not in the list of settings"));
    }

    Scope scope() {
        return scope;
    }

    /** May be set as {@code jwt.<name>}. */
    boolean global() {
        return scope != Scope.CONFIGURED_TENANT;
    }

    /** May be set as {@code jwt.tenant.<id>.<name>}. */
    boolean perTenant() {
        return scope != Scope.GLOBAL;
    }

    /** May be among the values a {@code TenantSettingsSource} supplies. */
    boolean suppliable() {
        return scope == Scope.ANYWHERE;
    }

    /** The value used when none is configured; none for a setting whose absence means something of its own. */
    Optional<String> defaultValue() {
        return defaultValue;
    }

    boolean key() {
        return key != Key.NONE;
    }

    /** Has fallbacks {@code <name>.1}, {@code .2}, … */
    boolean numbered() {
        return key == Key.NUMBERED;
    }
}
