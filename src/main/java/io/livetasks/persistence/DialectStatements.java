package io.livetasks.persistence;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * A set of SQL statements written for one dialect: a store's statements ({@link TaskStatements}) or a
 * tracked table's change queries ({@link TableChanges}). Implementations live next to their dialect in
 * {@code persistence/<name>/}, hold nothing but named SQL constants, and are discovered with
 * {@link ServiceLoader} ({@code META-INF/services/io.livetasks.persistence.DialectStatements}): adding a
 * tracked table adds such files, it edits no shared interface.
 */
public interface DialectStatements {

    /** The {@link Dialect#name()} these statements are written for. */
    String dialect();

    /** Every statement set of {@code type} written for {@code dialect}. */
    static <S extends DialectStatements> List<S> all(Class<S> type, Dialect dialect) {
        ServiceLoader<DialectStatements> loader =
                ServiceLoader.load(DialectStatements.class, DialectStatements.class.getClassLoader());
        return StreamSupport.stream(loader.spliterator(), false)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(statements -> statements.dialect().equals(dialect.name()))
                .toList();
    }

    /** The one statement set of {@code type} written for {@code dialect}. */
    static <S extends DialectStatements> S one(Class<S> type, Dialect dialect) {
        List<S> found = all(type, dialect);
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one " + type.getSimpleName() + " for dialect " + dialect.name()
                    + ", found " + found.size());
        }
        return found.get(0);
    }
}
