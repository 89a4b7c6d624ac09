package dev.jwtauth.internal.rest;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.jwtauth.internal.security.PermissionCheck;
import dev.jwtauth.internal.security.RefusalAnswer;

/**
 * {@code @RequiresPermission} on JAX-RS resource methods, whether or not the resource is a CDI bean (only a bean
 * gets the interceptor): a filter on each method that asks it, in the authorization phase, before the method and its
 * parameters. Found by the JAX-RS runtime's provider scanning, as the mappers are.
 */
@Provider
public class PermissionFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Set<String> required = RequiredPermissions.of(resource.getResourceClass(), resource.getResourceMethod());
        if (!required.isEmpty()) {
            context.register(new Check(required), Priorities.AUTHORIZATION);
        }
    }

    /** A refusal as the JAX-RS exception of its status, carrying its answer (an application can catch that). */
    static WebApplicationException exception(RefusalAnswer refusal) {
        Response response = RefusalResponse.of(refusal);
        return switch (refusal.status()) {
            case 401 -> new NotAuthorizedException(response);
            case 403 -> new ForbiddenException(response);
            default -> new WebApplicationException(response);
        };
    }

    /** The check of one resource method's permissions. */
    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {
        private final Set<String> required;
        /** Looked up on first use (a provider instance is not injected); the bean is application scoped. */
        private volatile PermissionCheck check;

        Check(Set<String> required) {
            this.required = required;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (check == null) {
                check = CDI.current().select(PermissionCheck.class).get();
            }
            check.refusal(required).ifPresent(refusal -> request.abortWith(RefusalResponse.of(refusal)));
        }
    }
}
