package dev.jwtauth.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.eclipse.microprofile.config.Config;

/**
 * The values of the {@link Setting}s in one scope: the global one ({@code jwt.<Setting>}), or a tenant's
 * ({@code jwt.tenant.<id>.<Setting>}, or a value the application supplied for it, over {@code jwt.<Setting>}).
 * Keys are not mixed: a tenant that names any key has only its own keys; one that names none shares the global
 * keys. Every value is read here, and every problem with one names the property it was read from.
 */
final class ScopedProperties {
    static final String PREFIX = "jwt.";
    static final String TENANT_PREFIX = "jwt.tenant.";

    /** Parses a value; a complaint names the property given. */
    @FunctionalInterface
    interface Parser<T> extends BiFunction<String, String, T> {
    }

    private final Config config;
    private final Optional<String> tenant;
    private final Map<String, String> supplied;
    private final boolean ownKeys;

    private ScopedProperties(Config config, Optional<String> tenant, Map<String, String> supplied) {
        this.config = config;
        this.tenant = tenant;
        this.supplied = supplied;
        // A fallback counts too, also one set only as an environment variable (JWT_TENANT_ACME_AUTHKEYBASE64_1),
        // which the property names do not show as jwt.tenant.acme.AuthKeyBase64.1.
        this.ownKeys = tenant.isPresent() && Arrays.stream(Setting.values()).filter(Setting::key).anyMatch(key ->
                own(key.part()).isPresent()
                || key.numbered() && (own(key.part() + ".1").isPresent()
                        || !numberedProperties(key.part(), tenantPrefix()).isEmpty()
                        || supplied.keySet().stream().anyMatch(name -> name.startsWith(key.part() + "."))));
    }

    /** The global scope: requests without a tenant, and the global-only settings of every tenant. */
    static ScopedProperties global(Config config) {
        return new ScopedProperties(config, Optional.empty(), Map.of());
    }

    /** Tenant {@code id}'s scope, with the values the application {@code supplied} for it. */
    static ScopedProperties tenant(Config config, String id, Map<String, String> supplied) {
        SettingNames.checkTenantId(TENANT_PREFIX + id, id);
        SettingNames.checkSupplied(id, supplied.keySet());
        return new ScopedProperties(config, Optional.of(id), Map.copyOf(supplied));
    }

