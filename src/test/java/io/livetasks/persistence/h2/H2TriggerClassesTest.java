package io.livetasks.persistence.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds Liberty's class loader layout: h2.jar in a library loader that cannot see the application,
 * the application's classes in a loader above it (commonLibraryRef), and the write made on a thread whose
 * context class loader sees neither (as H2's AUTO_SERVER thread, or a pool thread, may be). H2 then finds
 * the trigger class only through the class factory that {@link H2Dialect#start} registers.
 */
class H2TriggerClassesTest {

    private static final String INSERT = "INSERT INTO task (list_id, title) VALUES (1, 'from another thread')";

    private final String url = "jdbc:h2:file:"
            + Path.of("target", "h2-tests", UUID.randomUUID().toString(), "livetasks").toAbsolutePath()
            + ";LOCK_TIMEOUT=10000";
    private URLClassLoader library;
    private URLClassLoader application;
    private Object dialect;

    @BeforeEach
    void buildClassLoaders() throws Exception {
        URL h2Jar = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        URL applicationClasses = H2Dialect.class.getProtectionDomain().getCodeSource().getLocation();
        library = new URLClassLoader(new URL[] {h2Jar}, ClassLoader.getPlatformClassLoader());
        application = new URLClassLoader(new URL[] {applicationClasses}, library);
        dialect = application.loadClass(H2Dialect.class.getName()).getConstructor().newInstance();
        assertThat(application.loadClass(H2ChangeTrigger.class.getName())).isNotSameAs(H2ChangeTrigger.class);
    }

    @AfterEach
    void closeClassLoaders() throws Exception {
        invokeDialect("stop");
        application.close();
        library.close();
    }

    @Test
    void shouldFireTriggerOnThreadThatCannotSeeTheTriggerClassOnceRegistered() throws Exception {
        invokeDialect("start");
        onBareThread(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                runMigration(connection, "V1__create_task.sql");
                runMigration(connection, "V2__enable_change_tracking.sql");
                runMigration(connection, "V3__repoint_task_trigger.sql");
                statement.execute("INSERT INTO task_list (name) VALUES ('list')");
            }
            return null;
        });

        // Reopened database: H2 loads the trigger again, on the first write, on a thread that cannot see it.
        onBareThread(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate(INSERT);
                try (ResultSet rows = statement.executeQuery("SELECT operation, version FROM ct_task")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("I");
                    assertThat(rows.getLong(2)).isEqualTo(1);
                }
            }
            return null;
        });
    }

    @Test
    void shouldFailWritesOnSuchThreadsWithoutTheRegistration() throws Exception {
        invokeDialect("start");
        onBareThread(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                runMigration(connection, "V1__create_task.sql");
                runMigration(connection, "V2__enable_change_tracking.sql");
                runMigration(connection, "V3__repoint_task_trigger.sql");
                statement.execute("INSERT INTO task_list (name) VALUES ('list')");
            }
            return null;
        });
        invokeDialect("stop");

        assertThatThrownBy(() -> onBareThread(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                return statement.executeUpdate(INSERT);
            }
        })).isInstanceOf(SQLException.class).hasMessageContaining(H2ChangeTrigger.class.getName());
    }

    private Connection connect() throws Exception {
        Driver driver = (Driver) library.loadClass("org.h2.Driver").getConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        return driver.connect(url, credentials);
    }

    /** Runs a migration script with the library's own H2 (org.h2.tools.RunScript). */
    private void runMigration(Connection connection, String script) throws Exception {
        try (Reader reader = new InputStreamReader(
                application.getResourceAsStream("db/migration/h2/" + script), StandardCharsets.UTF_8)) {
            library.loadClass("org.h2.tools.RunScript").getMethod("execute", Connection.class, Reader.class)
                    .invoke(null, connection, reader);
        }
    }

    private void invokeDialect(String method) throws Exception {
        if ("start".equals(method)) {
            dialect.getClass().getMethod(method, DataSource.class).invoke(dialect, (DataSource) null);
        } else {
            dialect.getClass().getMethod(method).invoke(dialect);
        }
    }

    /** Runs on a thread whose context class loader sees only the JDK, and rethrows what it threw. */
    private static <T> T onBareThread(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Exception | AssertionError e) {
                failure.set(e);
            }
        });
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(bare);
            thread.start();
            thread.join();
        }
        if (failure.get() instanceof AssertionError e) {
            throw e;
        } else if (failure.get() instanceof Exception e) {
            throw e;
        }
        return result.get();
    }
}
