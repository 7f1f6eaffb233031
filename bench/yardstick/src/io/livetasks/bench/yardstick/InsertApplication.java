package io.livetasks.bench.yardstick;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under {@code /api}: only {@link InsertResource}. */
@ApplicationPath("/api")
public class InsertApplication extends Application {
}
