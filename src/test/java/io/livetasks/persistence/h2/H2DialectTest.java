package io.livetasks.persistence.h2;

import io.livetasks.changefeed.Version;
import io.livetasks.persistence.Dialect;
import io.livetasks.persistence.DialectContract;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The dialect contract on H2, a fresh file database per test. */
class H2DialectTest extends DialectContract {

    private H2TestDatabase database;

    @BeforeEach
    void openDatabase() {
        database = new H2TestDatabase();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        database.close();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    protected Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void forgetChangesThrough(Version version) throws SQLException {
        database.dialect().cleanup(database.dataSource()).purgeThrough(version);
    }
}
