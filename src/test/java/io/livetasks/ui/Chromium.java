package io.livetasks.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium, with its own fresh profile, so that several can run side by side as independent
 * users. Nothing is downloaded: no driver manager, no Selenium Manager. By default the browser and driver
 * are the Debian {@code chromium} and {@code chromium-driver} packages; {@value #BINARY_VARIABLE} and
 * {@value #DRIVER_VARIABLE} point elsewhere (e.g. at the Chrome preinstalled on GitHub runners).
 */
final class Chromium implements AutoCloseable {

    static final String BINARY_VARIABLE = "LIVETASKS_CHROME_BINARY";
    static final String DRIVER_VARIABLE = "LIVETASKS_CHROMEDRIVER";

    /** Debian's launcher is a shell script around the real binary; chromedriver is given the binary when present. */
    private static final List<Path> DEFAULT_BINARIES = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> ARGUMENTS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,860");

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** True when the browser and driver that {@link #launch()} would use are both executable. */
    static boolean installed() {
        return binary().filter(Files::isExecutable).isPresent() && Files.isExecutable(driverExecutable());
    }

    /** Why {@link #installed()} is false, naming the paths looked at. */
    static String notInstalled() {
        String browser = binary().map(Path::toString).orElse("none of " + DEFAULT_BINARIES);
        return "Chromium not installed (browser: " + browser + ", driver: " + driverExecutable()
                + "): apt-get install chromium chromium-driver, or set " + BINARY_VARIABLE + " and " + DRIVER_VARIABLE;
    }

    static Chromium launch() throws IOException {
        Path profile = Files.createTempDirectory("livetasks-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary().filter(Files::isExecutable).orElseThrow(() -> new IllegalStateException(notInstalled())).toFile())
                .addArguments(ARGUMENTS)
                .addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExecutable().toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Chromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Runs {@code script} in every page this browser loads from now on, before any of the page's own scripts. */
    void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /** Takes the browser off the network (open connections fail, new ones are refused) or back on. */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Quits the browser (which also stops its driver process) and removes its profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    /** The browser binary: the environment's choice when set, else the first default that is installed. */
    private static Optional<Path> binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return DEFAULT_BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    private static Path driverExecutable() {
        String configured = System.getenv(DRIVER_VARIABLE);
        return configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_DRIVER;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove browser profile " + directory, e);
        }
    }
}
