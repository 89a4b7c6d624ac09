package dev.jwtauth.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Liberty server of the build's runtime ({@code target/liberty/wlp}) that a test runs next to the Arquillian one:
 * created afresh, started and stopped with {@code wlp/bin/server}, each command under a timeout, with its
 * {@code messages.log} at hand for assertions and failure messages. {@link #close()} stops it; a shutdown hook does
 * too if the test JVM ends first.
 */
final class LibertyServer implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path wlp;
    private final String name;
    private final Path dir;
    private final Path commandLog;
    private Thread shutdownHook;

    private LibertyServer(Path wlp, String name) {
        this.wlp = wlp;
        this.name = name;
        this.dir = wlp.resolve("usr/servers").resolve(name);
        this.commandLog = wlp.getParent().resolve(name + "-commands.log");
    }

    /** A new, empty server {@code name}: a leftover of that name is stopped and deleted first. */
    static LibertyServer create(Path wlp, String name) {
        LibertyServer server = new LibertyServer(wlp, name);
        try {
            Files.deleteIfExists(server.commandLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(server.dir)) {
            server.run("stop");
            deleteTree(server.dir);
        }
        server.run("create").orThrow("create");
        return server;
    }

    /**
     * A new server in the build's runtime beside the Arquillian one, named {@code prefix + httpPort}: builds side by
     * side, which choose their own ports, get their own server, and its name never contains the Arquillian server's
     * (the managed container finds its JVM by a name that contains it).
     */
    static LibertyServer besideTheItServer(String prefix, int httpPort) {
        String name = prefix + httpPort;
        String itServer = itServerName();
        if (name.contains(itServer)) {
            throw new AssertionError("the second server's name " + name + " contains the IT server's, " + itServer
                    + ": the Arquillian container would take one JVM for the other");
        }
        return create(wlpHome(), name);
    }

    /** The Arquillian server's directory, as the build created it: its configuration and its libraries. */
    static Path itServerDir() {
        return wlpHome().resolve("usr/servers").resolve(itServerName());
    }

    private static Path wlpHome() {
        return Path.of(System.getProperty("wlp.home", "target/liberty/wlp"));
    }

    private static String itServerName() {
        return System.getProperty("it.server.name", "jwtauthItServer");
    }

    Path dir() {
        return dir;
    }

    String name() {
        return name;
    }

    /**
     * Starts the server and waits until each of {@code applications} has started ({@code CWWKZ0001I}); fails with the
     * log when one fails ({@code CWWKZ0002E}) or {@code timeout} passes.
     */
    void start(Duration timeout, String... applications) {
        long started = System.nanoTime();
        shutdownHook = new Thread(() -> run("stop"), "stop Liberty server " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        run("start").orThrow("start");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = log();
            List<String> missing = Stream.of(applications)
                    .filter(app -> !log.contains("CWWKZ0001I: Application " + app + " started")).toList();
            if (missing.isEmpty()) {
                System.out.printf("Liberty server %s started in %d ms%n", name, Duration.ofNanos(System.nanoTime() - started).toMillis());
                return;
            }
            if (log.contains("CWWKZ0002E") || log.contains("CWWKZ0012I") || System.nanoTime() > deadline) {
                throw new AssertionError("Liberty server " + name + ": applications " + missing + " did not start\n"
                        + tail(80));
            }
            sleep(250);
        }
    }

    /**
     * Changes the running server's configuration (a file under {@code configDropins}, say) and waits until the server
     * says it applied it ({@code CWWKG0017I}); fails with the log if it does not within {@code timeout}.
     */
    void reconfigure(Duration timeout, IoAction change) {
        long applied = count("CWWKG0017I");
        try {
            change.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count("CWWKG0017I") == applied) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Liberty server " + name + " did not apply the configuration change\n" + tail(40));
            }
            sleep(250);
        }
    }

    /** A change of files, which may fail. */
    interface IoAction {
        void run() throws IOException;
    }

    private long count(String message) {
        return log().lines().filter(line -> line.contains(message)).count();
    }

    /** Stops the server (idempotent), and kills its JVM if it outlives {@code server stop}. */
    @Override
    public void close() {
        Optional<ProcessHandle> jvm = jvm();
        run("stop");
        jvm.ifPresent(process -> {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    /** The whole {@code messages.log}, or "" before the server wrote one. */
    String log() {
        Path messages = dir.resolve("logs/messages.log");
        try {
            return Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of {@code messages.log}, for failure messages. */
    String tail(int lines) {
        List<String> all = log().lines().toList();
        return "--- " + dir.resolve("logs/messages.log") + " (last " + lines + " lines) ---\n"
                + all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
    }

    /** The lines of {@code messages.log} that say E (error) or W (warning). */
    List<String> problems() {
        return log().lines().filter(line -> line.matches("^\\[[^]]+] \\S+ \\S+\\s+[EW] .*")).toList();
    }

    /** The server's JVM, from the pid file {@code server start} writes. */
    private Optional<ProcessHandle> jvm() {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        try {
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Result run(String action) {
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve(windows ? "bin/server.bat" : "bin/server").toString(),
                action, name).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile()));
        // the JDK running the tests, not whatever JAVA_HOME the shell had
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("WLP_USER_DIR");
        builder.environment().remove("WLP_OUTPUT_DIR");
        try {
            Files.writeString(commandLog, "$ server " + action + " " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1);
            }
            return new Result(process.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private final class Result {
        private final int exitCode;

        private Result(int exitCode) {
            this.exitCode = exitCode;
        }

        void orThrow(String action) {
            if (exitCode != 0) {
                String output;
                try {
                    output = Files.readString(commandLog, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    output = e.toString();
                }
                throw new AssertionError("`server " + action + " " + name + "` " + (exitCode < 0 ? "timed out" : "exited with " + exitCode)
                        + "\n--- " + commandLog + " ---\n" + output + "\n" + tail(80));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
