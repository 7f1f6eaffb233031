package io.livetasks.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application as built by {@code mvn package}, for Arquillian to deploy on the real Liberty server.
 * It is deployed as {@code livetasks-it.war} (context root {@code /livetasks-it}): under its own name,
 * server.xml's {@code livetasks.war} application does not pick up the same file a second time.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("livetasks.war", "target/livetasks.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn package): " + war.getAbsolutePath());
        }
        return ShrinkWrap.create(ZipImporter.class, "livetasks-it.war").importFrom(war).as(WebArchive.class);
    }
}
