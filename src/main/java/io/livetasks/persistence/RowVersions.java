package io.livetasks.persistence;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's row version between the database and the API: both schemas give it to JDBC as a BIGINT (SQL Server's
 * rowversion is 8 bytes, read as a big-endian BIGINT; H2's column is one), and the API shows it as exactly 16
 * lower-case hex digits, the same 8 bytes. Opaque to clients: compared for equality, never ordered.
 */
final class RowVersions {

    private static final int DIGITS = 16;

    private RowVersions() {
    }

    static String format(long rowVersion) {
        return HexFormat.of().toHexDigits(rowVersion);
    }

    /**
     * The row versions the given strings name, as the statements take them. A string that is not 16 lower-case
     * hex digits is no row version this application ever gave out (ETags compare strongly, character by
     * character), so it can match no row and is left out.
     */
    static List<Long> parse(Set<String> rowVersions) {
        Set<Long> parsed = new TreeSet<>();
        for (String rowVersion : rowVersions) {
            if (rowVersion.length() == DIGITS && rowVersion.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                parsed.add(HexFormat.fromHexDigitsToLong(rowVersion));
            }
        }
        return new ArrayList<>(parsed);
    }
}
