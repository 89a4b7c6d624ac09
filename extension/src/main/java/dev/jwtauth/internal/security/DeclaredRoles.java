package dev.jwtauth.internal.security;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;

import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The roles an application names: in {@code @DeclareRoles}, {@code @RolesAllowed} (on classes and their methods),
 * {@code @ServletSecurity} and WEB-INF/web.xml's {@code role-name}s — the roles the container may check. A caller who
 * passes every role check has them all at a container login ({@code JwtPrincipal.hasEveryRole()}), since the
 * container copies the groups it is given rather than asking them. Found once at start-up, by
 * {@link JwtFilterRegistration}.
 */
final class DeclaredRoles {
    /** The servlet context attribute holding them. */
    static final String ATTRIBUTE = DeclaredRoles.class.getName();
    private static final Logger LOG = Logger.getLogger(DeclaredRoles.class.getName());
    /** Servlet 6.0 §13.3: not roles but "any authenticated user" / "any role". */
    private static final Set<String> NOT_ROLES = Set.of("*", "**");

    private DeclaredRoles() {
    }

    /** The roles of an application's {@code classes} and web.xml. */
    static Set<String> of(Collection<Class<?>> classes, ServletContext context) {
        Set<String> roles = inAnnotations(classes);
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml != null) {
                roles.addAll(inWebXml(webXml));
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            // The container refuses a broken web.xml itself; its roles are not ours to guess.
            LOG.log(Level.FINE, "the roles of WEB-INF/web.xml were not read", e);
        }
        return Set.copyOf(roles);
    }

    static Set<String> inAnnotations(Collection<Class<?>> classes) {
        Set<String> roles = new TreeSet<>();
        for (Class<?> type : classes) {
            DeclareRoles declared = type.getAnnotation(DeclareRoles.class);
            if (declared != null) {
                add(roles, declared.value());
            }
            RolesAllowed allowed = type.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                add(roles, allowed.value());
            }
            ServletSecurity security = type.getAnnotation(ServletSecurity.class);
            if (security != null) {
                add(roles, security.value().rolesAllowed());
                for (HttpMethodConstraint constraint : security.httpMethodConstraints()) {
                    add(roles, constraint.rolesAllowed());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
                if (onMethod != null) {
                    add(roles, onMethod.value());
                }
            }
        }
        return roles;
    }

    /** Every {@code role-name} of a web.xml: those of {@code security-role}, {@code auth-constraint} and the rest. */
    static Set<String> inWebXml(InputStream webXml) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList names = factory.newDocumentBuilder().parse(webXml).getElementsByTagNameNS("*", "role-name");
        Set<String> roles = new TreeSet<>();
        for (int i = 0; i < names.getLength(); i++) {
            add(roles, names.item(i).getTextContent().strip());
        }
        return roles;
    }

    private static void add(Set<String> roles, String... names) {
        for (String name : names) {
            if (!name.isEmpty() && !NOT_ROLES.contains(name)) {
                roles.add(name);
            }
        }
    }
}
