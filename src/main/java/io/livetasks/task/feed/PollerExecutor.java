package io.livetasks.task.feed;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Exposes the container's managed scheduled executor (Jakarta Concurrency) to CDI for the change poller. */
@ApplicationScoped
public class PollerExecutor {

    @Produces
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService executor;
}
