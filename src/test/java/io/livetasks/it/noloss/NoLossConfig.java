package io.livetasks.it.noloss;

import java.time.Duration;

/**
 * The size of a no-loss run, from system properties {@code noloss.*} (defaults: the moderate run of
 * {@code mvn verify}).
 *
 * @param writers       concurrent writers: even ones write through the API (alternating instances), odd ones
 *                      with plain SQL in transactions of several rows
 * @param clients       subscribers, alternating WebSocket and SSE, each on a random list and a random instance
 * @param changes       how many task rows the writers change in all
 * @param lists         how many lists the changes spread over
 * @param writeTime     the changes are spread over this long (writers give up at twice this plus 30 s)
 * @param settleTime    how long clients may take to catch up once the writers stopped
 * @param outage        whether instance b loses its database for a few seconds in the middle of the run
 * @param seed          seed of every random choice, printed so that a run can be repeated
 */
public record NoLossConfig(int writers, int clients, int changes, int lists, Duration writeTime, Duration settleTime,
                           boolean outage, long seed) {

    public static NoLossConfig fromSystemProperties() {
        return new NoLossConfig(
                Integer.getInteger("noloss.writers", 6),
                Integer.getInteger("noloss.clients", 20),
                Integer.getInteger("noloss.changes", 200),
                Integer.getInteger("noloss.lists", 5),
                Duration.ofSeconds(Integer.getInteger("noloss.write.seconds", 5)),
                Duration.ofSeconds(Integer.getInteger("noloss.settle.seconds", 45)),
                Boolean.parseBoolean(System.getProperty("noloss.outage", "true")),
                Long.getLong("noloss.seed", System.nanoTime()));
    }
}
