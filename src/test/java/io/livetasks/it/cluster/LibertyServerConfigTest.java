package io.livetasks.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
