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
 * and the configuration reference is checked against it (ConfigurationReferenceTest), as it is against the type
 * and scope.
 */
enum Setting {
    HashAlgorithm(Type.CHOICE, "HS256"),
    RequireHashAlgorithm(Type.BOOLEAN, "true"),
    AuthKeyBase64(Key.NUMBERED, Type.KEY),
    PrivateKeyPem(Key.NUMBERED, Type.KEY),
    PrivateKeyXml(Key.NUMBERED, Type.KEY),
    PublicKeyPem(Key.NUMBERED, Type.KEY),
    PublicKeyXml(Key.NUMBERED, Type.KEY),
    KeyId(Key.SINGLE, Type.TEXT),
    /**
     * The least size of an RSA key that only verifies: an issuer's older keys. Not a key setting, so a tenant that
     * sets it alone keeps sharing the global keys.
     */
    MinRsaKeyBits(Type.INTEGER, "2048"),
    /** An issuer's JWK Set, fetched and kept fresh (RemoteKeySet). */
    JwksUrl(Key.SINGLE, Type.TEXT),
    /** A public key or key set read from the classpath, a file, or fetched as JwksUrl is. */
    PublicKeyLocation(Key.SINGLE, Type.TEXT),
    JwksMaxAge(Type.DURATION, "PT1H"),
    JwksMinRefreshInterval(Type.DURATION, "PT30S"),
    Issuer(Type.TEXT, "ssjwt"),
    Audience(Type.TEXT),
    Audiences(Type.LIST),
    RequiresAudience(Type.BOOLEAN, "false"),
    ExpireTokensIn(Type.DURATION, "14.00:00:00"),
    ExpireTokensInDays(Type.INTEGER),
    InvalidateTokensIssuedBefore(Type.INSTANT),
    AllowedClockSkew(Type.DURATION, "PT30S"),
    MaxTokenLength(Type.INTEGER, "8192"),
    IncludeMpJwtClaims(Type.BOOLEAN, "false"),
    EncryptPayload(Type.BOOLEAN, "false"),
    AcceptServiceStackJwe(Type.BOOLEAN, "false"),
    RequireSecureConnection(Type.BOOLEAN, "true"),
    AllowInQueryString(Type.BOOLEAN, "false"),
    AllowInFormData(Type.BOOLEAN, "false"),
    AllowInRequestDto(Type.BOOLEAN, "false"),
    TokenCacheSize(Type.INTEGER, "10000"),
    UseTokenCookie(Type.BOOLEAN, "true"),
    UseRefreshTokenCookie(Type.BOOLEAN, "true"),
    CookieSameSite(Type.CHOICE, "Lax"),
    CookiePath(Type.TEXT, "/"),
    AllowedOrigins(Type.LIST),
    ExpireRefreshTokensIn(Type.DURATION, "P90D"),
    ExtendRefreshTokenExpiryAfterUsage(Type.DURATION),
    MaxRefreshTokenLifetime(Type.DURATION, "P365D"),
    InvalidateRefreshTokenOnLogout(Type.BOOLEAN, "true"),
    RotateRefreshTokens(Type.BOOLEAN, "true"),
    RefreshTokenReuseGracePeriod(Type.DURATION, "PT10S"),
    IncludeJwtInConvertSessionToTokenResponse(Type.BOOLEAN, "false"),
    SetBearerTokenOnAuthenticateResponse(Type.BOOLEAN, "false"),
    AdminRoleSatisfiesAll(Type.BOOLEAN, "false"),
    /** A route exists for the whole deployment or not at all, as a route that does not exist. */
    IncludeConvertSessionToTokenService(Scope.GLOBAL, Type.BOOLEAN, "true"),
    IncludeAccessTokenService(Scope.GLOBAL, Type.BOOLEAN, "true"),
    /** One purge serves every tenant's rows. */
    RefreshTokenRetention(Scope.GLOBAL, Type.DURATION, "P7D"),
    /**
     * The user store is shared by all tenants, and a hash made at one tenant's cost would be redone at another's.
     * The default is OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
     */
    PasswordHashIterations(Scope.GLOBAL, Type.INTEGER, "600000"),
    /** The lock-out is counted in the user store, which all tenants share; the throttle serves the whole server. */
    MaxLoginAttempts(Scope.GLOBAL, Type.INTEGER, "10"),
    LoginLockoutPeriod(Scope.GLOBAL, Type.DURATION, "PT15M"),
    LoginFailuresPerMinutePerAddress(Scope.GLOBAL, Type.INTEGER, "60"),
    LoginFailuresPerMinutePerUserName(Scope.GLOBAL, Type.INTEGER, "10"),
    /** The application's identity stores serve every tenant, as the user store does. */
    UserStoreSignIn(Scope.GLOBAL, Type.CHOICE, "auto"),
    /** Checked through the same stores and throttle as a sign-in, which are global. */
    AuthenticateBasicRequests(Scope.GLOBAL, Type.BOOLEAN, "false"),
    /** How a request's tenant is found: needed before the request has a tenant. */
    TenantResolver(Scope.GLOBAL, Type.LIST),
    TenantHeader(Scope.GLOBAL, Type.TEXT, "X-Tenant"),
    TenantDomain(Scope.GLOBAL, Type.TEXT),
    RequireTenant(Scope.GLOBAL, Type.BOOLEAN, "false"),
    /** A tenant's host names, mapped to it at start-up. */
    Host(Scope.CONFIGURED_TENANT, Type.LIST),