    /**
     * The global scope of a configuration that names no jwtauth or MicroProfile JWT setting at all: an application
     * that has the jar but does not use it (yet), such as one without MicroProfile JWT's {@code @LoginConfig}.
     */
    boolean unconfigured() {
        if (tenant.isPresent()) {
            return false;
        }
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX) || lower.startsWith(Setting.MP_PREFIX)
                    || lower.startsWith("jwt_") || lower.startsWith("mp_jwt_")) {
                return false;
            }
        }
        return true;
    }

    /** The tenant of this scope; none for the global one. */
    Optional<String> tenant() {
        return tenant;
    }

    /** The value configured in this scope, if any (blank is none). */
    Optional<String> configured(Setting setting) {
        return lookup(setting.part());
    }

    /** The value of fallback {@code n} of a numbered key ({@code AuthKeyBase64.2}). */
    String fallback(Setting key, int n) {
        String name = key.part() + "." + n;
        return lookup(name).orElseThrow(() -> new InvalidConfigurationException(property(name), "is not set"));
    }

    /** The configured value, else the default, parsed. */
    <T> Optional<T> value(Setting setting, Parser<T> parser) {
        return configured(setting).or(setting::defaultValue).map(value -> parser.apply(property(setting), value));
    }

    /**
     * A value that jwtauth's setting {@code own} and MicroProfile JWT's setting {@code mp} both name: either may be
     * set, or both when they say the same (docs/microprofile-jwt.md); a contradiction fails the deployment, naming
     * both properties. None when neither is set: the caller knows which default applies.
     */
    <T> Optional<T> agreed(Setting own, Parser<T> ownParser, Setting mp, Parser<T> mpParser) {
        Optional<T> ownValue = configured(own).map(value -> ownParser.apply(property(own), value));
        Optional<T> mpValue = configured(mp).map(value -> mpParser.apply(property(mp), value));
        if (ownValue.isPresent() && mpValue.isPresent() && !ownValue.equals(mpValue)) {
            throw new InvalidConfigurationException(property(mp), "says " + mpValue.get() + " but " + property(own)
                    + " says " + ownValue.get() + ": they are the same setting, so set one of them, or both alike");
        }
        return ownValue.or(() -> mpValue);
    }

    /** The configured value, else the default, of a setting that has one, parsed. */
    <T> T valueOrDefault(Setting setting, Parser<T> parser) {
        return value(setting, parser).orElseThrow(() -> new IllegalStateException(setting + " has no default"));
    }

    String string(Setting setting) {
        return valueOrDefault(setting, (property, value) -> value);
    }

    boolean bool(Setting setting) {
        return valueOrDefault(typed(setting, Setting.Type.BOOLEAN), ScopedProperties::bool);
    }

    int integer(Setting setting) {
        return valueOrDefault(typed(setting, Setting.Type.INTEGER), ScopedProperties::integer);
    }

    Duration duration(Setting setting) {
        return valueOrDefault(typed(setting, Setting.Type.DURATION), TimeValues::duration);
    }

    /** A comma-separated setting's non-blank entries, stripped, in order. */
    Set<String> list(Setting setting) {
        Set<String> entries = new LinkedHashSet<>();
        configured(typed(setting, Setting.Type.LIST)).ifPresent(list -> {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        });
        return entries;
    }

    /** The type a setting is read as is the one the configuration reference states for it. */
    private static Setting typed(Setting setting, Setting.Type type) {
        if (setting.type() != type) {
            throw new IllegalArgumentException(setting + " is a " + setting.type().label() + ", not a " + type.label());
        }
        return setting;
    }

    /**
     * The indexes 1..N of the fallbacks {@code <key>.N}. Like ServiceStack they must be contiguous; unlike
     * ServiceStack a gap is an error rather than silently ignoring every key after it.
     */
    List<Integer> fallbacks(Setting key) {
        String name = key.part();
        List<Integer> present = new ArrayList<>();
        int n = 1;
        while (lookup(name + "." + n).isPresent()) {
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

    /** The full name of the property a value is read from, for messages ({@code jwt.tenant.acme.AuthKeyBase64}). */
    String property(Setting setting) {
        return property(setting.part());
    }

    /** Where this scope's own value of a setting goes: a tenant's property for a tenant, whatever is set now. */
    String ownProperty(Setting setting) {
        return tenant.isPresent() ? tenantPrefix() + setting.part() : setting.globalProperty();
    }

    String property(Setting key, int fallback) {
        return property(key.part() + "." + fallback);
    }

    /**
     * Strict booleans: MicroProfile Config's own converter reads any unknown word (a typo such as {@code ture}) as
     * false, which would silently switch off a security check.
     */
    private static boolean bool(String property, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(property, "'" + value + "' is not true or false");
        };
    }

    private static int integer(String property, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(property, "'" + value + "' is not a whole number", e);
        }
    }

    /** The properties {@code <prefix><name>.N} in the configuration, with their N (-1 if not a plain number). */
    private Map<String, Integer> numberedProperties(String name, String prefix) {
        Map<String, Integer> found = new LinkedHashMap<>();
        String start = prefix + name + ".";
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(start)) {
                String digits = property.substring(start.length());
                boolean number = !digits.isEmpty() && digits.length() <= 6 && !digits.startsWith("0")
                        && digits.chars().allMatch(Character::isDigit);
                found.put(property, number ? Integer.parseInt(digits) : Integer.MAX_VALUE);
            }
        }
        return found;
    }

    private String property(String name) {
        if (fromTenant(name)) {
            return tenantPrefix() + name + (supplied.containsKey(name) ? " (supplied by the application)" : "");
        }
        return globalName(name);
    }

    /** A value in this scope: the tenant's own ({@link #fromTenant}), else the global one. */
    private Optional<String> lookup(String name) {
        return fromTenant(name) ? own(name) : global(name);
    }

    /**
     * Whether this scope takes {@code name} from its tenant: the tenant's own value where it has one, and all keys
     * when it has any key of its own. Global-only settings never.
     */
    private boolean fromTenant(String name) {
        Setting setting = Setting.of(name);
        return tenant.isPresent() && setting.perTenant() && (own(name).isPresent() || setting.key() && ownKeys);
    }

    /** Every value is read here or in {@link #global}, and only for a name in the list of {@link Setting}s. */
    private Optional<String> own(String name) {
        Setting.of(name);
        return Optional.ofNullable(supplied.get(name)).or(() -> optional(tenantPrefix() + name))
                .filter(value -> !value.isBlank());
    }

    private Optional<String> global(String name) {
        Setting.of(name);
        return optional(globalName(name)).filter(value -> !value.isBlank());
    }

    private Optional<String> optional(String property) {
        return config.getOptionalValue(property, String.class);
    }

    /** {@code jwt.AuthKeyBase64.2}; MicroProfile JWT's settings are named as the specification names them. */
    private static String globalName(String name) {
        return name.startsWith(Setting.MP_PREFIX) ? name : PREFIX + name;
    }

    private String tenantPrefix() {
        return TENANT_PREFIX + tenant.orElse("") + ".";
    }
}
