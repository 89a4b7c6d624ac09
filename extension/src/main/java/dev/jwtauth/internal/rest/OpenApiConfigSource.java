package dev.jwtauth.internal.rest;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Names jwtauth's OpenAPI contributions to mpOpenAPI ({@link TokenServicesModel}, {@link SecuredOperationsFilter}, and
 * the operation ids the filter reads) at the lowest ordinal of all: any value the application sets wins. MicroProfile
 * OpenAPI takes one model reader and one filter, both from the configuration, and reads static files only from the
 * application's own module, so this is the one way a library jar adds to the document. Without mpOpenAPI the
 * values are read by nobody.
 */
public class OpenApiConfigSource implements ConfigSource {
    static final String NAME = "jwtauth OpenAPI defaults";
    static final String OPERATION_ID_STRATEGY = "mp.openapi.extensions.smallrye.operationIdStrategy";
    /**
     * By name, not by class literal: a source is created for every application, and where mpOpenAPI is absent,
     * loading those classes would fail on the API they implement.
     */
    private static final Map<String, String> VALUES = Map.of(
            "mp.openapi.model.reader", "dev.jwtauth.internal.rest.TokenServicesModel",
            "mp.openapi.filter", "dev.jwtauth.internal.rest.SecuredOperationsFilter",
            OPERATION_ID_STRATEGY, "PACKAGE_CLASS_METHOD");

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Below every other source (the defaults of {@code microprofile-config.properties} are 100). */
    @Override
    public int getOrdinal() {
        return Integer.MIN_VALUE;
    }
}
