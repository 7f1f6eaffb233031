import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The benchmark's plain-SQL writer (bench/bench.mjs runs it with H2's jar on the class path): inserts tasks into a
 * list straight into the embedded database, as a DBA or a batch job would, through H2's AUTO_SERVER from another
 * JVM, and prints each task's title and the wall-clock time just before its insert, one per line.
 *
 *   java -cp h2.jar bench/SqlWriter.java <jdbcUrl> <user> <password> <listId> <count> <gapMs> <titlePrefix>
 */
public class SqlWriter {

    private static final String INSERT = "INSERT INTO task (list_id, title) VALUES (?, ?)";

    public static void main(String[] args) throws Exception {
        long listId = Long.parseLong(args[3]);
        int count = Integer.parseInt(args[4]);
        long gapMs = Long.parseLong(args[5]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(true);
            insert.setLong(1, listId);
            insert.setString(2, args[6] + "-warmup");
            insert.executeUpdate();
            for (int i = 0; i < count; i++) {
                Thread.sleep(gapMs);
                String title = args[6] + "-" + i;
                insert.setString(2, title);
                long at = System.currentTimeMillis();
                insert.executeUpdate();
                System.out.println(title + " " + at);
                System.out.flush();
            }
        }
    }
}
