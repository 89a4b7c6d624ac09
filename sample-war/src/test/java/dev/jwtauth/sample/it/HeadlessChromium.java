package dev.jwtauth.sample.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver} (package {@code chromium-driver}):
 * both found on the {@code PATH}, or given as {@code -Dchromium.binary=…} and {@code -Dchromedriver.binary=…}.
 * Without them the test fails naming the packages: a browser test that skips itself would leave a CI green with
 * nobody knowing that the page was never tried.
 */
final class HeadlessChromium {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        File chromium = executable("chromium.binary", "chromium");
        File driver = executable("chromedriver.binary", "chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--window-size=960,1000", "--disable-dev-shm-usage");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");   // chromium refuses to run as root with its sandbox (CI containers)
        }
        // the IT server's certificate is self-signed: accepted by this browser only
        options.setAcceptInsecureCerts(true);
        // both paths given, so Selenium Manager never looks for (or downloads) a browser or a driver
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}, for a person to look at. */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File executable(String property, String name) {
        Optional<File> given = Optional.ofNullable(System.getProperty(property)).filter(p -> !p.isBlank()).map(File::new);
        return given.or(() -> onPath(name)).filter(File::canExecute).orElseThrow(() -> new AssertionError(
                "this test drives a headless Chromium: it needs Debian's packages chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver) or -D" + property + "=<path of " + name + ">; "
                        + name + " was not found" + given.map(f -> " at " + f).orElse(" on the PATH")));
    }

    private static Optional<File> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, name)).filter(File::canExecute).findFirst();
    }
}
