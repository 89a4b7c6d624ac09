package dev.jwtauth.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The class names the OpenAPI defaults give are those of the classes (written as text: see the source). */
class OpenApiConfigSourceTest {

    @Test
    void theReaderAndFilterNamedAreJwtauthsOwn() {
        OpenApiConfigSource source = new OpenApiConfigSource();
        assertEquals(TokenServicesModel.class.getName(), source.getValue("mp.openapi.model.reader"));
        assertEquals(SecuredOperationsFilter.class.getName(), source.getValue("mp.openapi.filter"));
        assertEquals(Integer.MIN_VALUE, source.getOrdinal(), "every other source wins");
    }
}
