package dev.jwtauth.internal.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.jwtauth.RequiresPermission;
import dev.jwtauth.internal.security.PermissionCheck;

/**
 * {@code @RequiresPermission} on a CDI bean: the check before the method runs. It runs before the platform's
 * interceptors ({@code @Transactional} is {@code PLATFORM_BEFORE + 200}), so a refused call starts nothing.
 */
@RequiresPermission({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 50)
public class PermissionInterceptor {
    @Inject
    PermissionCheck check;

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        check.refusal(RequiredPermissions.of(invocation.getTarget().getClass(), invocation.getMethod()))
                .ifPresent(refusal -> {
                    throw PermissionFeature.exception(refusal);
                });
        return invocation.proceed();
    }
}
