package io.livetasks.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}) of the schema: DOWN, with every problem as a sentence, when
 * {@code livetasks.db.migrate=validate} found the schema not ready (migrations missing, change tracking or
 * snapshot isolation off, a permission the login lacks). A schema fixed by the DBA is seen after a restart.
 */
@Readiness
@ApplicationScoped
public class SchemaHealth implements HealthCheck {

    private final Database database;

    @Inject
    public SchemaHealth(Database database) {
        this.database = database;
    }

    /** For the CDI proxy only. */
    protected SchemaHealth() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        List<String> problems = database.schemaProblems();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("schema")
                .status(problems.isEmpty())
                .withData("migrate", database.migrateMode().name().toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < problems.size(); i++) {
            response.withData("problem" + (i + 1), problems.get(i));
        }
        return response.build();
    }
}
