package io.livetasks.it.noloss;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a no-loss run. {@code lost} counts changes a client should have received and did not
 * ({@code task@version} pairs newer than the client's snapshot, as the database's change table has them
 * at the end), {@code stateMismatches} clients whose copy of the list differs from the database, and
 * {@code violations} broken ordering rules; all three must be zero.
 */
record NoLossReport(NoLossConfig config, long changes, long apiWrites, long sqlTransactions, long writeFailures,
                    long connections, long disconnects, long serverCloses, long resumes, long resyncs,
                    long connectFailures, long events, long lost, int stateMismatches, List<String> violations,
                    Duration writing, Duration settling) {

    String summary() {
        return String.format("""
                no-loss run (seed %d)
                  writers          %d (API %d writes, SQL %d transactions, %d failed/refused writes)
                  clients          %d on %d lists (WebSocket and SSE, both instances%s)
                  changes          %d task rows changed in %d s; clients caught up in %.1f s
                  connections      %d (client disconnects %d, closed by the server %d, failed connects %d)
                  resumes          %d
                  resyncs          %d
                  events delivered %d
                  lost             %d
                  state mismatches %d
                  violations       %d%s""",
                config.seed(), config.writers(), apiWrites, sqlTransactions, writeFailures, config.clients(),
                config.lists(), config.outage() ? ", one database outage of instance b" : "", changes,
                writing.toSeconds(), settling.toMillis() / 1000.0, connections, disconnects, serverCloses,
                connectFailures, resumes, resyncs, events, lost, stateMismatches, violations.size(),
                violations.isEmpty() ? "" : "\n    " + String.join("\n    ", violations.subList(0, Math.min(20, violations.size()))));
    }
}
