package dev.jwtauth.internal.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.ws.rs.Path;

/**
 * Puts {@link JwtRequestFilter} in front of everything of any web application that contains the jar, with no
 * web.xml entry in the application; and notes the roles the application names ({@link DeclaredRoles}), from the
 * classes the container hands over: those carrying a role annotation, and JAX-RS resources (whose methods may).
 */
@HandlesTypes({DeclareRoles.class, RolesAllowed.class, ServletSecurity.class, Path.class})
public class JwtFilterRegistration implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(DeclaredRoles.ATTRIBUTE, DeclaredRoles.of(classes == null ? Set.of() : classes, context));
        FilterRegistration.Dynamic filter = context.addFilter("jwtauth", JwtRequestFilter.class);
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        }
    }
}
