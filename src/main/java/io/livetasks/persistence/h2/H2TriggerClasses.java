package io.livetasks.persistence.h2;

import java.util.Map;
import org.h2.util.JdbcUtils;
import org.h2.util.Utils;

/**
 * Tells H2 where to load the emulation's triggers ({@link H2ChangeTrigger}, {@link H2KeyChangeTrigger},
 * {@link H2RowVersionTrigger}) from.
 *
 * <p>Why this is needed: H2 loads trigger classes by name with its own class loader first and then with
 * the current thread's context class loader. Inside Liberty h2.jar sits in a server library, which cannot
 * see the WAR, and the thread that fires the trigger first after the database opens may not be an
 * application thread (a pool thread, or the AUTO_SERVER thread serving another process's write), so
 * neither finds the class and writes fail with error 90043. H2 asks its registered class factories before
 * either, so registering one that answers from the application's class loader makes every thread find it.
 * This works because the application shares h2.jar's library ({@code commonLibraryRef} in server.xml):
 * H2 and the trigger then agree on the one {@code org.h2.api.Trigger} class.
 *
 * <p>H2 keeps its factories in a plain static list, so register once at start-up and remove at shutdown.
 * A trigger instance H2 already created stays in use after {@link #unregister()} until the database closes.
 */
final class H2TriggerClasses implements Utils.ClassFactory {

    private boolean registered;

    synchronized void register() {
        if (!registered) {
            JdbcUtils.addClassFactory(this);
            registered = true;
        }
    }

    synchronized void unregister() {
        if (registered) {
            JdbcUtils.removeClassFactory(this);
            registered = false;
        }
    }

    /**
     * The trigger's name since the persistence package was renamed, and the name the shipped migration
     * {@code V2__enable_change_tracking.sql} created it with (migrations never change once shipped;
     * {@code V3} re-points the trigger at the current name).
     */
    static final String LEGACY_NAME = "io.livetasks.dialect.h2.H2ChangeTrigger";

    private static final Map<String, Class<?>> TRIGGERS = Map.of(
            H2ChangeTrigger.class.getName(), H2ChangeTrigger.class,
            H2KeyChangeTrigger.class.getName(), H2KeyChangeTrigger.class,
            H2RowVersionTrigger.class.getName(), H2RowVersionTrigger.class,
            LEGACY_NAME, H2ChangeTrigger.class);

    @Override
    public boolean match(String name) {
        return TRIGGERS.containsKey(name);
    }

    @Override
    public Class<?> loadClass(String name) {
        return TRIGGERS.get(name);
    }
}
