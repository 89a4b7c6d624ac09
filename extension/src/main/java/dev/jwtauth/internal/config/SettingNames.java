package dev.jwtauth.internal.config;

import static dev.jwtauth.internal.config.ScopedProperties.PREFIX;
import static dev.jwtauth.internal.config.ScopedProperties.TENANT_PREFIX;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code jwt.*} and {@code mp.jwt.*} names of a configuration, checked against the {@link Setting}s at start-up: a misspelt name
 * would otherwise be ignored, leaving its setting at the default, or a tenant on the global keys. Also the tenants
 * that the names define.
 * <p>
 * Environment variables keep their own names here ({@code JWT_AUTHKEYBASE64}); MicroProfile Config reads one for
 * {@code jwt.AuthKeyBase64} when it is that name with {@code _} for every other character, or that in upper case.
 * Other software uses the {@code JWT_} prefix too ({@code JWT_SECRET}), so such a variable is refused only when it
 * is nearly the name of a setting, and otherwise logged as ignored. {@code JWT_TENANT_} is jwtauth's alone.
 */
final class SettingNames {
    private static final Logger LOG = Logger.getLogger(SettingNames.class.getName());
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String ENV_PREFIX = "JWT_";
    private static final String TENANT_ENV_PREFIX = "JWT_TENANT_";
    /** A setting's name in a variable's: {@code AUTHKEYBASE64} (a number alone is a fallback's, not a setting's). */
    private static final String ENV_SETTING = "[A-Z0-9]*[A-Z][A-Z0-9]*";
    /** {@code AUTHKEYBASE64_2}: a setting, and the number of a fallback. */
    private static final Pattern ENV_PART = Pattern.compile("(" + ENV_SETTING + ")(?:_([0-9]+))?");
    /** {@code JWT_TENANT_ACME_AUTHKEYBASE64}: the tenant is whatever lies between the prefix and the setting. */
    private static final Pattern TENANT_ENV =
            Pattern.compile(Pattern.quote(TENANT_ENV_PREFIX) + "(.+)_(" + ENV_SETTING + "(?:_[0-9]+)?)");
    /** A fallback's number, kept when suggesting a name: {@code AuthKeyBase46.2}, {@code AUTHKEYBASE46_2}. */
    private static final Pattern INDEXED = Pattern.compile("(.+)([._][0-9]+)");
    private static final Map<String, Setting> BY_ENV_NAME =
            Arrays.stream(Setting.values()).collect(Collectors.toUnmodifiableMap(SettingNames::envName, Function.identity()));

    /** Where a name was found, and so which settings it may name. */
    private enum Place {
        GLOBAL(Setting::global), TENANT(Setting::perTenant), SUPPLIED(Setting::suppliable);

        private final Predicate<Setting> allows;

        Place(Predicate<Setting> allows) {
            this.allows = allows;
        }
    }

    private final Set<String> tenants;

    private SettingNames(Set<String> tenants) {
        this.tenants = Set.copyOf(tenants);
    }

    /**
     * Checks every name of a configuration that looks like jwtauth's: {@code jwt.*} in any case, and environment
     * variables {@code JWT_*}. The first that is not a setting, or not one allowed where it is, is refused.
     */
    static SettingNames check(Iterable<String> propertyNames) {
        List<String> variables = new ArrayList<>();
        for (String name : propertyNames) {
            if (startsWithIgnoringCase(name, ENV_PREFIX) && name.indexOf('.') < 0 && name.chars().allMatch(c -> c < 0x80)) {
                variables.add(name);
            }
        }
        Set<String> variableLetters = variables.stream().map(SettingNames::letters).collect(Collectors.toSet());
        Set<String> tenants = new TreeSet<>();
        for (String name : propertyNames) {
            // SmallRye Config (Open Liberty's) also lists a variable no other source names in lower case and dotted
            // (JWT_MAXTOKENLENGTH as jwt.maxtokenlength): the variable itself is what is checked.
            if (name.equals(name.toLowerCase(Locale.ROOT)) && variableLetters.contains(letters(name))) {
                continue;
            }
            if (startsWithIgnoringCase(name, TENANT_PREFIX)) {
                tenants.add(tenantProperty(name));
            } else if (startsWithIgnoringCase(name, PREFIX)) {
                property(name, name.startsWith(PREFIX), PREFIX, name.substring(PREFIX.length()), Place.GLOBAL);
            } else if (startsWithIgnoringCase(name, Setting.MP_PREFIX)) {
                // MicroProfile JWT's names are lower case: a name in any other case is not read (MP_JWT_* variables
                // are listed under the property's name)
                property(name, name.startsWith(Setting.MP_PREFIX), "", name, Place.GLOBAL);
            }
        }
        // Variables second: one for a tenant the properties name belongs to it, whatever case its name is in.
        Set<String> named = Set.copyOf(tenants);
        for (String name : variables) {
            variable(name, named).ifPresent(tenants::add);
        }
        return new SettingNames(tenants);
    }

