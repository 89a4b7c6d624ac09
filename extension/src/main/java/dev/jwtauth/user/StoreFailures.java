package dev.jwtauth.user;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;

import dev.jwtauth.spi.StoreUnavailableException;

/**
 * Turns a failure of the database into a {@link StoreUnavailableException}, logged once with its cause. It runs
 * outside {@code @Transactional} (whose interceptor has priority {@code PLATFORM_BEFORE + 200}), so a failed commit is
 * caught too, not only a failed statement.
 */
@StoreCall
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class StoreFailures {
    private static final Logger LOG = Logger.getLogger(StoreFailures.class.getName());

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (PersistenceException | TransactionalException e) {
            LOG.log(Level.SEVERE, "JWTAUTH0103E: the user store failed; the request was answered 503", e);
            throw new StoreUnavailableException();
        }
    }
}
