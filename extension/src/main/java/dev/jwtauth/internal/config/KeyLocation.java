package dev.jwtauth.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a key named by its location ({@code mp.jwt.verify.publickey.location}): a resource of the
 * application ({@code /publicKey.pem}, {@code classpath:publicKey.pem}) or a file ({@code file:/etc/keys/key.pem}).
 */
final class KeyLocation {
    /** A key text is small; a location that names something large names no key. */
    private static final int MAX_BYTES = 1 << 20;

    private KeyLocation() {
    }

    static String read(String property, String location) {
        try {
            if (location.startsWith("file:")) {
                return text(property, Files.newInputStream(Path.of(URI.create(location))));
            }
            if (location.startsWith("http:") || location.startsWith("https:")) {
                throw new InvalidConfigurationException(property, "an http(s) location is not read yet");
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            URL url = loader == null ? null : loader.getResource(resource.startsWith("/") ? resource.substring(1) : resource);
            if (url == null) {
                throw new InvalidConfigurationException(property, "no resource " + resource + " in the application");
            }
            return text(property, url.openStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(property, "cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static String text(String property, InputStream stream) throws IOException {
        try (InputStream in = stream) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidConfigurationException(property, "names more than " + MAX_BYTES + " bytes: no key");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