    /**
     * Refuses the values an application supplies for a tenant ({@code TenantSettingsSource}) under a name that is
     * not a setting a tenant may have.
     */
    static void checkSupplied(String tenant, Set<String> names) {
        for (String name : names) {
            property(TENANT_PREFIX + tenant + "." + name + " (supplied by the application)", true, "", name, Place.SUPPLIED);
        }
    }

    static void checkTenantId(String property, String id) {
        if (!TENANT_ID.matcher(id).matches()) {
            throw new InvalidConfigurationException(property, "a tenant id is letters, digits, '-' and '_'");
        }
    }

    /** The tenants the configuration defines, by properties {@code jwt.tenant.<id>.*} or by variables alone. */
    Set<String> tenants() {
        return tenants;
    }

    /** Checks {@code jwt.tenant.<id>.<Setting>} and returns the id. */
    private static String tenantProperty(String name) {
        String rest = name.substring(TENANT_PREFIX.length());
        int dot = rest.indexOf('.');
        String id = dot < 0 ? rest : rest.substring(0, dot);
        checkTenantId(name, id);
        if (dot < 0) {
            throw new InvalidConfigurationException(name, "names a tenant but no setting (jwt.tenant.<id>.<Setting>)");
        }
        property(name, name.startsWith(TENANT_PREFIX), TENANT_PREFIX + id + ".", rest.substring(dot + 1), Place.TENANT);
        return id;
    }

    /** Refuses {@code name} unless it is {@code prefix + part} for a setting allowed in {@code place}. */
    private static void property(String name, boolean prefixAsWritten, String prefix, String part, Place place) {
        Optional<Setting> setting = Setting.named(part);
        if (setting.isEmpty() || !prefixAsWritten) {
            throw notASetting(name, closest(part, place, Setting::part).map(prefix::concat));
        }
        if (!place.allows.test(setting.get())) {
            throw misplaced(name, setting.get(), setting.get().globalProperty());
        }
    }

