package dev.jwtauth.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;

import org.junit.jupiter.api.Test;

import dev.jwtauth.JwtPrincipal;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.TokenClaims;
import dev.jwtauth.token.VerifiedToken;

/** ServiceStack's Admin rule (jwt.AdminRoleSatisfiesAll) over roles and permissions, and the roles it lists. */
class AdminRuleTest {
    private static final Set<String> DECLARED = Set.of("User", "Auditor");

    @Test
    void withTheRuleAnAdminContainsEveryRoleAndListsTheDeclaredOnes() {
        JwtPrincipal admin = TokenVerifier.caller(token(List.of("Admin"), List.of()), Set.of("Admin"), true, DECLARED);
        assertTrue(admin.hasEveryRole());
        assertTrue(admin.getGroups().contains("User"));
        assertTrue(admin.getGroups().contains("Never-Named"), "every role asked about");
        assertEquals(Set.of("Admin", "User", "Auditor"), new LinkedHashSet<>(admin.getGroups()), "listed: own and declared roles");
        assertEquals(admin.getGroups(), admin.getClaim("groups"), "the groups claim the application injects is the same");
        assertTrue(PermissionCheck.permits(admin, List.of("anything")), "and every permission, as ServiceStack's RequiredPermission");
    }

    @Test
    void withoutTheRuleOrWithoutAdminRolesAreTheTokens() {
        JwtPrincipal admin = TokenVerifier.caller(token(List.of("Admin"), List.of()), Set.of("Admin"), false, DECLARED);
        assertFalse(admin.hasEveryRole());
        assertFalse(admin.getGroups().contains("User"));
        assertFalse(PermissionCheck.permits(admin, List.of("read")));

        JwtPrincipal user = TokenVerifier.caller(token(List.of("User"), List.of("read")), Set.of("User"), true, DECLARED);
        assertFalse(user.hasEveryRole());
        assertEquals(Set.of("User"), user.getGroups());
        assertFalse(user.getGroups().contains("Admin"));
    }

    @Test
    void permissionsAreAllRequired() {
        JwtPrincipal reader = TokenVerifier.caller(token(List.of("User"), List.of("read", "write")), Set.of("User"), true, DECLARED);
        assertTrue(PermissionCheck.permits(reader, List.of("read")));
        assertTrue(PermissionCheck.permits(reader, List.of("read", "write")));
        assertTrue(PermissionCheck.permits(reader, List.of()));
        assertFalse(PermissionCheck.permits(reader, List.of("read", "manage")));
        assertFalse(PermissionCheck.permits(reader, List.of("READ")), "names are exact");
    }

    @Test
    void anAdminsGroupsSurviveTheSession() throws IOException, ClassNotFoundException {
        JwtPrincipal admin = TokenVerifier.caller(token(List.of("Admin"), List.of()), Set.of("Admin"), true, DECLARED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(admin);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            JwtPrincipal read = (JwtPrincipal) in.readObject();
            assertTrue(read.hasEveryRole());
            assertTrue(read.getGroups().contains("Anything"));
        }
    }

    @DeclareRoles({"Declared", "*"})
    @ServletSecurity(value = @HttpConstraint(rolesAllowed = "Constrained"),
            httpMethodConstraints = @HttpMethodConstraint(value = "POST", rolesAllowed = {"Poster", "**"}))
    static class Servlet {
    }

    @RolesAllowed("OnClass")
    static class Resource {
        @RolesAllowed({"OnMethod", "OnClass"})
        void method() {
        }
    }

    @Test
    void theDeclaredRolesAreThoseTheAnnotationsName() {
        assertEquals(Set.of("Declared", "Constrained", "Poster", "OnClass", "OnMethod"),
                DeclaredRoles.inAnnotations(List.of(Servlet.class, Resource.class, String.class)),
                "not * nor **, which are no roles");
    }

    @Test
    void andThoseWebXmlNames() throws Exception {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <auth-constraint><role-name>Operator</role-name><role-name>**</role-name></auth-constraint>
                  </security-constraint>
                  <security-role><role-name> Viewer </role-name></security-role>
                </web-app>""";
        assertEquals(Set.of("Operator", "Viewer"),
                DeclaredRoles.inWebXml(new ByteArrayInputStream(webXml.getBytes(StandardCharsets.UTF_8))));
    }

    private static VerifiedToken token(List<String> roles, List<String> permissions) {
        JsonObject header = Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build();
        JsonObject claims = Json.createObjectBuilder().add("sub", "1").add("exp", 1_800_000_000L).build();
        return new VerifiedToken("raw", JwsAlgorithm.HS256, header, TokenClaims.of(claims), "1",
                new LinkedHashSet<>(roles), permissions, 1_800_000_000L);
    }
}
