package dev.jwtauth.sample.it.mpjwt;


import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A service that knows nothing of jwtauth: it trusts jwtauth's tokens through Open Liberty's own {@code mpJwt-2.1}
 * (MpJwtInteropIT deploys it, without WEB-INF/lib, to a second Liberty server). Roles are the token's groups.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"Admin", "User"})
public class ReaderApplication extends Application {
}
