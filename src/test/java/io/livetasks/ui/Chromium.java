package io.livetasks.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium from the operating system's packages, with its own fresh profile, so that
 * several can run side by side as independent users. Nothing is downloaded: no driver manager, no
 * Selenium Manager; the driver and browser are the Debian {@code chromium} and {@code chromium-driver}.
 */
final class Chromium implements AutoCloseable {

    static final Path LAUNCHER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String NOT_INSTALLED = "Chromium not installed: apt-get install chromium chromium-driver";

    /** Debian's launcher is a shell script around the real binary; chromedriver is given the binary when present. */
    private static final List<Path> BINARIES = List.of(Path.of("/usr/lib/chromium/chromium"), LAUNCHER);

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

    static boolean installed() {
        return Files.isExecutable(LAUNCHER) && Files.isExecutable(DRIVER);
    }

    static Chromium launch() throws IOException {
        Path profile = Files.createTempDirectory("livetasks-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary().toFile())
                .addArguments(ARGUMENTS)
                .addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
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

    /** Quits the browser (which also stops its driver process) and removes its profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static Path binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove browser profile " + directory, e);
        }
    }
}
