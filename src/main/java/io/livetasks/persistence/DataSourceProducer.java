package io.livetasks.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** Exposes the server's data source ({@code jdbc/livetasks}, configured in {@code liberty/server.xml}) to CDI. */
@ApplicationScoped
public class DataSourceProducer {

    @Produces
    @Resource(lookup = "jdbc/livetasks")
    private DataSource dataSource;
}
