package dev.jwtauth.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * Marks jwtauth's own implementation of an SPI ({@link RefreshTokenStore}, {@link UserSource}): it is used only when
 * the application has no bean of that type, so an application's bean replaces it without being ambiguous with it.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Builtin {
}
