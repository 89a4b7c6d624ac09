package dev.jwtauth.internal.cdi;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Adds the bean types of one package that bean discovery did not find itself: the jar ships an annotated beans.xml,
 * but a server with implicit bean archives switched off, or smallrye-jwt.jar (no beans.xml) scanned or not, must all
 * end up with exactly one bean of each. A portable extension feeds it its two events.
 */
final class MissingBeans {
    private final String owner;
    private final List<Class<?>> types;
    private final Set<Class<?>> discovered = new HashSet<>();

    MissingBeans(Class<?> owner, List<Class<?>> types) {
        this.owner = owner.getName();
        this.types = List.copyOf(types);
    }

    void discovered(ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        if (types.contains(type)) {
            discovered.add(type);
        }
    }

    void addMissing(AfterTypeDiscovery event, BeanManager beanManager) {
        for (Class<?> type : types) {
            if (!discovered.contains(type)) {
                event.addAnnotatedType(beanManager.createAnnotatedType(type), owner + "." + type.getSimpleName());
            }
        }
    }

    /** Enables an interceptor added here: {@code @Priority} is not honoured for a type added by an extension. */
    void enableInterceptor(AfterTypeDiscovery event, Class<?> interceptor) {
        if (!discovered.contains(interceptor) && !event.getInterceptors().contains(interceptor)) {
            event.getInterceptors().add(0, interceptor);
        }
    }

    /**
     * Enables an alternative for the whole application, last (highest priority) unless its own {@code @Priority}
     * enabled it already: one added here (whose {@code @Priority} is not honoured either), or one an extension made
     * an alternative.
     */
    void enableAlternative(AfterTypeDiscovery event, Class<?> alternative) {
        if (!event.getAlternatives().contains(alternative)) {
            event.getAlternatives().add(alternative);
        }
    }
}
