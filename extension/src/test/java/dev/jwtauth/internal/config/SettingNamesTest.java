package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.VerificationKey;

/**
 * Configured names are checked at start-up against the one list of settings: a misspelt {@code jwt.*} or
 * {@code jwt.tenant.<id>.*} name, a global-only setting set per tenant, or a {@code JWT_*} variable that
 * MicroProfile Config would not read stops the deployment, naming it (and the setting it was probably meant to be).
 */
class SettingNamesTest {
    private static final String GLOBAL_KEY = key(1);
    private static final String ACME_KEY = key(2);

    private static String key(long seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Tenants read(MapConfig config) {
        return Tenants.read(config, Clock.systemUTC());
    }

    /** Asserts that the deployment is refused with exactly {@code message} (which starts with the property). */
    private static void assertRefused(String message, MapConfig config) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> read(config),
                "must be refused: " + message);
        assertEquals(message, e.getMessage());
    }

    private static List<String> kids(JwtEngine engine) {
        return engine.settings().tokens().keys().verificationKeys().stream().map(VerificationKey::kid).toList();
    }

    @Test
    void aMisspeltGlobalNameIsRefusedWithTheSettingItWasMeantToBe() {
        assertRefused("jwt.AuthKeyBase46: not a jwtauth setting; did you mean jwt.AuthKeyBase64?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.AuthKeyBase46", key(3)));
        assertRefused("jwt.RequireSecureConection: not a jwtauth setting; did you mean jwt.RequireSecureConnection?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.RequireSecureConection", "false"));
        // Reported as the misspelling it is, not as the key it leaves missing.
        assertRefused("jwt.AuthKeyBase46: not a jwtauth setting; did you mean jwt.AuthKeyBase64?",
                MapConfig.of("jwt.AuthKeyBase46", GLOBAL_KEY));
    }

    @Test
    void theSuggestionIgnoresCaseCountsASwapAsOneEditAndKeepsTheFallbackNumber() {
        assertRefused("jwt.authkeybase64: not a jwtauth setting; did you mean jwt.AuthKeyBase64?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.authkeybase64", key(3)));
        assertRefused("JWT.Issuer: not a jwtauth setting; did you mean jwt.Issuer?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "JWT.Issuer", "x"));
        assertRefused("jwt.KeyDi: not a jwtauth setting; did you mean jwt.KeyId?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.KeyDi", "k1"));
        assertRefused("jwt.PublicKeyPme.2: not a jwtauth setting; did you mean jwt.PublicKeyPem.2?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.PublicKeyPme.2", "x"));
        assertRefused("jwt.Issuer.1: not a jwtauth setting; did you mean jwt.Issuer?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.Issuer.1", "x"));
        assertRefused("jwt.Secret: not a jwtauth setting (docs/configuration.md lists them)",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.Secret", "x"));
    }

    @Test
    void aMisspeltTenantNameIsRefusedWithTheTenantsSetting() {
        assertRefused("jwt.tenant.acme.Isuer: not a jwtauth setting; did you mean jwt.tenant.acme.Issuer?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.AuthKeyBase64", ACME_KEY,
                        "jwt.tenant.acme.Isuer", "acme"));
        assertRefused("jwt.tenant.acme: names a tenant but no setting (jwt.tenant.<id>.<Setting>)",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme", "x"));
        assertRefused("jwt.tenant.ac me.Issuer: a tenant id is letters, digits, '-' and '_'",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.ac me.Issuer", "x"));
    }

    @Test
    void aTenantWhoseEverySettingIsMisspeltNeverRunsOnTheGlobalKey() {
        assertRefused("jwt.tenant.acme.AuthKeyBase46: not a jwtauth setting; did you mean jwt.tenant.acme.AuthKeyBase64?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.AuthKeyBase46", ACME_KEY));
    }

    @Test
    void numberedFallbacksAreSettingsOfTheNumberedKeysOnly() {
        for (Setting setting : Setting.values()) {
            String name = "jwt." + setting + ".2";
            if (setting.numbered()) {
                assertDoesNotThrow(() -> SettingNames.check(List.of(name, "jwt.tenant.acme." + setting + ".1")), name);
            } else {
                assertThrows(InvalidConfigurationException.class, () -> SettingNames.check(List.of(name)), name);
            }
        }
        assertThrows(InvalidConfigurationException.class, () -> SettingNames.check(List.of("jwt.AuthKeyBase64.x")));
    }

    @Test
    void globalOnlySettingsAreRefusedPerTenant() {
        List<Setting> globalOnly = Arrays.stream(Setting.values()).filter(s -> !s.perTenant()).toList();
        assertEquals(List.of(Setting.IncludeConvertSessionToTokenService, Setting.IncludeAccessTokenService,
                Setting.RefreshTokenRetention, Setting.PasswordHashIterations, Setting.MaxLoginAttempts,
                Setting.LoginLockoutPeriod, Setting.LoginFailuresPerMinutePerAddress, Setting.LoginFailuresPerMinutePerUserName,
                Setting.UserStoreSignIn, Setting.AuthenticateBasicRequests, Setting.TenantResolver, Setting.TenantHeader, Setting.TenantDomain, Setting.RequireTenant), globalOnly,
                "docs/configuration.md lists these as global-only");
        for (Setting setting : globalOnly) {
            assertRefused("jwt.tenant.acme." + setting + ": is global-only, one value for the whole deployment: set jwt."
                    + setting, MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme." + setting, "1"));
        }
        assertRefused("JWT_TENANT_ACME_PASSWORDHASHITERATIONS: is global-only, one value for the whole deployment: "
                + "set JWT_PASSWORDHASHITERATIONS", MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY)
                .withEnvironment("JWT_TENANT_ACME_PASSWORDHASHITERATIONS", "700000"));
        InvalidConfigurationException supplied = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.readTenant(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY), "acme",
                        Map.of("PasswordHashIterations", "700000")));
        assertEquals("jwt.tenant.acme.PasswordHashIterations (supplied by the application)", supplied.property());
    }

    @Test
    void aTenantsSettingsCarryTheGlobalValueOfAGlobalOnlySetting() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.PasswordHashIterations", "700000",
                "jwt.tenant.acme.PasswordHashIterations", "2000");
        assertEquals(700_000, JwtSettingsReader.readTenant(config, "acme", Map.of()).passwordHashIterations());
    }

    @Test
    void hostIsATenantsOwnSetting() {
        assertDoesNotThrow(() -> read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.Host", "acme.test")));
        assertRefused("jwt.Host: is a tenant's own setting: set jwt.tenant.<id>.Host in the configuration",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.Host", "acme.test"));
        InvalidConfigurationException supplied = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.readTenant(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY), "acme",
                        Map.of("Host", "acme.test")), "hosts are mapped at start-up, not asked of the application");
        assertEquals("jwt.tenant.acme.Host (supplied by the application)", supplied.property());
    }

    @Test
    void aMisspeltNameTheApplicationSuppliesRefusesTheTenant() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> JwtSettingsReader.readTenant(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY), "acme",
                        Map.of("AuthKeyBase46", ACME_KEY)));
        assertEquals("jwt.tenant.acme.AuthKeyBase46 (supplied by the application): not a jwtauth setting; "
                + "did you mean AuthKeyBase64?", e.getMessage());
    }

    @Test
    void environmentVariablesAreSettingsAsMicroProfileConfigReadsThem() {
        Tenants tenants = read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY)
                .withEnvironment("JWT_MAXTOKENLENGTH", "6000", "jwt_Issuer", "env-issuer", "JWT_AUTHKEYBASE64_1", key(4)));
        assertEquals(6000, tenants.global().settings().tokens().maxTokenLength());
        assertEquals("env-issuer", tenants.global().settings().tokens().issuer());
        assertEquals(List.of(HmacKey.fromBase64(GLOBAL_KEY).kid(), HmacKey.fromBase64(key(4)).kid()), kids(tenants.global()));
    }

    @Test
    void theLowerCaseDottedNamesSmallRyeListsForVariablesAreTheVariablesNotMisspellings() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY).withEnvironment("JWT_MAXTOKENLENGTH", "6000",
                "JWT_AUTHKEYBASE64_1", key(4), "JWT_TENANT_ACME_ISSUER", "acme", "JWT_SECRET", "other software's");
        assertEquals(Set.of("acme"), read(config).tenancy().tenants());
        assertRefused("jwt.maxtokenlength: not a jwtauth setting; did you mean jwt.MaxTokenLength?",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.maxtokenlength", "6000"));
    }

    @Test
    void aMisspeltOrUnreadJwtVariableIsRefused() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY);
        assertRefused("JWT_MAXTOKENLENGHT: not a jwtauth setting; did you mean JWT_MAXTOKENLENGTH?",
                config.withEnvironment("JWT_MAXTOKENLENGHT", "6000"));
        assertRefused("JWT_AUTHKEYBASE46_1: not a jwtauth setting; did you mean JWT_AUTHKEYBASE64_1?",
                config.withEnvironment("JWT_AUTHKEYBASE46_1", key(4)));
        assertRefused("Jwt_Issuer: is not read: MicroProfile Config looks for JWT_ISSUER or jwt_Issuer; did you mean "
                + "JWT_ISSUER?", config.withEnvironment("Jwt_Issuer", "x"));
        assertRefused("JWT_TENANT_ACME_ISUER: not a jwtauth setting; did you mean JWT_TENANT_ACME_ISSUER?",
                config.withEnvironment("JWT_TENANT_ACME_ISUER", "x"));
        assertRefused("JWT_TENANT_ACME: not a jwtauth setting (docs/configuration.md lists them)",
                config.withEnvironment("JWT_TENANT_ACME", "x"));
        assertRefused("JWT_TENANT_INITECH-2_ISSUER: is not read: MicroProfile Config looks for "
                + "JWT_TENANT_INITECH_2_ISSUER or jwt_tenant_INITECH_2_Issuer; did you mean JWT_TENANT_INITECH_2_ISSUER?",
                config.withEnvironment("JWT_TENANT_INITECH-2_ISSUER", "x"));
    }

    @Test
    void aJwtVariableFarFromEverySettingIsLeftToWhateverElseUsesIt() {
        Tenants tenants = assertDoesNotThrow(() -> read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY)
                .withEnvironment("JWT_SECRET", "x", "JWT_KEY", "y", "JWT_HOST", "z")));
        assertEquals(Set.of(), tenants.tenancy().tenants());
    }

    @Test
    void aTenantDefinedByEnvironmentVariablesAloneIsFoundUnderItsLowerCaseId() {
        Tenants tenants = read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY)
                .withEnvironment("JWT_TENANT_ACME_AUTHKEYBASE64", ACME_KEY, "JWT_TENANT_ACME_HOST", "acme.test"));
        assertEquals(Set.of("acme"), tenants.tenancy().tenants());
        assertEquals(Map.of("acme.test", "acme"), tenants.tenancy().hosts());
        assertEquals(List.of(HmacKey.fromBase64(ACME_KEY).kid()), kids(tenants.configured("acme").orElseThrow()));
    }

    @Test
    void aTenantWithOnlyAFallbackKeyInTheEnvironmentTakesNoGlobalKey() {
        Tenants tenants = read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY)
                .withEnvironment("JWT_TENANT_ACME_AUTHKEYBASE64_1", ACME_KEY));
        assertEquals(List.of(HmacKey.fromBase64(ACME_KEY).kid()), kids(tenants.configured("acme").orElseThrow()));
    }

    @Test
    void aVariableOfATenantTheConfigurationNamesIsThatTenantsWhateverItsCase() {
        Tenants tenants = read(MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.initech-2.Issuer", "initech")
                .withEnvironment("JWT_TENANT_INITECH_2_AUTHKEYBASE64", ACME_KEY));
        assertEquals(Set.of("initech-2"), tenants.tenancy().tenants());
        assertEquals(List.of(HmacKey.fromBase64(ACME_KEY).kid()), kids(tenants.configured("initech-2").orElseThrow()));
    }

    @Test
    void aTenantIdAVariableCannotSpellIsRefused() {
        assertRefused("JWT_TENANT_INITECH_2_AUTHKEYBASE64: defines tenant INITECH_2 by environment variables alone, "
                + "whose names spell '-' in an id as '_' too: also name it in the configuration "
                + "(jwt.tenant.initech-2.<Setting> or jwt.tenant.initech_2.<Setting>), and its variables apply to it",
                MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY).withEnvironment("JWT_TENANT_INITECH_2_AUTHKEYBASE64", ACME_KEY));
    }

    @Test
    void theListOfSettingsIsWhatTheReaderReads() {
        MapConfig config = MapConfig.of("jwt.AuthKeyBase64", GLOBAL_KEY, "jwt.tenant.acme.Issuer", "acme");
        read(config);
        Set<String> read = config.asked().stream()
                .map(name -> name.replaceFirst("^jwt\\.tenant\\.acme\\.|^jwt\\.", "").replaceFirst("\\.[0-9]+$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = Arrays.stream(Setting.values()).map(Setting::part).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, read, "every listed setting is read (a global and a tenant configuration read them all)");
        assertThrows(IllegalArgumentException.class, () -> Setting.of("AuthKeyBase46"),
                "and the reader cannot read a name that is not listed");
    }
}