    /** Checks a variable {@code JWT_*}; returns the tenant it defines when no property names that tenant. */
    private static Optional<String> variable(String name, Set<String> named) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith(TENANT_ENV_PREFIX)) {
            return tenantVariable(name, upper, named);
        }
        String envPart = upper.substring(ENV_PREFIX.length());
        Optional<String> part = propertyPart(envPart).filter(p -> Setting.of(p).global());
        if (part.isPresent()) {
            requireRead(name, "jwt_" + part.get().replace('.', '_'));
            return Optional.empty();
        }
        Optional<String> meant = closest(envPart, Place.GLOBAL, SettingNames::envName);
        if (meant.isPresent()) {
            throw notASetting(name, meant.map(ENV_PREFIX::concat));
        }
        LOG.warning(() -> "JWTAUTH0003W: environment variable " + name + " is ignored: it is not a jwtauth setting (nor "
                + "nearly one), and other software may use JWT_ variables");
        return Optional.empty();
    }

    /**
     * Checks {@code JWT_TENANT_<ID>_<SETTING>}. Its tenant is a named one whose id it spells; else the tenant it
     * alone defines, whose id is the lower-case {@code <ID>} (a name in upper case has lost the id's case), unless
     * that could be two ids.
     */
    private static Optional<String> tenantVariable(String name, String upper, Set<String> named) {
        Matcher matcher = TENANT_ENV.matcher(upper);
        Optional<String> part = matcher.matches() ? propertyPart(matcher.group(2)) : Optional.empty();
        if (part.isEmpty()) {
            throw notASetting(name, matcher.matches()
                    ? closest(matcher.group(2), Place.TENANT, SettingNames::envName).map(
                            meant -> TENANT_ENV_PREFIX + matcher.group(1) + "_" + meant)
                    : Optional.empty());
        }
        String spelt = name.substring(matcher.start(1), matcher.end(1));
        requireRead(name, "jwt_tenant_" + spelt.replaceAll("[^A-Za-z0-9]", "_") + "_" + part.get().replace('.', '_'));
        Setting setting = Setting.of(part.get());
        if (!setting.perTenant()) {
            throw misplaced(name, setting, ENV_PREFIX + matcher.group(2));
        }
        boolean inUpperCase = name.equals(upper);
        Function<String, String> asSpelt = id -> {
            String underscored = id.replaceAll("[^A-Za-z0-9]", "_");
            return inUpperCase ? underscored.toUpperCase(Locale.ROOT) : underscored;
        };
        if (named.stream().map(asSpelt).anyMatch(spelt::equals)) {
            return Optional.empty();
        }
        String id = inUpperCase ? spelt.toLowerCase(Locale.ROOT) : spelt;
        if (id.contains("_")) {
            throw new InvalidConfigurationException(name, "defines tenant " + spelt + " by environment variables "
                    + "alone, whose names spell '-' in an id as '_' too: also name it in the configuration "
                    + "(jwt.tenant." + id.replace('_', '-') + ".<Setting> or jwt.tenant." + id + ".<Setting>), and "
                    + "its variables apply to it");
        }
        return Optional.of(id);
    }

    /** The property name of a variable's setting: {@code AUTHKEYBASE64_2} → {@code AuthKeyBase64.2}. */
    private static Optional<String> propertyPart(String envPart) {
        Matcher matcher = ENV_PART.matcher(envPart);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_ENV_NAME.get(matcher.group(1)))
                .map(setting -> setting.part() + (matcher.group(2) == null ? "" : "." + matcher.group(2)))
                .filter(part -> Setting.named(part).isPresent());
    }

    /**
     * Refuses a variable MicroProfile Config never reads: for {@code jwt.tenant.acme.Issuer} it looks for
     * {@code jwt_tenant_acme_Issuer} ({@code underscored}) and {@code JWT_TENANT_ACME_ISSUER}, no other spelling.
     */
    private static void requireRead(String name, String underscored) {
        String upperCase = underscored.toUpperCase(Locale.ROOT);
        if (!name.equals(upperCase) && !name.equals(underscored)) {
            throw new InvalidConfigurationException(name, "is not read: MicroProfile Config looks for "
                    + upperCase + " or " + underscored + "; did you mean " + upperCase + "?");
        }
    }

    /** The setting allowed in {@code place} that {@code part} was probably meant to be, spelt as {@code spelling}. */
    private static Optional<String> closest(String part, Place place, Function<Setting, String> spelling) {
        Matcher indexed = INDEXED.matcher(part);
        String unnumbered = indexed.matches() ? indexed.group(1) : part;
        List<Setting> allowed = Arrays.stream(Setting.values()).filter(place.allows).toList();
        List<String> names = allowed.stream().map(spelling).toList();
        return ClosestName.of(unnumbered, names).map(meant -> indexed.matches()
                && allowed.get(names.indexOf(meant)).numbered() ? meant + indexed.group(2) : meant);
    }

    private static InvalidConfigurationException notASetting(String name, Optional<String> meant) {
        return new InvalidConfigurationException(name, "not a jwtauth setting" + meant.map(m -> "; did you mean " + m + "?")
                .orElse(" (docs/configuration.md lists them)"));
    }

    private static InvalidConfigurationException misplaced(String name, Setting setting, String globalName) {
        return new InvalidConfigurationException(name, setting.scope() == Setting.Scope.GLOBAL
                ? "is global-only, one value for the whole deployment: set " + globalName
                : "is a tenant's own setting: set jwt.tenant.<id>." + setting + " in the configuration");
    }

    /** A name's letters and digits in lower case: what a variable and its dotted form have in common. */
    private static String letters(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** {@code AUTHKEYBASE64}; MicroProfile JWT's as MicroProfile Config spells it, {@code MP_JWT_VERIFY_ISSUER}. */
    private static String envName(Setting setting) {
        return (setting.mp() ? setting.part().replace('.', '_') : setting.name()).toUpperCase(Locale.ROOT);
    }

    private static boolean startsWithIgnoringCase(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
