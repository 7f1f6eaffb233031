package io.livetasks.ui;

import io.livetasks.testing.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetasks.it.Api;
import io.livetasks.it.NodeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The official SignalR browser client served by the WAR is committed under {@code src/main/webapp/js/vendor}
 * (so that {@code mvn liberty:run} serves it without npm). This checks that the committed files are exactly
 * the pinned npm package's {@code dist/browser} build, so a changed pin cannot silently ship an old client.
 *
 * <p>It compares against an installed copy of the pinned version (the frontend's own, or the one the official
 * client integration test installs), or installs one with {@code npm ci}; without npm it is skipped.
 */
class SignalRClientBundleTest {

    private static final Path FRONTEND = Path.of("src/main/frontend").toAbsolutePath();
    private static final Path VENDOR = Path.of("src/main/webapp/js/vendor").toAbsolutePath();
    private static final String PACKAGE = "node_modules/@microsoft/signalr";
    private static final List<String> BUNDLE = List.of("signalr.min.js", "signalr.min.js.map");

    @Test
    void shouldCommitThePinnedPackagesBrowserBundleUnchanged() throws Exception {
        String pinned = dependencyVersion(FRONTEND);
        Path installed = installedCopy(pinned).orElseGet(() -> installFrontend(pinned));

        for (String file : BUNDLE) {
            assertThat(Files.mismatch(VENDOR.resolve(file), installed.resolve("dist/browser").resolve(file)))
                    .as("%s differs from @microsoft/signalr %s in %s: run scripts/update-signalr-client.sh and commit",
                            VENDOR.resolve(file), pinned, installed)
                    .isEqualTo(-1L);
        }
        assertThat(Files.readString(VENDOR.resolve("signalr.LICENSE.txt")))
                .contains("@microsoft/signalr " + pinned + ",").contains("The MIT License");
    }

    @Test
    void shouldPinTheSameClientVersionAsTheOfficialClientIntegrationTest() throws IOException {
        assertThat(dependencyVersion(FRONTEND)).isEqualTo(dependencyVersion(NodeClient.PROJECT));
    }

    private static Optional<Path> installedCopy(String version) {
        return List.of(FRONTEND, NodeClient.PROJECT).stream()
                .map(project -> project.resolve(PACKAGE))
                .filter(copy -> Files.isRegularFile(copy.resolve("package.json")) && version.equals(installedVersion(copy)))
                .findFirst();
    }

    private static Path installFrontend(String version) {
        RequiredTools.require(NodeClient.npmAvailable(),
                "npm is not installed: cannot compare js/vendor/signalr.min.js with @microsoft/signalr " + version);
        try {
            NodeClient.npmCi(FRONTEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci", e);
        }
        Path copy = FRONTEND.resolve(PACKAGE);
        assertThat(installedVersion(copy)).as("version npm ci installed in %s", copy).isEqualTo(version);
        return copy;
    }

    private static String dependencyVersion(Path project) throws IOException {
        return Api.object(Files.readString(project.resolve("package.json")))
                .getJsonObject("dependencies").getString("@microsoft/signalr");
    }

    private static String installedVersion(Path copy) {
        try {
            return Api.object(Files.readString(copy.resolve("package.json"))).getString("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
