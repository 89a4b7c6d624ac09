package dev.jwtauth.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Qualifier;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.Query;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * jwtauth's persistence unit, out of the application's sight. A unit in the jar's {@code META-INF/persistence.xml}
 * would share the WAR's scope with the application's own, and JPA makes an unqualified
 * {@code @PersistenceContext} ambiguous as soon as there are two: the application's would silently stay empty. So the
 * unit is described in {@value #DESCRIPTOR}, which no container reads, and started here on the server's provider
 * (EclipseLink on Liberty): JTA on {@code jdbc/jwtauth}, when the store is first used.
 * <p>
 * The store's beans get an {@link Unit @Unit EntityManager} that behaves as the container's transaction-scoped one:
 * within a JTA transaction, one EntityManager joined to it and closed when it completes; outside, a new one per call,
 * closed after it (a query's, once the query has run). So {@code @Transactional} keeps its meaning on every method.
 */
@ApplicationScoped
class StoreDatabase {
    static final String DESCRIPTOR = "META-INF/jwtauth-persistence.xml";
    private static final String UNIT = "jwtauth";
    /** The methods of a query that run it; the query's own EntityManager closes after them. */
    private static final Set<String> EXECUTIONS = Set.of("getResultList", "getResultStream", "getSingleResult", "executeUpdate");

    private TransactionSynchronizationRegistry transactions;
    private volatile EntityManagerFactory factory;

    /** What the store's beans inject instead of a container's {@code @PersistenceContext}. */
    @Qualifier
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @interface Unit {
    }

    @PostConstruct
    void lookUp() {
        try {
            transactions = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
        } catch (NamingException e) {
            throw new IllegalStateException("the user store needs the server's JTA transactions", e);
        }
    }

    /**
     * {@code database} is this bean's contextual reference: through it, {@link #start} runs outside the caller's
     * transaction.
     */
    @Produces
    @Unit
    EntityManager entityManager(StoreDatabase database) {
        return proxy(EntityManager.class, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return identity(proxy, method, args);
            }
            EntityManagerFactory started = factory != null ? factory : database.start();
            return transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION
                    ? alone(started.createEntityManager(), method, args)
                    : invoke(joined(started), method, args);
        });
    }

    /**
     * Starts the unit, once: outside any transaction, since the tables are created or extended as it starts, and on
     * PostgreSQL a failed existence check would abort the caller's transaction. A failure is the caller's (the
     * database may be down) and the next call tries again.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    synchronized EntityManagerFactory start() {
        if (factory == null) {
            Thread thread = Thread.currentThread();
            ClassLoader caller = thread.getContextClassLoader();
            ClassLoader jar = StoreDatabase.class.getClassLoader();
            thread.setContextClassLoader(jar);
            try {
                // a mutable map: the provider adds what it decides
                factory = Persistence.createEntityManagerFactory(UNIT, new HashMap<>(Map.of(
                        "eclipselink.persistencexml", DESCRIPTOR,
                        "eclipselink.classloader", jar,
                        // the provider keeps units by session name for the whole server: one per application
                        "eclipselink.session-name", UNIT + "-" + UUID.randomUUID())));
            } finally {
                thread.setContextClassLoader(caller);
            }
        }
        return factory;
    }

    @PreDestroy
    void stop() {
        if (factory != null) {
            factory.close();
        }
    }

    /** The EntityManager of the current transaction, joined to it on first use and closed when it completes. */
    private EntityManager joined(EntityManagerFactory started) {
        EntityManager em = (EntityManager) transactions.getResource(this);
        if (em == null) {
            EntityManager created = started.createEntityManager();
            created.joinTransaction();
            transactions.putResource(this, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    created.close();
                }
            });
            em = created;
        }
        return em;
    }

    /** One call on an EntityManager of its own, which it closes: at once, or once the query it made has run. */
    private static Object alone(EntityManager em, Method method, Object[] args) throws Throwable {
        boolean closeNow = true;
        try {
            Object result = invoke(em, method, args);
            if (result instanceof Query query) {
                closeNow = false;
                return closingAfterExecution(query, method.getReturnType(), em);
            }
            return result;
        } finally {
            if (closeNow) {
                em.close();
            }
        }
    }

    private static Object closingAfterExecution(Query query, Class<?> type, EntityManager em) {
        return proxy(type, (proxy, method, args) -> {
            if (!EXECUTIONS.contains(method.getName())) {
                Object result = invoke(query, method, args);
                return result == query ? proxy : result; // setParameter(...) and the like go on through the proxy
            }
            try {
                return invoke(query, method, args);
            } finally {
                em.close();
            }
        });
    }

    /** {@code equals}, {@code hashCode} and {@code toString} of the proxy itself: they need no EntityManager. */
    private static Object identity(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "jwtauth's EntityManager";
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
