package dev.jwtauth.internal.rest;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.jwtauth.RequiresPermission;

/** What {@code @RequiresPermission} asks of a call: its class's permissions and its method's, all of them. */
final class RequiredPermissions {
    private RequiredPermissions() {
    }

    static Set<String> of(Class<?> type, Method method) {
        Set<String> required = new LinkedHashSet<>();
        // getAnnotation: the annotation is @Inherited, so a CDI proxy's or a subclass's type still carries it
        RequiresPermission onType = type.getAnnotation(RequiresPermission.class);
        if (onType != null) {
            required.addAll(Set.of(onType.value()));
        }
        RequiresPermission onMethod = method.getAnnotation(RequiresPermission.class);
        if (onMethod != null) {
            required.addAll(Set.of(onMethod.value()));
        }
        return required;
    }
}
