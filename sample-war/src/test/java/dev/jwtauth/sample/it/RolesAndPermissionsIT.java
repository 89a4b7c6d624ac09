package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.TokenUser;

/**
 * {@code @RequiresPermission} against the token's {@code perms} (on resources that are CDI beans or not, and on
 * other CDI beans), and jwt.AdminRoleSatisfiesAll: an Admin passes every role check — {@code @RolesAllowed},
 * the request's {@code isUserInRole}, the container's own checks — and every permission check.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RolesAndPermissionsIT {
    private static final String APP = "admin-rule";
    private static final String OFF = "admin-rule-off";
    private static final DemoTokens TOKENS = DemoTokens.demo();
    /** An administrator with no other role and no permission. */
    private static final TokenUser ROOT = TokenUser.of("7", List.of("Admin"), List.of()).withUserName("root");
    private static final TokenUser READER = TokenUser.of("8", List.of("User"), List.of("read")).withUserName("reader");
    private static final TokenUser ANALYST = TokenUser.of("9", List.of("User"), List.of("read", "reports")).withUserName("analyst");

    @Deployment(name = APP, testable = false)
    static WebArchive deployment() {
        return withFixtures(SampleArchive.withConfig(APP, "jwt.AuthKeyBase64=" + DemoTokens.DEMO_KEY + "\njwt.AdminRoleSatisfiesAll=true\n"));
    }

    @Deployment(name = OFF, testable = false)
    static WebArchive byDefault() {
        return withFixtures(SampleArchive.asBuilt(OFF));
    }

    private static WebArchive withFixtures(WebArchive war) {
        return war.addClasses(PermissionResource.class, PermissionBeanResource.class, Reports.class, RoleCheckServlet.class);
    }

    @Test
    @OperateOnDeployment(APP)
    void permissionsComeFromTheTokensPerms() {
        Http.Reply granted = get(APP, "/it-perms/read", ALICE);
        assertEquals(200, granted.status(), granted::toString);
        assertEquals("alice", granted.json().get("caller"));

        Http.Reply missing = get(APP, "/it-perms/manage", ALICE);
        assertEquals(403, missing.status(), missing::toString);
        assertEquals("Forbidden: Invalid Permission", missing.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void withoutACallerItIsTheAnswerOfAProtectedResource() {
        Http.Reply anonymous = Http.get(Http.https(APP, "/it-perms/read"));
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("Unauthorized: Not Authenticated", anonymous.error());
        assertEquals(List.of("Bearer"), anonymous.header("WWW-Authenticate"));

        String expired = DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE);
        Http.Reply refused = Http.get(Http.https(APP, "/it-perms-bean/write"), "Authorization", DemoTokens.bearer(expired));
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("TokenException: Token has expired", refused.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void aBeanResourceNeedsItsClassesAndItsMethodsPermissions() {
        assertEquals(200, get(APP, "/it-perms-bean/write", ALICE).status(), "alice reads and writes");
        Http.Reply reader = get(APP, "/it-perms-bean/write", READER);
        assertEquals(403, reader.status(), reader::toString);
        assertEquals("Forbidden: Invalid Permission", reader.error());
        Http.Reply noRead = get(APP, "/it-perms-bean/write", TokenUser.of("10", List.of("User"), List.of("write")));
        assertEquals("Forbidden: Invalid Permission", noRead.error(), "the class's permission counts too");
    }

    @Test
    @OperateOnDeployment(APP)
    void aCdiBeanIsCheckedByItsInterceptor() {
        Http.Reply refused = get(APP, "/it-perms-bean/report", READER);
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("Forbidden: Invalid Permission", refused.error());
        Http.Reply granted = get(APP, "/it-perms-bean/report", ANALYST);
        assertEquals(200, granted.status(), granted::toString);
        assertEquals("quarterly", granted.json().get("report"));
    }

    @Test
    @OperateOnDeployment(APP)
    void anAdminPassesEveryRoleCheck() {
        Http.Reply user = get(APP, "/user", ROOT);
        assertEquals(200, user.status(), () -> "@RolesAllowed(\"User\"): " + user);
        assertEquals(true, user.json().get("isUser"), "SecurityContext.isUserInRole");
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) user.json().get("groups");
        assertTrue(groups.containsAll(List.of("Admin", "User", "Auditor")), () -> "the groups list every declared role: " + groups);

        assertEquals(200, get(APP, "/it-perms/audit", ROOT).status(), "a role only one method names");

        Http.Reply container = get(APP, "/it-role-check", ROOT);
        assertEquals(200, container.status(), () -> "the container's own constraint: " + container);
        assertEquals(Map.of("callerInAuditor", true, "callerInUser", true, "requestInUndeclared", true), container.json());
    }

    @Test
    @OperateOnDeployment(APP)
    void anAdminPassesEveryPermissionCheck() {
        assertEquals(200, get(APP, "/it-perms/manage", ROOT).status());
        assertEquals(200, get(APP, "/it-perms-bean/write", ROOT).status());
        assertEquals(200, get(APP, "/it-perms-bean/report", ROOT).status());
    }

    @Test
    @OperateOnDeployment(OFF)
    void byDefaultAdminIsARoleLikeAnyOther() {
        Http.Reply user = get(OFF, "/user", ROOT);
        assertEquals(403, user.status(), user::toString);
        assertEquals("Forbidden: Invalid Role", user.error());
        assertEquals(403, get(OFF, "/it-role-check", ROOT).status());
        Http.Reply permission = get(OFF, "/it-perms/manage", ROOT);
        assertEquals(403, permission.status(), permission::toString);
        assertEquals("Forbidden: Invalid Permission", permission.error());
        Http.Reply admin = get(OFF, "/admin", ROOT);
        assertEquals(200, admin.status(), () -> "its own role still counts: " + admin);
        assertEquals(false, admin.json().get("isUser"));
    }

    private static Http.Reply get(String app, String path, TokenUser user) {
        return Http.get(Http.https(app, path), "Authorization", DemoTokens.bearer(TOKENS.token(user)));
    }
}
