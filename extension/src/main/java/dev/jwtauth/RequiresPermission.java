package dev.jwtauth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Only a caller whose token grants all these permissions (its {@code perms} claim) may call this JAX-RS resource
 * method or CDI bean method (ServiceStack's {@code [RequiredPermission]}). On a class it applies to every method; on
 * a class and a method, the caller needs both sets. A caller without them is refused 403 {@code Invalid Permission};
 * a request without a caller 401, as a protected resource answers it. Under {@code jwt.AdminRoleSatisfiesAll}, a
 * caller with the role {@code Admin} has every permission.
 * <p>
 * On JAX-RS resources it works whether or not the resource is a CDI bean (a filter checks it before the method is
 * called); on other CDI beans an interceptor checks it, which outside a JAX-RS request throws the JAX-RS exception
 * ({@code ForbiddenException}, {@code NotAuthorizedException}) that carries the answer.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresPermission {

    /** The permissions the caller must all have. */
    @Nonbinding
    String[] value();
}
