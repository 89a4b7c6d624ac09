package dev.jwtauth.user;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Turns a failure of the database into a {@link StoreUnavailableException}, logged once. It runs outside
 * {@code @Transactional} (whose interceptor has priority {@code PLATFORM_BEFORE + 200}), so a failed commit is
 * caught too, not only a failed statement.
 */
@StoreCall
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class StoreFailures {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            throw StoreUnavailableException.isStoreFailure(e) ? StoreUnavailableException.of(e) : e;
        }
    }
}
