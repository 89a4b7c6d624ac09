package dev.jwtauth.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Arquillian server's {@code messages.log} (or its {@code trace.log}: FINE lines, with the trace specification
 * the build gives the server), read from a mark on, so a test sees only what it caused.
 */
final class ServerLog {
    private static final Path LOGS = Path.of(System.getProperty("server.logs",
            "target/liberty/wlp/usr/servers/jwtauthItServer/logs"));

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Marks the end of {@code messages.log} as it is now. */
    static ServerLog mark() {
        return mark(LOGS.resolve("messages.log"));
    }

    /** Marks the end of {@code trace.log} as it is now. */
    static ServerLog markTrace() {
        return mark(LOGS.resolve("trace.log"));
    }

    /** The whole of {@code messages.log}: what the server logged since it started (the start-up summaries). */
    static String messages() {
        return read(LOGS.resolve("messages.log"));
    }

    private static ServerLog mark(Path file) {
        return new ServerLog(file, read(file).length());
    }

    /** What the server logged since the mark. */
    String since() {
        String log = read(file);
        return log.length() < start ? log : log.substring((int) start);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