    // MicroProfile JWT 2.1's settings (its section "Configuration"), read with the same rules: globally as named,
    // per tenant as jwt.tenant.<id>.mp.jwt.…; docs/microprofile-jwt.md maps each onto jwtauth's.
    MpVerifyPublicKey(mpName("verify.publickey"), Key.SINGLE, Type.KEY, null),
    MpVerifyPublicKeyLocation(mpName("verify.publickey.location"), Key.SINGLE, Type.TEXT, null),
    MpVerifyPublicKeyAlgorithm(mpName("verify.publickey.algorithm"), Key.NONE, Type.CHOICE, "RS256"),
    MpVerifyIssuer(mpName("verify.issuer"), Key.NONE, Type.TEXT, null),
    MpVerifyAudiences(mpName("verify.audiences"), Key.NONE, Type.LIST, null),
    MpTokenHeader(mpName("token.header"), Key.NONE, Type.CHOICE, "Authorization"),
    MpTokenCookie(mpName("token.cookie"), Key.NONE, Type.TEXT, "Bearer"),
    MpVerifyClockSkew(mpName("verify.clock.skew"), Key.NONE, Type.INTEGER, null),
    MpVerifyTokenAge(mpName("verify.token.age"), Key.NONE, Type.INTEGER, null),
    MpDecryptKeyLocation(mpName("decrypt.key.location"), Key.SINGLE, Type.TEXT, null),
    MpDecryptKeyAlgorithm(mpName("decrypt.key.algorithm"), Key.NONE, Type.CHOICE, null);

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

    /** What a value is written as: the configuration reference's Type column. */
    enum Type {
        BOOLEAN("boolean"),
        INTEGER("integer"),
        /** ISO-8601 ({@code PT15M}) or a .NET TimeSpan ({@code 14.00:00:00}). */
        DURATION("duration"),
        /** An ISO-8601 date or instant. */
        INSTANT("instant"),
        TEXT("text"),
        /** Comma-separated values. */
        LIST("list"),
        /** One of the values the reference names. */
        CHOICE("choice"),
        /** Key material: Base64, PEM or XML. */
        KEY("key");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Whether a setting names a key, which a tenant takes from the global settings all or none. */
    private enum Key {
        NONE, SINGLE, NUMBERED
    }

    private static final Map<String, Setting> BY_PART =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::part, Function.identity()));

    private final Scope scope;
    private final Key key;
    private final Type type;
    private final Optional<String> defaultValue;
    private final String part;

    Setting(Type type) {
        this(Scope.ANYWHERE, Key.NONE, type, null);
    }

    Setting(Type type, String defaultValue) {
        this(Scope.ANYWHERE, Key.NONE, type, defaultValue);
    }

    Setting(Scope scope, Type type) {
        this(scope, Key.NONE, type, null);
    }

    Setting(Scope scope, Type type, String defaultValue) {
        this(scope, Key.NONE, type, defaultValue);
    }

    Setting(Key key, Type type) {
        this(Scope.ANYWHERE, key, type, null);
    }

    Setting(Scope scope, Key key, Type type, String defaultValue) {
        this.scope = scope;
        this.key = key;
        this.type = type;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.part = name();
    }

    Setting(MpName name, Key key, Type type, String defaultValue) {
        this.scope = Scope.ANYWHERE;
        this.key = key;
        this.type = type;
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

    Type type() {
        return type;
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
