package io.livetasks.ui;

import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium window with a browser context of its own: its own cookies, storage, IndexedDB, cache
 * and service workers, as with a fresh profile, so that several can run side by side as independent users and
 * each test starts from nothing. Nothing is downloaded: no driver manager, no Selenium Manager. By default the
 * browser and driver are the Debian {@code chromium} and {@code chromium-driver} packages; {@value #BINARY_VARIABLE}
 * and {@value #DRIVER_VARIABLE} point elsewhere (e.g. at the Chrome preinstalled on GitHub runners).
 *
 * <p>Launching Chromium and its driver takes seconds on two busy cores, so the processes are pooled for the JVM
 * (as many as were open at once, two for the tests here): {@link #open()} takes an idle one, or launches one, and
 * opens a window in a new browser context; {@link #close()} disposes of that context, and with it the window, its
 * cookies and storage, the scripts it runs before every page and its emulated network, and gives the process back.
 * One process serves one open {@code Chromium} at a time, since its driver drives one window at a time.
 */
final class Chromium implements AutoCloseable {

    static final String BINARY_VARIABLE = "LIVETASKS_CHROME_BINARY";
    static final String DRIVER_VARIABLE = "LIVETASKS_CHROMEDRIVER";

    /** Debian's launcher is a shell script around the real binary; chromedriver is given the binary when present. */
    private static final List<Path> DEFAULT_BINARIES = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 860;
    /**
     * With {@code --force-prefers-reduced-motion} the page's stylesheet turns its animations off (the pulsing
     * connection dot, a new task's arrival), as for a user who asked for less motion: they are decoration, and
     * drawing their frames was about two thirds of the GPU process's CPU time in LiveListBrowserIT run alone (12-14 s
     * in three runs without the flag, 4-5 s in three with it).
     *
     * <p>Without the two omnibox features, a new window does not load the address bar's WebUI popup: Chromium 156
     * runs it in a renderer of its own for every browser context (each an off-the-record profile) even headless, where
     * nobody can open it. That renderer took about 1 s of CPU per window, more than the page under test (six windows of
     * about:blank: 9-10 s of CPU for the whole browser without the flag, 2.2-2.6 s with it). A browser that does not
     * know a feature ignores its name.
     */
    private static final List<String> ARGUMENTS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--force-prefers-reduced-motion", "--window-size=" + WIDTH + "," + HEIGHT,
            "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup");

    /** Processes not in use; {@link #ALL} also holds those in use, for quitting them when the JVM ends. */
    private static final Deque<Browser> IDLE = new ArrayDeque<>();
    private static final Set<Browser> ALL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Browser::quit), "chromium-pool-shutdown"));
    }

    private final Browser browser;
    private final String context;

    private Chromium(Browser browser, String context) {
        this.browser = browser;
        this.context = context;
    }

    /** True when the browser and driver that {@link #open()} would use are both executable. */
    static boolean installed() {
        return binary().filter(Files::isExecutable).isPresent() && Files.isExecutable(driverExecutable());
    }

    /** Why {@link #installed()} is false, naming the paths looked at. */
    static String notInstalled() {
        String browser = binary().map(Path::toString).orElse("none of " + DEFAULT_BINARIES);
        return "Chromium not installed (browser: " + browser + ", driver: " + driverExecutable()
                + "): apt-get install chromium chromium-driver, or set " + BINARY_VARIABLE + " and " + DRIVER_VARIABLE;
    }

    /** A fresh, independent browser window (see the class comment): nothing of an earlier test is in it. */
    static Chromium open() throws IOException {
        Browser browser = take();
        try {
            return new Chromium(browser, browser.openContext());
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
    }

    WebDriver driver() {
        return browser.driver;
    }

    /** Runs {@code script} in every page this browser loads from now on, before any of the page's own scripts. */
    void beforeEveryPage(String script) {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /**
     * Stores {@code cookie} in this window's browser context as though {@code url} had set it: the window sends it
     * with its requests there from now on.
     */
    void setCookie(URI url, HttpCookie cookie) {
        browser.driver.executeCdpCommand("Network.setCookie", Map.of("url", url.toString(), "name", cookie.getName(),
                "value", cookie.getValue(), "path", cookie.getPath() == null ? "/" : cookie.getPath(),
                "httpOnly", cookie.isHttpOnly()));
    }

    /** Takes the browser off the network (open connections fail, new ones are refused) or back on. */
    void offline(boolean offline) {
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Disposes of this window's browser context and gives the process back to the pool (or quits it, if that fails). */
    @Override
    public void close() {
        try {
            browser.closeContext(context);
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
        synchronized (IDLE) {
            IDLE.push(browser);
        }
    }

    /** An idle process that still answers, or a new one. */
    private static Browser take() throws IOException {
        while (true) {
            Browser idle;
            synchronized (IDLE) {
                idle = IDLE.poll();
            }
            if (idle == null) {
                Browser launched = Browser.launch();
                ALL.add(launched);
                return launched;
            }
            if (idle.answers()) {
                return idle;
            }
            idle.quit();
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

    /**
     * One Chromium process with its driver, its own profile directory, a window of the default context that
     * stays open (a browser quits with its last window) and a browser-level DevTools session, which may create
     * and dispose of browser contexts.
     */
    private static final class Browser {

        private final Path profile;
        private final ChromeDriver driver;
        private final BrowserDevTools devTools;
        private final String home;

        private Browser(Path profile, ChromeDriver driver, BrowserDevTools devTools) {
            this.profile = profile;
            this.driver = driver;
            this.devTools = devTools;
            this.home = driver.getWindowHandle();
        }

        static Browser launch() throws IOException {
            Path profile = Files.createTempDirectory("livetasks-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(binary().filter(Files::isExecutable).orElseThrow(() -> new IllegalStateException(notInstalled())).toFile())
                    .addArguments(ARGUMENTS)
                    .addArguments("--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driverExecutable().toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver;
            try {
                driver = new ChromeDriver(service, options);
            } catch (RuntimeException e) {
                service.stop();
                deleteRecursively(profile);
                throw e;
            }
            try {
                Map<?, ?> chrome = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
                return new Browser(profile, driver, BrowserDevTools.connect((String) chrome.get("debuggerAddress")));
            } catch (IOException | RuntimeException e) {
                driver.quit();
                deleteRecursively(profile);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                driver.quit();
                deleteRecursively(profile);
                throw new IOException("interrupted while connecting to the browser", e);
            }
        }

        /** Creates a browser context with one window of the usual size, makes it the driver's window, and returns the context's id. */
        String openContext() {
            String context = devTools.send("Target.createBrowserContext", Json.createObjectBuilder().build())
                    .getString("browserContextId");
            String window = devTools.send("Target.createTarget", Json.createObjectBuilder()
                    .add("url", "about:blank").add("browserContextId", context).add("newWindow", true)
                    .add("width", WIDTH).add("height", HEIGHT).build()).getString("targetId");
            // ChromeDriver names a window by its DevTools target id.
            driver.switchTo().window(window);
            return context;
        }

        void closeContext(String context) {
            driver.switchTo().window(home);
            devTools.send("Target.disposeBrowserContext", Json.createObjectBuilder().add("browserContextId", context).build());
        }

        /** Whether the process still answers its driver (it may have crashed during an earlier test). */
        boolean answers() {
            try {
                return driver.getWindowHandles().contains(home);
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Quits the browser (which also stops its driver process) and removes its profile; never throws. */
        void quit() {
            ALL.remove(this);
            try {
                devTools.close();
                driver.quit();
            } catch (RuntimeException e) {
                // Already gone: nothing left to stop.
            } finally {
                try {
                    deleteRecursively(profile);
                } catch (UncheckedIOException e) {
                    // A temporary directory left behind; not worth failing a test for.
                }
            }
        }
    }
}
