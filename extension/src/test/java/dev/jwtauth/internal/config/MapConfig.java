package dev.jwtauth.internal.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A minimal MicroProfile {@link Config} over a map, with only what {@link JwtSettingsReader} uses: like a real
 * Config, a missing or empty value is absent, and {@link #getPropertyNames()} lists every key given. Environment
 * variables, if given, are found and listed as Open Liberty's MicroProfile Config (SmallRye Config) finds and lists
 * them, and come first.
 */
public final class MapConfig implements Config {
    private final Map<String, String> values;
    private final Map<String, String> environment;
    private final Set<String> asked = new LinkedHashSet<>();

    MapConfig(Map<String, String> values) {
        this(values, Map.of());
    }

    private MapConfig(Map<String, String> values, Map<String, String> environment) {
        this.values = new LinkedHashMap<>(values);
        this.environment = new LinkedHashMap<>(environment);
    }

    /** {@code MapConfig.of("jwt.A", "1", "jwt.B", "2")}. */
    public static MapConfig of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapConfig(map);
    }

    /** This configuration with environment variables: {@code withEnvironment("JWT_ISSUER", "x", …)}. */
    public MapConfig withEnvironment(String... namesAndValues) {
        return new MapConfig(values, of(namesAndValues).values);
    }

    /** Every name a value was asked for, in order. */
    public Set<String> asked() {
        return asked;
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        if (propertyType != String.class) {
            throw new UnsupportedOperationException("MapConfig only converts to String, not " + propertyType);
        }
        asked.add(propertyName);
        String underscored = propertyName.replaceAll("[^A-Za-z0-9]", "_");
        String value = environment.getOrDefault(propertyName, environment.getOrDefault(underscored,
                environment.getOrDefault(underscored.toUpperCase(Locale.ROOT), values.get(propertyName))));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(propertyType.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.addAll(environment.keySet());
        // As SmallRye Config lists a variable no other source names: JWT_AUTHKEYBASE64_1 also as jwt.authkeybase64[1].
        for (String variable : environment.keySet()) {
            if (values.keySet().stream().noneMatch(name -> name.replaceAll("[^A-Za-z0-9]", "_").equalsIgnoreCase(variable))) {
                names.add(variable.toLowerCase(Locale.ROOT).replace('_', '.').replaceAll("\\.([0-9]+)(?=\\.|$)", "[$1]"));
            }
        }
        return names;
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        throw new UnsupportedOperationException("getValue");
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        throw new UnsupportedOperationException("getConfigValue");
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        throw new UnsupportedOperationException("getConfigSources");
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        throw new UnsupportedOperationException("getConverter");
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException("unwrap");
    }
}
