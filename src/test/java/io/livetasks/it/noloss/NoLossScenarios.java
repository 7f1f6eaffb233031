package io.livetasks.it.noloss;

import io.livetasks.it.cluster.Cluster;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Gapless delivery under load: see {@link NoLossRun}. {@code mvn verify} runs a moderate configuration;
 * {@code scripts/no-loss-check.sh} runs larger ones (system properties {@code noloss.*}, see {@link NoLossConfig}).
 */
abstract class NoLossScenarios {

    /** The two instances and their database: H2 here, SQL Server where Docker runs (see the subclasses). */
    protected abstract Cluster cluster();

    private static final Logger LOG = Logger.getLogger(NoLossIT.class.getName());

    @Test
    void shouldDeliverEveryChangeToEveryClientThatDropsAndResumesAtRandom() throws Exception {
        NoLossReport report = new NoLossRun(cluster(), NoLossConfig.fromSystemProperties()).run();
        LOG.log(Level.INFO, "{0}", report.summary());

        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.lost()).as(report.summary()).isZero();
        assertThat(report.stateMismatches()).as(report.summary()).isZero();
        assertThat(report.resumes()).as("clients really resumed").isPositive();
        assertThat(report.changes()).as("writers really wrote").isGreaterThan(report.config().changes() / 2);
    }
}
