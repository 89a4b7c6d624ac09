package dev.jwtauth.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Arquillian server's {@code messages.log}, read from a mark on, so a test sees only what it caused. */
final class ServerLog {
    private static final Path MESSAGES = Path.of(System.getProperty("server.logs",
            "target/liberty/wlp/usr/servers/jwtauthItServer/logs"), "messages.log");

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** Marks the end of the log as it is now. */
    static ServerLog mark() {
        return new ServerLog(read().length());
    }

    /** What the server logged since the mark. */
    String since() {
        String log = read();
        return log.length() < start ? log : log.substring((int) start);
    }

    private static String read() {
        try {
            return Files.exists(MESSAGES) ? Files.readString(MESSAGES, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
