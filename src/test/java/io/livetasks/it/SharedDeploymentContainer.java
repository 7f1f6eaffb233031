package io.livetasks.it;

import io.openliberty.arquillian.managed.WLPManagedContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;

/**
 * Arquillian's managed Liberty container, except that a deployment outlives the test class that asked for it:
 * when the next class deploys the same archive (same name, same content: {@link Deployments#war()} for every
 * class today) it is already there, and the application is undeployed only when the server stops. Deploying the
 * application took 2–4 s per class (its start: CDI, Flyway's check, the change feed; then its stop), about a
 * minute of {@code mvn verify}.
 *
 * <p>What the classes share is what they shared before on the one test server and database: the data, and now
 * also the application's memory (connections, counters, the change log). Tests therefore measure against what
 * they read first (a connection count, a counter) rather than against zero, and wait for what an earlier class
 * left behind to settle where they need a quiet server. An archive with another name deploys beside it; one
 * with the same name but other content replaces it.
 */
public class SharedDeploymentContainer extends WLPManagedContainer {

    private static final Logger LOG = Logger.getLogger(SharedDeploymentContainer.class.getName());

    private record Deployed(Archive<?> archive, String digest, ProtocolMetaData metaData) {
    }

    private final Map<String, Deployed> deployed = new LinkedHashMap<>();

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String digest = digest(archive);
        Deployed current = deployed.get(archive.getName());
        if (current != null && current.digest().equals(digest)) {
            return current.metaData();
        }
        if (current != null) {
            deployed.remove(archive.getName());
            super.undeploy(current.archive());
        }
        ProtocolMetaData metaData;
        try {
            metaData = super.deploy(archive);
        } catch (DeploymentException | RuntimeException e) {
            // Arquillian's own undeploy after a failed deploy comes to undeploy() below, which keeps applications:
            // take the half-deployed one away here, so that the next class deploys it afresh.
            try {
                super.undeploy(archive);
            } catch (DeploymentException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        deployed.put(archive.getName(), new Deployed(archive, digest, metaData));
        return metaData;
    }

    /** Leaves the application deployed for the next class; {@link #stop()} undeploys it. */
    @Override
    public synchronized void undeploy(Archive<?> archive) {
        // Shared: see the class comment.
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        for (Deployed application : deployed.values()) {
            try {
                super.undeploy(application.archive());
            } catch (DeploymentException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not undeploy {0} before stopping the server: {1}",
                        new Object[] {application.archive().getName(), e.toString()});
            }
        }
        deployed.clear();
        super.stop();
    }

    /** SHA-256 over every entry's path and content, in path order. */
    private static String digest(Archive<?> archive) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            Map<ArchivePath, Node> content = new java.util.TreeMap<>(archive.getContent());
            for (Map.Entry<ArchivePath, Node> entry : content.entrySet()) {
                sha.update(entry.getKey().get().getBytes(StandardCharsets.UTF_8));
                if (entry.getValue().getAsset() != null) {
                    try (InputStream in = entry.getValue().getAsset().openStream()) {
                        for (int read; (read = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, read);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
