package dev.jwtauth.sample.tck;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;

import org.testng.IAnnotationTransformer;
import org.testng.annotations.ITestAnnotation;

/**
 * The TCK tests jwtauth does not run, each for a decision it keeps on purpose, so that the run says so instead of
 * failing on it: {@code RsaKeySignatureTest} deploys a 1024-bit RSA verification key, which jwtauth refuses at
 * start-up (RFC 7518 §3.3: a key of 2048 bits or larger MUST be used). docs/microprofile-jwt.md lists them.
 */
public class RefusedByDesign implements IAnnotationTransformer {
    static final Set<String> CLASSES = Set.of("org.eclipse.microprofile.jwt.tck.container.jaxrs.RsaKeySignatureTest");

    @Override
    public void transform(ITestAnnotation annotation, Class testClass, Constructor testConstructor, Method testMethod) {
        Class<?> owner = testMethod != null ? testMethod.getDeclaringClass() : testClass;
        if (owner != null && CLASSES.contains(owner.getName())) {
            annotation.setEnabled(false);
        }
    }
}
