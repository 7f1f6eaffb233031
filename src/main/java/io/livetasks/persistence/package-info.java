/**
 * Everything database-specific: the {@link io.livetasks.persistence.Dialect} (discovered with
 * {@link java.util.ServiceLoader} and chosen from the data source's metadata), Flyway at start-up, the JDBC
 * plumbing every dialect shares ({@link io.livetasks.persistence.Jdbc},
 * {@link io.livetasks.persistence.JdbcTaskStore}, {@link io.livetasks.persistence.JdbcChangeSource}) and the
 * registration of the change-tracked tables ({@link io.livetasks.persistence.TrackedTables}). The SQL itself
 * lives only in the dialect packages ({@code h2}, {@code sqlserver}), as named constants in
 * {@link io.livetasks.persistence.DialectStatements} implementations.
 */
package io.livetasks.persistence;
