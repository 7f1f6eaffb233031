package io.livetasks.persistence;

/**
 * How to read one tracked table's changes in one dialect. The rows both queries return are read by the
 * table's {@link TrackedTable.Rows}, which is the same for every dialect: the column names are the contract.
 */
public interface TableChanges extends DialectStatements {

    /** The tracked table, as named in the migrations. */
    String table();

    /** () → one row, one column: the lowest version this table's changes can still be read after. */
    String selectMinValidVersion();

    /**
     * (afterVersion, toVersion) → one row per key changed in {@code (afterVersion, toVersion]}, with its net
     * change since {@code afterVersion}, ordered by version. Always has columns {@code version},
     * {@code operation} ({@code I}: inserted after {@code afterVersion}, {@code U}, {@code D}) and the
     * partition key {@code list_id}; the rest are the table's own.
     */
    String selectChanges();

    /** As {@link #selectChanges()}, with a third parameter: only rows whose {@code list_id} equals it. */
    String selectChangesForKey();

    /**
     * (pageSize, afterVersion, toVersion) → one row with {@code page_end}, the highest version among the
     * first {@code pageSize} changes of {@link #selectChanges()} in version order, and {@code page_changes}, how
     * many there were (fewer than {@code pageSize}: the table has no more, {@code page_end} is then not used).
     */
    String selectPageEnd();

    /** As {@link #selectPageEnd()}, with a fourth parameter: only rows whose {@code list_id} equals it. */
    String selectPageEndForKey();
}
