package dev.jwtauth.internal.security;

import jakarta.enterprise.inject.Instance;

/** The one rule for choosing an SPI implementation: the application's bean if it has one, else jwtauth's {@code @Builtin}. */
final class SpiBeans {

    private SpiBeans() {
    }

    static <T> T chosen(Instance<T> application, Instance<T> builtin) {
        return application.isUnsatisfied() ? builtin.get() : application.get();
    }
}
