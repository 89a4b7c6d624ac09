package dev.jwtauth.internal.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.jwtauth.token.Jwks;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.PublicKeyFormats;
import dev.jwtauth.token.RemoteKeys;
import dev.jwtauth.token.VerificationKey;

/**
 * The keys of {@code jwt.JwksUrl} and {@code jwt.PublicKeyLocation} (or MicroProfile JWT's name for it,
 * {@code mp.jwt.verify.publickey.location}): a resource or file read once, a URL made a
 * {@link RemoteKeySet}. One per configuration, like its {@link KeyReader}: scopes naming the same location share what
 * was read, and scopes naming the same URL (with the same intervals) share one set, so one issuer is fetched once
 * however many tenants trust it.
 */
final class KeyLocations {
    private final Clock clock;
    private final Map<Read, List<VerificationKey>> read = new HashMap<>();
    private final Map<RemoteSpec, RemoteKeySet> remote = new HashMap<>();
    private KeyFetcher fetcher;

    /** What was read: the same location may be read by scopes that allow different RSA key sizes. */
    private record Read(String location, int minRsaBits) {
    }

    private record RemoteSpec(URI uri, boolean jwksOnly, Duration maxAge, Duration minInterval, int minRsaBits) {
    }

    KeyLocations(Clock clock) {
        this.clock = clock;
    }

    /** The keys of a {@code jwt.PublicKeyLocation} that is a resource or a file; none for a URL. */
    List<VerificationKey> keys(ScopedProperties properties, int minRsaBits) {
        Optional<KeyLocation> location = location(properties).filter(l -> !l.remote());
        if (location.isEmpty()) {
            return List.of();
        }
        String property = properties.property(locationSetting(properties));
        return read.computeIfAbsent(new Read(location.get().location(), minRsaBits), what -> {
            try {
                return PublicKeyFormats.read(location.get().read(), minRsaBits);
            } catch (IllegalArgumentException e) { // KeyFormatException too
                throw new InvalidConfigurationException(property, e.getMessage(), e);
            }
        });
    }

    /** The remote key set of {@code jwt.JwksUrl}, or of a {@code jwt.PublicKeyLocation} URL; one of the two. */
    Optional<RemoteKeys> remote(ScopedProperties properties, JwsAlgorithm algorithm, int minRsaBits) {
        // checked whether or not a URL is set, as every setting is
        Duration maxAge = atLeastOneSecond(properties, Setting.JwksMaxAge);
        Duration minInterval = atLeastOneSecond(properties, Setting.JwksMinRefreshInterval);
        Optional<String> jwksUrl = properties.configured(Setting.JwksUrl);
        Optional<KeyLocation> location = location(properties).filter(KeyLocation::remote);
        if (jwksUrl.isEmpty() && location.isEmpty()) {
            return Optional.empty();
        }
        Setting setting = jwksUrl.isPresent() ? Setting.JwksUrl : locationSetting(properties);
        String property = properties.property(setting);
        if (jwksUrl.isPresent() && location.isPresent()) {
            throw new InvalidConfigurationException(property, "set either jwt.JwksUrl or a " + properties.property(
                    locationSetting(properties)) + " URL, not both: each is a key set fetched from an issuer");
        }
        if (algorithm.isHmac() && properties.bool(Setting.RequireHashAlgorithm)) {
            throw new InvalidConfigurationException(property, "holds public keys, which verify RS256/384/512 and ES256 "
                    + "tokens, but jwt.HashAlgorithm is " + algorithm + " and jwt.RequireHashAlgorithm=true accepts only "
                    + "that: set jwt.HashAlgorithm to the issuer's algorithm");
        }
        URI uri;
        try {
            uri = location.map(l -> l.url().orElseThrow()).orElseGet(() -> KeyLocation.url(jwksUrl.get()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
        RemoteSpec spec = new RemoteSpec(uri, jwksUrl.isPresent(), maxAge, minInterval, minRsaBits);
        if (fetcher == null) {
            fetcher = new KeyFetcher(KeyFetcher.Limits.DEFAULT);
        }
        // A JWK Set URL answers a JWK Set; a key location any public-key text MicroProfile JWT allows.
        Function<String, List<VerificationKey>> parse = spec.jwksOnly() ? text -> Jwks.read(text, minRsaBits)
                : text -> PublicKeyFormats.read(text, minRsaBits);
        return Optional.of(remote.computeIfAbsent(spec, s -> new RemoteKeySet(setting.globalProperty(), s.uri(),
                parse, fetcher, s.maxAge(), s.minInterval(), clock)));
    }

    /** {@code jwt.PublicKeyLocation} or {@code mp.jwt.verify.publickey.location}: the same setting, agreed. */
    private static Optional<KeyLocation> location(ScopedProperties properties) {
        return properties.agreed(Setting.PublicKeyLocation, KeyLocations::location,
                Setting.MpVerifyPublicKeyLocation, KeyLocations::location);
    }

    private static KeyLocation location(String property, String text) {
        try {
            return KeyLocation.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(property, e.getMessage(), e);
        }
    }

    /** The name the location is set under, for messages. */
    private static Setting locationSetting(ScopedProperties properties) {
        return properties.configured(Setting.PublicKeyLocation).isPresent()
                ? Setting.PublicKeyLocation : Setting.MpVerifyPublicKeyLocation;
    }

    private static Duration atLeastOneSecond(ScopedProperties properties, Setting setting) {
        Duration value = properties.duration(setting);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException(properties.property(setting), "must be at least one second");
        }
        return value;
    }
}
