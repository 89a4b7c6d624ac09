package dev.jwtauth.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ServiceStack's own npm client, {@code @servicestack/client} (version pinned in {@code src/test/node/package-lock.json}),
 * driving the sample under Node: {@code src/test/node/servicestack-client.mjs} signs in (cookie mode and bearer mode),
 * calls {@code @RolesAllowed} resources, survives expired access tokens and signs out; every step and every request
 * the client made is printed, and the script exits non-zero on the first failure.
 *
 * <p>What the client does against jwtauth (JsonServiceClient in Node, {@code manageCookies}):
 * <ul>
 *   <li>Cookie mode: {@code POST /api/Authenticate} answers with the {@code ss-tok}/{@code ss-reftok} cookies and
 *       {@code X-Cookies: ss-tok,ss-reftok}, which sets the client's {@code useTokenCookie}. The client replays the
 *       cookies itself; it cannot parse their {@code Expires} (it splits {@code Set-Cookie} on commas), so it keeps
 *       sending an expired {@code ss-tok} and the server refreshes transparently from {@code ss-reftok}: one request,
 *       answered 200 with new cookies. The client's own refresh code is never needed.</li>
 *   <li>Bearer mode ({@code useTokenCookie:false} at sign-in, tokens handed to {@code bearerToken}/{@code refreshToken}):
 *       an expired token gets {@code 401 TokenException}, the client posts {@code /api/GetAccessToken} with
 *       {@code {"refreshToken":…,"useTokenCookie":false}} (and the expired {@code Authorization} header), takes
 *       {@code accessToken} from the answer and repeats the request: the client's own refresh logic.</li>
 *   <li>After sign-out the client still holds "cookies" (the deletions) and so answers the 401 of a protected resource
 *       with a refresh attempt, which fails: the application sees a {@code RefreshTokenException}.</li>
 * </ul>
 * After sign-out the cookies the client holds are empty (the deletions carry an empty value), which the server
 * reads as no token at all.
 *
 * <p>Needs {@code node} (18+) and {@code npm} on the {@code PATH} (or {@code -Dnode.bin=…/bin}). The npm project is
 * copied to {@code target/servicestack-js}, installed there with {@code npm ci} from the committed lock file, and
 * the script runs against the HTTPS port; {@code NODE_TLS_REJECT_UNAUTHORIZED=0} makes Node accept the IT server's
 * self-signed certificate.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceStackJsClientIT {
    private static final String APP = "clients-js";
    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "servicestack-js");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "dtos.mjs", "servicestack-client.mjs");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.withConfig(APP, ShortLivedTokens.CONFIG);
    }

    @Test
    void theNpmClientSignsInRefreshesAndSignsOut() throws IOException, InterruptedException {
        prepareNodeProject();
        String baseUrl = Http.https(APP, "/").toString();
        Run run = run(120, List.of(node("node"), "servicestack-client.mjs", baseUrl));
        System.out.println("[ServiceStackJsClientIT] node servicestack-client.mjs " + baseUrl + "\n" + run.output());
        assertEquals(0, run.exitCode(), () -> "the @servicestack/client script failed:\n" + run.output());
    }

    /** Copies the npm project out of src/ (so node_modules lands in target/) and installs the locked versions. */
    private static void prepareNodeProject() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        boolean lockChanged = !sameContent(SOURCES.resolve("package-lock.json"), WORK.resolve("package-lock.json"));
        for (String file : FILES) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.exists(WORK.resolve("node_modules/@servicestack/client/package.json"))) {
            Run install = run(180, List.of(node("npm"), "ci", "--no-audit", "--no-fund"));
            if (install.exitCode() != 0) {
                fail("npm ci failed in " + WORK.toAbsolutePath() + ":\n" + install.output());
            }
        }
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.mismatch(a, b) == -1;
    }

    /** {@code node}/{@code npm} from -Dnode.bin if set, else from the PATH (npm.cmd on Windows). */
    private static String node(String tool) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        String name = windows && tool.equals("npm") ? "npm.cmd" : tool;
        String bin = System.getProperty("node.bin");
        return bin == null || bin.isBlank() ? name : Path.of(bin, name).toString();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(int timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(WORK.toFile()).redirectErrorStream(true);
        builder.environment().put("NODE_TLS_REJECT_UNAUTHORIZED", "0"); // the IT server's certificate is self-signed
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command.get(0) + ": this test needs Node.js 18+ and npm on the PATH "
                    + "(e.g. apt-get install nodejs npm) or -Dnode.bin=<dir>", e);
        }
        Path log = Files.createTempFile(WORK, "run", ".log");
        Thread pump = new Thread(() -> {
            try (var in = process.getInputStream()) {
                Files.copy(in, log, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        pump.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        pump.join(10_000);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return finished ? new Run(process.exitValue(), output)
                : new Run(-1, output + "\n(killed after " + timeoutSeconds + " s: " + String.join(" ", command) + ")");
    }
}
