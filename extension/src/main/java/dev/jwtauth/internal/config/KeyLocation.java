package dev.jwtauth.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a key text is: a classpath resource ({@code classpath:keys/public.pem}, or a path without a scheme,
 * {@code /keys/public.pem} — MicroProfile JWT's form; a leading {@code /} is ignored), a file ({@code file:/etc/…}),
 * or an HTTP(S) URL, fetched and kept as a {@link RemoteKeySet}. Resources and files are read once, at start-up.
 * <p>
 * A URL must be {@code https:}, or {@code http:} to this machine (a loopback address or {@code localhost}): keys
 * fetched in the clear could be replaced by anyone on the way, and with them any token forged.
 */
record KeyLocation(String location, Optional<URI> url) {

    /**
     * The location {@code text}, checked.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static KeyLocation of(String text) {
        String location = text.strip();
        if (location.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        String scheme = scheme(location);
        if (scheme.equals("http") || scheme.equals("https")) {
            return new KeyLocation(location, Optional.of(url(location)));
        }
        if (!scheme.isEmpty() && !scheme.equals("classpath") && !scheme.equals("file")) {
            throw new IllegalArgumentException("'" + scheme + ":' is not one of classpath:, file:, http: or https:");
        }
        return new KeyLocation(location, Optional.empty());
    }

    /**
     * An HTTP(S) URL keys may be fetched from.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("is not an https: URL with a host");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new IllegalArgumentException("is http: to another machine: keys fetched in the clear can be replaced "
                    + "on the way, and any token forged with them; use https: (http: is for localhost only)");
        }
        return uri;
    }

    /** Whether the text is fetched (and so kept up to date), not read once. */
    boolean remote() {
        return url.isPresent();
    }

    /**
     * The text of a resource or file.
     *
     * @throws IllegalArgumentException naming why it cannot be read (missing, unreadable)
     */
    String read() {
        if (remote()) {
            throw new IllegalStateException(location + " is fetched, not read");
        }
        String scheme = scheme(location);
        if (scheme.equals("file")) {
            Path file;
            try {
                file = Path.of(URI.create(location));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not a file: URL (" + e.getMessage() + ")");
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("names a file that does not exist: " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException("names a file that cannot be read: " + e);
            }
        }
        String resource = (scheme.isEmpty() ? location : location.substring("classpath:".length())).replaceFirst("^/+", "");
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(KeyLocation.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("names no resource of the application's classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("names a resource that cannot be read: " + e);
        }
    }

    /** The scheme in lower case, "" for none (a single letter is a Windows drive, not a scheme). */
    private static String scheme(String location) {
        int colon = location.indexOf(':');
        String scheme = colon < 2 ? "" : location.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(Locale.ROOT) : "";
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        try {
            // a literal address is parsed, never looked up; a name other than localhost is not trusted to be local
            return literal && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
