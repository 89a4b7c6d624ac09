package dev.jwtauth.sample.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The MicroProfile JWT TCK's harness (its README, "Creating Your Implementation TCK Harness Artifact"): the TCK
 * builds its own WARs, and this extension makes each one a jwtauth application ({@link JwtAuthArchiveProcessor}),
 * and tells the tests that fetch keys from their own deployment where it is ({@link DeploymentBaseUrl}).
 */
public final class JwtAuthTckExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, JwtAuthArchiveProcessor.class);
        builder.observer(DeploymentBaseUrl.class);
    }
}
