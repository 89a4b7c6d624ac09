package dev.jwtauth.internal.rest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import dev.jwtauth.RequiresPermission;

/**
 * Marks the application's operations that need a caller — {@code @RolesAllowed}, {@code @DenyAll} or
 * {@code @RequiresPermission} on the resource method, or on its class unless the method says {@code @PermitAll} —
 * as secured by {@link TokenServicesModel#BEARER} or {@link TokenServicesModel#COOKIE}, unless the application's
 * annotations gave it a {@code security} of their own. The roles are not listed there: OpenAPI allows scopes only for
 * OAuth2 and OpenID Connect schemes (Liberty's validation says so); they are in the operation's
 * {@value #ROLES} extension.
 * <p>
 * The annotation scan (SmallRye OpenAPI in Liberty) marks {@code @RolesAllowed} operations itself only when the
 * document has exactly one OAuth2 or OpenID Connect scheme, and a filter sees only the model. The operation's Java
 * method is found by its operation id: {@link OpenApiConfigSource} asks for ids of the form
 * {@code package.Class_method} (SmallRye's {@code PACKAGE_CLASS_METHOD}), and this filter takes them out again, so
 * the document has the ids it would have had. An application that chooses its own id strategy keeps it, and its
 * operations are not marked; so are operations whose {@code operationId} the application wrote itself.
 * <p>
 * Named as {@code mp.openapi.filter} by {@link OpenApiConfigSource} at the lowest ordinal: an application's own
 * filter replaces it (MicroProfile OpenAPI runs one), and then its operations are not marked.
 */
public class SecuredOperationsFilter implements OASFilter {
    static final String ROLES = "x-roles-allowed";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        boolean ownIds = ownOperationIds(ConfigProvider.getConfig(loader));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                String id = operation.getOperationId();
                Optional<Method[]> methods = methods(id, loader);
                if (methods.isEmpty()) {
                    continue;
                }
                if (operation.getSecurity() == null) {
                    roles(methods.get()).ifPresent(roles -> {
                        operation.setSecurity(List.of(
                                OASFactory.createSecurityRequirement().addScheme(TokenServicesModel.BEARER),
                                OASFactory.createSecurityRequirement().addScheme(TokenServicesModel.COOKIE)));
                        if (!roles.isEmpty()) {
                            operation.addExtension(ROLES, roles);
                        }
                    });
                }
                if (ownIds) {
                    operation.setOperationId(null);
                }
            }
        }
    }

    /** Whether the operation ids are of jwtauth's asking (the application chose no strategy of its own). */
    private static boolean ownOperationIds(Config config) {
        return OpenApiConfigSource.NAME.equals(config.getConfigValue(OpenApiConfigSource.OPERATION_ID_STRATEGY).getSourceName());
    }

    /** The public methods an id {@code package.Class_method} names, if it names any. */
    private static Optional<Method[]> methods(String id, ClassLoader loader) {
        int separator = id == null ? -1 : id.lastIndexOf('_');
        if (separator <= 0 || id.lastIndexOf('.', separator) < 0) {
            return Optional.empty();
        }
        String methodName = id.substring(separator + 1);
        try {
            Class<?> type = Class.forName(id.substring(0, separator), false, loader);
            Method[] named = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).toArray(Method[]::new);
            return named.length == 0 ? Optional.empty() : Optional.of(named);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The roles a caller of these (same-named) methods needs, or empty when any may call them. */
    private static Optional<List<String>> roles(Method[] methods) {
        Set<String> roles = new LinkedHashSet<>();
        boolean secured = false;
        for (Method method : methods) {
            if (method.isAnnotationPresent(PermitAll.class)) {
                continue;
            }
            Class<?> type = method.getDeclaringClass();
            RolesAllowed allowed = Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
                    .orElseGet(() -> type.getAnnotation(RolesAllowed.class));
            if (allowed != null) {
                roles.addAll(Arrays.asList(allowed.value()));
                secured = true;
            }
            secured |= method.isAnnotationPresent(DenyAll.class) || method.isAnnotationPresent(RequiresPermission.class)
                    || type.isAnnotationPresent(DenyAll.class) || type.isAnnotationPresent(RequiresPermission.class);
        }
        return secured ? Optional.of(new ArrayList<>(roles)) : Optional.empty();
    }
}
