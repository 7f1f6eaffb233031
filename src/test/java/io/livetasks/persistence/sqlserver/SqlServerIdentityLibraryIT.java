package io.livetasks.persistence.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL Server JDBC library as the server (and the container image) loads it: mssql-jdbc plus the
 * Microsoft Entra ID libraries it needs for {@code authentication=ActiveDirectoryDefault} and
 * {@code ActiveDirectoryManagedIdentity}, with nothing else on the class path. Signing in needs Azure; what is
 * checked here is that the driver's credential classes and everything they load at construction resolve
 * from that folder alone (a missing transitive jar is a NoClassDefFoundError at the first Entra ID login).
 */
class SqlServerIdentityLibraryIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"server", "image"})
    void shouldBuildTheDriversEntraIdCredentialsFromTheJdbcLibraryAlone(String where) throws Exception {
        Path jdbc = where.equals("server")
                ? Path.of("target/liberty/wlp/usr/servers", System.getProperty("it.server.name", "livetasks-it"), "jdbc")
                : Path.of("target/jdbc");
        try (URLClassLoader library = new URLClassLoader(jars(jdbc), ClassLoader.getPlatformClassLoader())) {
            Class<?> driver = library.loadClass("com.microsoft.sqlserver.jdbc.SQLServerDriver");
            assertThat(driver.getProtectionDomain().getCodeSource().getLocation().getPath()).endsWith("mssql-jdbc.jar");

            Object defaultCredential = build(library, "com.azure.identity.DefaultAzureCredentialBuilder");
            Object managedIdentity = build(library, "com.azure.identity.ManagedIdentityCredentialBuilder");
            Object serializer = library.loadClass("com.azure.core.util.serializer.JacksonAdapter")
                    .getMethod("createDefaultSerializerAdapter").invoke(null);
            Object logger = library.loadClass("com.azure.core.util.logging.ClientLogger")
                    .getConstructor(String.class).newInstance("livetasks");

            assertThat(defaultCredential.getClass().getName()).isEqualTo("com.azure.identity.DefaultAzureCredential");
            assertThat(managedIdentity.getClass().getName()).isEqualTo("com.azure.identity.ManagedIdentityCredential");
            assertThat(serializer).isNotNull();
            assertThat(logger).isNotNull();
        }
    }

    private static Object build(ClassLoader library, String builder) throws Exception {
        Object instance = library.loadClass(builder).getConstructor().newInstance();
        return instance.getClass().getMethod("build").invoke(instance);
    }

    private static URL[] jars(Path jdbc) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(jdbc.resolve("mssql-jdbc.jar").toUri().toURL());
        try (Stream<Path> identity = Files.list(jdbc.resolve("sqlserver-identity"))) {
            for (Path jar : identity.filter(path -> path.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        assertThat(urls).as("jars in %s", jdbc).hasSizeGreaterThan(10);
        return urls.toArray(URL[]::new);
    }
}
