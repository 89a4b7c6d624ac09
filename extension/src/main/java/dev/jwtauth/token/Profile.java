package dev.jwtauth.token;

import java.util.Optional;

/**
 * What a user tells about itself, beyond name and roles: the fields ServiceStack copies from its session into a
 * token. Built with the {@code with} methods from {@link #empty()}.
 *
 * @param email       {@code email}
 * @param displayName {@code name}
 * @param firstName   {@code given_name}
 * @param lastName    {@code family_name}
 * @param profileUrl  {@code picture}
 */
public record Profile(
        Optional<String> email,
        Optional<String> displayName,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profileUrl) {

    private static final Profile EMPTY = new Profile(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public static Profile empty() {
        return EMPTY;
    }

    public Profile withEmail(String value) {
        return new Profile(Optional.of(value), displayName, firstName, lastName, profileUrl);
    }

    public Profile withDisplayName(String value) {
        return new Profile(email, Optional.of(value), firstName, lastName, profileUrl);
    }

    public Profile withNames(String first, String last) {
        return new Profile(email, displayName, Optional.of(first), Optional.of(last), profileUrl);
    }

    public Profile withProfileUrl(String value) {
        return new Profile(email, displayName, firstName, lastName, Optional.of(value));
    }
}
