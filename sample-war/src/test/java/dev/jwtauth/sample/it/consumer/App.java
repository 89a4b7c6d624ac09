package dev.jwtauth.sample.it.consumer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS root of {@code OwnApplicationIT}'s application: a minimal application of its own, written from the
 * README alone (its "Using it in an application" is this package). Its resources live under {@code /api};
 * jwtauth's services stay at the context root.
 */
@ApplicationPath("/api")
@DeclareRoles({"Admin", "User"})
public class App extends Application {
}
