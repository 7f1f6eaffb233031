package io.livetasks.dialect.h2;

/**
 * The name under which the shipped H2 migration {@code V2__enable_change_tracking.sql} creates the task
 * trigger, from before the package was renamed. Migrations never change once shipped, so this name must
 * stay loadable where {@code V2} runs outside the server (the Flyway command line or Maven plugin with the
 * application's classes; inside the server {@code H2TriggerClasses} answers for it); {@code V3} re-points
 * the trigger at {@link io.livetasks.persistence.h2.H2ChangeTrigger}. Nothing else may use this package.
 */
public final class H2ChangeTrigger extends io.livetasks.persistence.h2.H2ChangeTrigger {
}
