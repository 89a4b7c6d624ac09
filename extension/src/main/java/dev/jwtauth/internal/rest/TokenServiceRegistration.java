package dev.jwtauth.internal.rest;

import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.jwtauth.internal.config.JwtSettingsReader;

/**
 * Maps {@link TokenServiceServlet} to jwtauth's routes in any web application that contains the jar, with no
 * web.xml entry in the application. A path the application maps itself stays the application's, and is logged.
 */
public class TokenServiceRegistration implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger(TokenServiceRegistration.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        ServletRegistration.Dynamic servlet = context.addServlet("jwtauth-token-services", TokenServiceServlet.class);
        if (servlet == null) {
            return; // the application declared a servlet of that name itself
        }
        servlet.setAsyncSupported(true);
        Set<String> taken = servlet.addMapping(TokenServiceServlet.mappings(
                JwtSettingsReader.services(ConfigProvider.getConfig(context.getClassLoader()))).toArray(String[]::new));
        if (!taken.isEmpty()) {
            LOG.warning(() -> "JWTAUTH0108W: the application maps " + taken + " itself: jwtauth's token services "
                    + "are not served there");
        }
    }
}
