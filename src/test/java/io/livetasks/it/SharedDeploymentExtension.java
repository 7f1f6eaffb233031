package io.livetasks.it;

import io.openliberty.arquillian.managed.WLPManagedContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link SharedDeploymentContainer} in place of the Liberty managed container (this class is listed in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension} of the test classpath), so that the
 * integration-test classes share one deployment of the application instead of deploying it for each class.
 */
public final class SharedDeploymentExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, WLPManagedContainer.class, SharedDeploymentContainer.class);
    }
}
