package io.livetasks.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}) of the schema: DOWN when {@code livetasks.db.migrate=validate} found the
 * schema not ready (migrations missing, change tracking or snapshot isolation off, a permission the login
 * lacks). Status only, as every check there: health answers anyone, so which permission is missing goes to
 * the log ("The schema is not ready for livetasks ..."), not to the probe. A fixed schema is seen after a restart.
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
        return HealthCheckResponse.named("schema").status(database.schemaProblems().isEmpty()).build();
    }
}
