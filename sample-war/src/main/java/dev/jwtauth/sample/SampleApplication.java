package dev.jwtauth.sample;


import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's JAX-RS root. Its roles map one to one to the {@code roles} claim of a token. */
@ApplicationPath("/")
@DeclareRoles({"Admin", "User"})
public class SampleApplication extends Application {
}
