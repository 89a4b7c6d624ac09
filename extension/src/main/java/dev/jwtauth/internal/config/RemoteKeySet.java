package dev.jwtauth.internal.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.RemoteKeys;
import dev.jwtauth.token.VerificationKey;

/**
 * The keys at a URL ({@code jwt.JwksUrl}, or an http(s) {@code jwt.PublicKeyLocation}), fetched when a token first
 * needs them and kept. The rules, all in one place:
 * <ul>
 * <li>At most one fetch per {@code minInterval}, whatever asks for it: a flood of tokens with unknown {@code kid}s
 *     (or with none, before any key was fetched) is at most one fetch per interval, and requests arriving while a
 *     fetch is under way wait for that one (single flight), at most as long as a fetch may take.</li>
 * <li>A token naming a {@code kid} the set lacks asks for a fetch (a new key of the issuer's), and waits for it.</li>
 * <li>A set older than {@code maxAge} is fetched again when a token next uses it, in the background: the token is
 *     checked with the set held (so a removed key stops verifying within about {@code maxAge}).</li>
 * <li>A fetch that fails, or answers something that is not a key set, changes nothing: the last good set is kept
 *     (WARNING {@code JWTAUTH0130W} / {@code JWTAUTH0131W}). Before any set was fetched there are no keys, and tokens
 *     are refused as of an unknown key (401), never answered 500.</li>
 * </ul>
 * No thread of ours waits or polls: fetches run on the HTTP client's threads, started by the tokens that need them.
 */
final class RemoteKeySet implements RemoteKeys {
    private static final Logger LOG = Logger.getLogger(RemoteKeySet.class.getName());

    /** The keys of a good fetch, and when it was made (clock millis). */
    private record Held(List<VerificationKey> keys, long fetchedAt) {
    }

    private final String property;
    private final URI uri;
    private final Function<String, List<VerificationKey>> parse;
    private final KeyFetcher fetcher;
    private final Duration maxAge;
    private final Duration minInterval;
    private final Clock clock;

    private volatile Held held;
    /** Guarded by {@code this}. */
    private long lastAttempt;
    private boolean attempted;
    private CompletableFuture<Void> inFlight;

    /**
     * @param property the setting that names the URL, for the log
     * @param parse    turns a fetched text into keys, or throws ({@code KeyFormatException}) saying why it cannot
     */
    RemoteKeySet(String property, URI uri, Function<String, List<VerificationKey>> parse, KeyFetcher fetcher,
                 Duration maxAge, Duration minInterval, Clock clock) {
        this.property = property;
        this.uri = uri;
        this.parse = parse;
        this.fetcher = fetcher;
        this.maxAge = maxAge;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    @Override
    public List<VerificationKey> current() {
        Held now = held;
        if (now == null) {
            return await(fetchUnlessRecent());
        }
        if (clock.millis() - now.fetchedAt() >= maxAge.toMillis()) {
            fetchUnlessRecent(); // not waited for: the token is checked with the set held
        }
        return now.keys();
    }

    @Override
    public List<VerificationKey> refreshedFor(String kid) {
        return await(fetchUnlessRecent());
    }

    /** The fetch under way, a new one if the last began at least {@code minInterval} ago, or none. */
    private synchronized CompletableFuture<Void> fetchUnlessRecent() {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        long now = clock.millis();
        if (attempted && now - lastAttempt < minInterval.toMillis()) {
            return null;
        }
        attempted = true;
        lastAttempt = now;
        CompletableFuture<Void> fetch = fetcher.fetch(uri).handle((text, failure) -> {
            if (failure != null) {
                warn("JWTAUTH0130W: fetching the keys of " + this + " failed: "
                        + (failure.getCause() != null ? failure.getCause() : failure).getMessage());
                return null;
            }
            List<VerificationKey> keys;
            try {
                keys = parse.apply(text).stream().filter(key -> key.keyType() != JwsAlgorithm.KeyType.HMAC).toList();
            } catch (RuntimeException e) { // KeyFormatException says why; anything else is still the issuer's text
                warn("JWTAUTH0131W: " + this + " answered no usable keys: " + e.getMessage());
                return null;
            }
            if (keys.isEmpty()) {
                warn("JWTAUTH0131W: " + this + " answered no usable keys: it holds none that verifies signatures");
                return null;
            }
            Held before = held;
            held = new Held(keys, clock.millis());
            List<String> kids = kids(keys);
            if (before == null || !kids.equals(kids(before.keys()))) {
                LOG.info(() -> "JWTAUTH0132I: the keys of " + this + " are now " + kids
                        + (before == null ? "" : " (were " + kids(before.keys()) + ")"));
            }
            return null;
        });
        inFlight = fetch;
        return fetch;
    }

    /** Waits for {@code fetch} (if any) no longer than a fetch may take, then answers the keys held. */
    private List<VerificationKey> await(CompletableFuture<Void> fetch) {
        if (fetch != null) {
            try {
                fetch.get(fetcher.limits().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the fetch logged why; the keys held stay
            }
        }
        Held now = held;
        return now == null ? List.of() : now.keys();
    }

    private void warn(String message) {
        Held now = held;
        LOG.log(Level.WARNING, message + (now == null
                ? "; no keys were fetched yet, so its tokens are refused (401) until a fetch succeeds"
                : "; the set fetched " + Duration.ofMillis(clock.millis() - now.fetchedAt()).toSeconds() + " s ago ("
                + now.keys().size() + (now.keys().size() == 1 ? " key" : " keys") + ") is kept") + ". The next fetch is made when a token needs it, at least " + minInterval + " after this one.");
    }

    private static List<String> kids(List<VerificationKey> keys) {
        return keys.stream().map(VerificationKey::kid).toList();
    }

    /** The setting and the URL without what may be secret in it (user info, query). */
    @Override
    public String toString() {
        return property + " (" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + ")";
    }
}
