package dev.jwtauth.sample.tck;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;

/**
 * The TCK's key-location URL tests ({@code PublicKeyAsPEMLocationURLTest}, {@code PublicKeyAsJWKLocationURLTest})
 * point {@code mp.jwt.verify.publickey.location} at an endpoint of their own deployment, under the base URL of the
 * system property {@code mp.jwt.tck.jwks.baseURL} (default {@code http://localhost:8080/}), read when the deployment
 * is built. Liberty serves {@code X.war} (the test class's name) at {@code /X} on the integration-test server's port:
 * this sets the property to that, before each TCK class builds its deployment.
 */
public final class DeploymentBaseUrl {
    static final String PROPERTY = "mp.jwt.tck.jwks.baseURL";

    void beforeClass(@Observes(precedence = 100) BeforeClass event) {
        Class<?> test = event.getTestClass().getJavaClass();
        if (JwtAuthArchiveProcessor.isTck(test.getName())) {
            System.setProperty(PROPERTY, "http://localhost:" + Integer.getInteger("it.http.port", 9081) + "/"
                    + test.getSimpleName() + "/");
        }
    }
}
