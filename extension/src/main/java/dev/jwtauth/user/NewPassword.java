package dev.jwtauth.user;

/**
 * The password of a {@link NewUser}: a password to hash ({@link NewUser#of}), or a hash another system made
 * ({@link ImportedPassword}, {@link NewUser#imported}).
 */
public sealed interface NewPassword permits NewPassword.Plain, ImportedPassword {

    /** A password, hashed by the store as it creates the user. */
    record Plain(String password) implements NewPassword {

        public Plain {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a user needs a password");
            }
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "Plain[…]";
        }
    }
}
