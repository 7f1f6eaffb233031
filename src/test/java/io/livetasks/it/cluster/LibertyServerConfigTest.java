package io.livetasks.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibertyServerConfigTest {

    @Test
    void shouldDropTheApplicationArquillianAddedAndKeepTheRest() {
        String template = """
                <server>
                    <applicationMonitor updateTrigger="mbean"/>
                    <logging consoleFormat="dev"/>
                    \s
                    <application id="livetasks-it" location="livetasks-it.war" name="livetasks-it" type="war">
                        <classloader commonLibraryRef="h2Library"/>
                    </application>
                    <application location="other.war"/>
                </server>
                """;

        String copy = LibertyServer.withoutArquillianDeployments(template);

        assertThat(copy).doesNotContain("<application ").doesNotContain("</application>").doesNotContain("classloader")
                .contains("<applicationMonitor updateTrigger=\"mbean\"/>").contains("<logging consoleFormat=\"dev\"/>")
                .endsWith("</server>\n");
    }

    @Test
    void shouldKeepOnlyTheCachesOfAnEarlierRun(@TempDir Path dir) throws IOException {
        String first = LibertyServer.clearKeepingCaches(dir);
        write(dir.resolve("workarea/org.eclipse.osgi/cache"), "bundles");
        write(dir.resolve("resources/security/key.p12"), "keys");
        write(dir.resolve("logs/messages.log"), "The schema is not ready for livetasks");
        write(dir.resolve("tranlog/log"), "transactions");
        write(dir.resolve("server.xml"), "<server/>");

        String second = LibertyServer.clearKeepingCaches(dir);

        assertThat(second).as("the key store's password, kept with it").isEqualTo(first).isNotBlank();
        assertThat(entries(dir)).containsExactlyInAnyOrder("workarea", "resources", "keystore.password");
        assertThat(dir.resolve("workarea/org.eclipse.osgi/cache")).hasContent("bundles");
        assertThat(dir.resolve("resources/security/key.p12")).hasContent("keys");
    }

    @Test
    void shouldDropAKeyStoreWhosePasswordWasNotKept(@TempDir Path dir) throws IOException {
        write(dir.resolve("workarea/cache"), "bundles");
        write(dir.resolve("resources/security/key.p12"), "keys of a password nobody kept");

        String password = LibertyServer.clearKeepingCaches(dir);

        assertThat(entries(dir)).containsExactlyInAnyOrder("workarea", "keystore.password");
        assertThat(dir.resolve("keystore.password")).hasContent(password);
    }

    @Test
    void shouldTreatABlankPasswordFileAsNoPassword(@TempDir Path dir) throws IOException {
        write(dir.resolve("resources/security/key.p12"), "keys");
        write(dir.resolve("keystore.password"), "");

        String password = LibertyServer.clearKeepingCaches(dir);

        assertThat(password).isNotBlank();
        assertThat(entries(dir)).containsExactlyInAnyOrder("keystore.password");
        assertThat(dir.resolve("keystore.password")).hasContent(password);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }
}
