package io.livetasks.persistence.h2;

import io.livetasks.persistence.TableChanges;

/**
 * A tracked table of the H2 emulation: its change queries, and the statements the emulation's retention
 * cleanup ({@link H2ChangeCleanup}) runs on its {@code ct_<table>}, which SQL Server's cleanup does by itself.
 */
interface H2TableChanges extends TableChanges {

    /** The emulation's min valid version is database-wide, as the version counter is. */
    String SELECT_MIN_VALID_VERSION = """
            SELECT v FROM ct_min_valid WHERE id = 1
            """;

    /** (retentionMillis) → one row: the newest version among this table's changes older than that (NULL: none). */
    String selectExpiredVersion();

    /** (version) → deletes this table's change rows at or below the version. */
    String deleteChangesThrough();

    @Override
    default String dialect() {
        return H2Dialect.NAME;
    }

    @Override
    default String selectMinValidVersion() {
        return SELECT_MIN_VALID_VERSION;
    }
}
