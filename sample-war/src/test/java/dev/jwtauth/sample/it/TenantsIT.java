package dev.jwtauth.sample.it;


import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.postJson;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.TokenUser;

/**
 * Tenants on a real Liberty: the sample's two (acme HS256, globex RS256) chosen by header and by host; tokens,
 * refresh tokens and cookies that stay in their tenant; and a second deployment where a tenant is required, acme's
 * key is rotated, one tenant exists only in configuration, one only in code, and tenants are path segments too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantsIT {
    private static final String APP = "tenants";
    private static final String MORE = "tenants-more";
    private static final String OWN_RESOLVER = "tenants-resolver";
    private static final String PASSWORD = "jwtauth-demo";
    private static final String ACME_KEY = "K7WFPLRBLxsZXAjkOYMcFhJiPIjXtbzlICDrzUPeWnE=";
    private static final String ACME_NEW_KEY = "bmV3LWFjbWUta2V5LWFmdGVyLXJvdGF0aW9uLTIwMjYtMTEtMjM=";
    /** The public half of a key pair globex used before its current one (a fallback that still verifies). */
    private static final String GLOBEX_OLD_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAicFKEB9j69TemthtTHAA\\nzvSqkR98SWgHuFkouO29+ZXQVqnaFvNXr7PwneZhKr+7SyIe/t/tzwjpGNEBGWCH\\nzoCyPOTzoSIuqYp5HtJVu3Ovv9M9xH8fxS1N9oLW48bNE+qnLECwDcqJL0ow6q4w\\nwSq865+FmZMpl118Al7OBnxANT/Zt3OMVyRwacCw4W/UgsoaYdrGZhBzTSqxhy1j\\nBSJigZjFpwob8BQYpMqdnAqtB8PQvukdtB1ngLxKRwK45uj2eUYfumnxFISsPLEs\\nu1G9+KEJw2jsFRDOLSrne/rTPNNUBUgP/ERX2UsGGBl57qExQlvSt8DUZMeHKf1n\\nMwIDAQAB\\n-----END PUBLIC KEY-----\\n";
    private static final String INITECH_KEY = "aW5pdGVjaC1leGlzdHMtb25seS1pbi1jb25maWd1cmF0aW9uIQ==";

    @Deployment(name = APP, testable = false)
    static WebArchive sample() {
        return Services.withFixture(SampleArchive.asBuilt(APP));
    }

    /** The sample's configuration plus: a tenant required, acme rotated, initech added, path segments resolved. */
    @Deployment(name = MORE, testable = false)
    static WebArchive more() {
        WebArchive war = SampleArchive.asBuilt(MORE);
        String sampleConfig = SampleArchive.config(war)
                .replace("jwt.TenantResolver=header,host", "jwt.TenantResolver=path,header,host")
                .replace("jwt.tenant.acme.AuthKeyBase64=" + ACME_KEY,
                        "jwt.tenant.acme.AuthKeyBase64=" + ACME_NEW_KEY + "\njwt.tenant.acme.AuthKeyBase64.1=" + ACME_KEY);
        return SampleArchive.withConfig(MORE, sampleConfig + "\njwt.RequireTenant=true\njwt.tenant.initech.AuthKeyBase64="
                + INITECH_KEY + "\n# two tenants without keys of their own: both use the global key\n"
                + "jwt.tenant.hooli.ExpireTokensIn=PT1H\njwt.tenant.piedpiper.ExpireTokensIn=PT2H\n"
                + "# globex's tokens encrypted (its RSA key pair); the public key of its previous pair still verifies\n"
                + "jwt.tenant.globex.EncryptPayload=true\njwt.tenant.globex.PublicKeyPem.1=" + GLOBEX_OLD_PUBLIC_KEY + "\n").addClasses(UserFixture.class, DynamicTenants.class, TenantWhoAmI.class, AdHocResource.class, HookFixtures.class);
    }

    /** The sample with a TenantResolver bean of the application's. */
    @Deployment(name = OWN_RESOLVER, testable = false)
    static WebArchive ownResolver() {
        return SampleArchive.asBuilt(OWN_RESOLVER).addClass(OrganisationResolver.class);
    }

    @Test
    @OperateOnDeployment(OWN_RESOLVER)
    void anApplicationsResolverReplacesTheBuiltInOnes() {
        String acme = signIn(OWN_RESOLVER, "X-Organisation", "org-1");
        assertEquals("acme", claims(acme).get("tenant"));
        assertEquals(200, user(OWN_RESOLVER, acme, "X-Organisation", "org-1").status());
        Http.Reply byHeader = user(OWN_RESOLVER, acme, "X-Tenant", "acme");
        assertEquals(401, byHeader.status(), "jwt.TenantResolver's header is not asked any more: " + byHeader);
        Http.Reply unknown = user(OWN_RESOLVER, acme, "X-Organisation", "org-9");
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("ArgumentException: Unknown tenant", unknown.error());
    }

    @Test
    @OperateOnDeployment(APP)
    void theHeaderChoosesTheTenantAndItsAlgorithm() {
        String acme = signIn(APP, "X-Tenant", "acme");
        String globex = signIn(APP, "X-Tenant", "globex");
        assertEquals("HS256", header(acme).get("alg"));
        assertEquals("RS256", header(globex).get("alg"), "globex signs with RS256");
        assertEquals("acme", claims(acme).get("tenant"), "tokens are bound to their tenant");
        assertEquals("globex", claims(globex).get("tenant"));
        assertEquals(200, user(APP, globex, "X-Tenant", "globex").status());
        assertEquals(200, user(APP, acme, "X-Tenant", "acme").status());
    }

    @Test
    @OperateOnDeployment(APP)
    void theHostChoosesTheTenant() {
        String globex = signIn(APP, "Host", "globex.localhost");
        assertEquals("RS256", header(globex).get("alg"));
        assertEquals("globex", claims(globex).get("tenant"));
        assertEquals(200, user(APP, globex, "Host", "globex.localhost").status());
        Http.Reply elsewhere = user(APP, globex, "Host", "acme.localhost");
        assertEquals(401, elsewhere.status(), elsewhere::toString);
        assertTrue(elsewhere.error().startsWith("TokenException: "), elsewhere::toString);
    }

    @Test
    @OperateOnDeployment(APP)
    void aTokenIsRefusedByEveryOtherTenantAndWithoutTenant() {
        String acme = signIn(APP, "X-Tenant", "acme");
        for (String[] elsewhere : List.of(new String[] {"X-Tenant", "globex"}, new String[] {"Host", "localhost"})) {
            Http.Reply reply = user(APP, acme, elsewhere);
            assertEquals(401, reply.status(), reply::toString);
            assertTrue(reply.error().startsWith("TokenException: "), reply::toString);
        }
        String global = cookie(Services.signIn(APP, "alice", PASSWORD), "ss-tok");
        Http.Reply globalAtAcme = user(APP, global, "X-Tenant", "acme");
        assertEquals(401, globalAtAcme.status(), "a token of the global settings at a tenant: " + globalAtAcme);
        // even with acme's key: a token claiming globex, signed with acme's key, is refused at globex and at acme
        String forged = DemoTokens.tenant("globex", ACME_KEY).token(TokenUser.of("1", List.of("Admin", "User"), List.of()));
        assertEquals(401, user(APP, forged, "X-Tenant", "globex").status(), "globex does not hold acme's key");
        assertEquals(401, user(APP, forged, "X-Tenant", "acme").status(), "acme does not accept globex's tokens");
    }

    @Test
    @OperateOnDeployment(APP)
    void refreshTokensAndCookiesStayInTheirTenant() {
        Http.Reply signedIn = postJson(Http.https(APP, "/auth/credentials"), signInBody("alice", PASSWORD), "X-Tenant", "acme");
        String refreshToken = cookie(signedIn, "ss-reftok");
        Http.Reply atGlobex = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "globex", "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(400, atGlobex.status(), atGlobex::toString);
        assertEquals("ArgumentException: RefreshToken is Invalid", atGlobex.error());
        Http.Reply transparentAtGlobex = Http.get(Http.https(APP, "/user"), "X-Tenant", "globex", "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(401, transparentAtGlobex.status(), "no transparent refresh across tenants: " + transparentAtGlobex);
        Http.Reply logoutAtGlobex = Services.post(Http.https(APP, "/auth/logout"), "X-Tenant", "globex", "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, logoutAtGlobex.status());
        Http.Reply atAcme = Services.post(Http.https(APP, "/access-token"), "X-Tenant", "acme", "Cookie", "ss-reftok=" + refreshToken);
        assertEquals(200, atAcme.status(), "a logout at another tenant revoked nothing: " + atAcme);
        assertEquals("acme", claims(cookie(atAcme, "ss-tok")).get("tenant"));
    }

    @Test
    @OperateOnDeployment(APP)
    @SuppressWarnings("unchecked")
    void eachTenantPublishesItsPublicKeysAndNoSecret() {
        Http.Reply globex = Http.get(Http.https(APP, "/.well-known/jwks.json"), "X-Tenant", "globex");
        assertEquals(200, globex.status(), globex::toString);
        List<Map<String, Object>> keys = (List<Map<String, Object>>) globex.json().get("keys");
        assertEquals(1, keys.size(), globex::body);
        assertEquals("RSA", keys.get(0).get("kty"));
        assertEquals("RS256", keys.get(0).get("alg"));
        assertEquals(header(signIn(APP, "X-Tenant", "globex")).get("kid"), keys.get(0).get("kid"),
                "the kid of globex's tokens (RFC 7638 thumbprint)");
        Http.Reply acme = Http.get(Http.https(APP, "/.well-known/jwks.json"), "X-Tenant", "acme");
        assertEquals("{\"keys\":[]}", acme.body(), "an HMAC key is a secret: never published");
        assertEquals(400, Http.get(Http.https(APP, "/.well-known/jwks.json"), "X-Tenant", "nope").status());
    }

    @Test
    @OperateOnDeployment(APP)
    void anUnknownTenantIsRefused() {
        Http.Reply user = user(APP, signIn(APP, "X-Tenant", "acme"), "X-Tenant", "nope");
        assertEquals(400, user.status(), user::toString);
        assertEquals("ArgumentException: Unknown tenant", user.error());
        Http.Reply signIn = postJson(Http.https(APP, "/auth/credentials"), signInBody("alice", PASSWORD), "X-Tenant", "nope");
        assertEquals(400, signIn.status(), signIn::toString);
        assertTrue(setCookies(signIn).isEmpty());
        Http.Reply publicPage = Http.get(Http.https(APP, "/public"), "X-Tenant", "nope");
        assertEquals(200, publicPage.status(), "a public page asks for no caller: " + publicPage);
        assertNull(publicPage.json().get("caller"));
    }

    @Test
    @OperateOnDeployment(MORE)
    void aRequiredTenantMustBeNamed() {
        Http.Reply reply = postJson(Http.https(MORE, "/auth/credentials"), signInBody("alice", PASSWORD));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("ArgumentException: A tenant is required", reply.error());
        Http.Reply user = Http.get(Http.https(MORE, "/user"), "Authorization", "Bearer " + signIn(MORE, "X-Tenant", "acme"));
        assertEquals(400, user.status(), user::toString);
    }

    @Test
    @OperateOnDeployment(MORE)
    void rotatingOneTenantsKeyKeepsItsOldTokensAndLeavesTheOthersAlone() {
        String oldAcme = DemoTokens.tenant("acme", ACME_KEY).token(TokenUser.of("2", List.of("User"), List.of()).withUserName("alice"));
        assertEquals(200, user(MORE, oldAcme, "X-Tenant", "acme").status(), "signed with acme's previous key (now jwt.tenant.acme.AuthKeyBase64.1)");
        String newAcme = signIn(MORE, "X-Tenant", "acme");
        assertNotEquals(header(oldAcme).get("kid"), header(newAcme).get("kid"), "new tokens use the new key");
        String globexBefore = signIn(APP, "X-Tenant", "globex");
        assertEquals(200, user(MORE, globexBefore, "X-Tenant", "globex").status(), "globex's tokens are unaffected");
    }

    @Test
    @OperateOnDeployment(MORE)
    void encryptedTokensWorkInCookiesAndHeaders() {
        String encrypted = signIn(MORE, "X-Tenant", "globex");
        assertEquals(5, encrypted.split("\\.", -1).length, "a JWE (RSA-OAEP + A128CBC-HS256): " + encrypted);
        assertEquals("RSA-OAEP", header(encrypted).get("alg"));
        assertEquals(200, user(MORE, encrypted, "X-Tenant", "globex").status());
        Http.Reply cookies = postJson(Http.https(MORE, "/auth/credentials"), signInBody("alice", PASSWORD), "X-Tenant", "globex");
        String ssTok = cookie(cookies, "ss-tok");
        assertEquals(5, ssTok.split("\\.", -1).length);
        Http.Reply byCookie = Http.get(Http.https(MORE, "/user"), "X-Tenant", "globex", "Cookie", "ss-tok=" + ssTok);
        assertEquals(200, byCookie.status(), byCookie::toString);
        Http.Reply tampered = user(MORE, encrypted.substring(0, encrypted.length() - 3) + "AAA", "X-Tenant", "globex");
        assertEquals(401, tampered.status(), tampered::toString);
        assertEquals("TokenException: Token cannot be decrypted", tampered.error());
    }

    @Test
    @OperateOnDeployment(MORE)
    @SuppressWarnings("unchecked")
    void theJwksListsTheCurrentKeyThenTheFallbacks() {
        List<Map<String, Object>> keys = (List<Map<String, Object>>) Http.get(Http.https(MORE, "/.well-known/jwks.json"),
                "X-Tenant", "globex").json().get("keys");
        assertEquals(2, keys.size(), keys::toString);
        // globex's tokens are encrypted for the key pair they are signed with: the JWE header names it too.
        assertEquals(header(signIn(MORE, "X-Tenant", "globex")).get("kid"), keys.get(0).get("kid"), "the current key first");
        assertNotEquals(keys.get(0).get("kid"), keys.get(1).get("kid"));
    }

    @Test
    @OperateOnDeployment(MORE)
    void theAdHocApiUsesTheRequestsTenant() {
        String acme = signIn(MORE, "X-Tenant", "acme");
        assertEquals(Boolean.TRUE, check(acme, "acme").get("valid"));
        assertEquals(Boolean.FALSE, check(acme, "initech").get("valid"), "acme's token is not valid at initech");
    }

    @Test
    @OperateOnDeployment(MORE)
    void aTenantAddedByConfigurationAloneWorks() {
        String initech = signIn(MORE, "X-Tenant", "initech");
        assertEquals("initech", claims(initech).get("tenant"));
        assertEquals(200, user(MORE, initech, "X-Tenant", "initech").status());
    }

    @Test
    @OperateOnDeployment(MORE)
    void aTenantSuppliedByTheApplicationWorks() {
        String dyn = signIn(MORE, "X-Tenant", DynamicTenants.TENANT);
        assertEquals(DynamicTenants.TENANT, claims(dyn).get("tenant"));
        assertEquals(200, user(MORE, dyn, "X-Tenant", DynamicTenants.TENANT).status());
        String forged = DemoTokens.tenant(DynamicTenants.TENANT, ACME_KEY).token(TokenUser.of("1", List.of("User"), List.of()));
        assertEquals(401, user(MORE, forged, "X-Tenant", DynamicTenants.TENANT).status(), "only the supplied key verifies");
        String supplied = DemoTokens.tenant(DynamicTenants.TENANT, DynamicTenants.KEY).token(TokenUser.of("1", List.of("User"), List.of()));
        assertEquals(200, user(MORE, supplied, "X-Tenant", DynamicTenants.TENANT).status(), "the supplied key verifies");
    }

    @Test
    @OperateOnDeployment(MORE)
    void aPathSegmentChoosesTheTenant() {
        String acme = signIn(MORE, "X-Tenant", "acme");
        Http.Reply own = Http.get(Http.https(MORE, "/acme/whoami"), "Authorization", "Bearer " + acme);
        assertEquals(200, own.status(), own::toString);
        assertEquals("alice@acme", own.body());
        Http.Reply other = Http.get(Http.https(MORE, "/globex/whoami"), "Authorization", "Bearer " + acme, "X-Tenant", "acme");
        assertEquals(401, other.status(), "the path wins over the header: " + other);
        assertTrue(other.error().startsWith("TokenException: "), other::toString);
    }

    @Test
    @OperateOnDeployment(MORE)
    void tenantsSharingAKeyStillRefuseEachOthersTokens() {
        String hooli = signIn(MORE, "X-Tenant", "hooli");
        assertEquals(200, user(MORE, hooli, "X-Tenant", "hooli").status());
        Http.Reply elsewhere = user(MORE, hooli, "X-Tenant", "piedpiper");
        assertEquals(401, elsewhere.status(), elsewhere::toString);
        assertEquals("TokenException: Token is for another tenant", elsewhere.error(), "same (global) key, other tenant");
    }

    private static Map<String, Object> check(String token, String tenant) {
        return Http.send(HttpRequest.newBuilder(Http.https(MORE, "/it-adhoc/check"))
                .POST(HttpRequest.BodyPublishers.ofString(token)).header("Content-Type", "text/plain")
                .header("X-Tenant", tenant)).json();
    }

    /** Signs alice in for a tenant chosen by one header; her access token (from the body). */
    private static String signIn(String app, String... tenantHeader) {
        Http.Reply reply = postJson(Http.https(app, "/auth/credentials"), signInBody("alice", PASSWORD, "\"useTokenCookie\":false"), tenantHeader);
        assertEquals(200, reply.status(), () -> "sign-in at " + String.join(" ", tenantHeader) + ": " + reply);
        return (String) reply.json().get("bearerToken");
    }

    private static Http.Reply user(String app, String token, String... tenantHeaders) {
        String[] headers = new String[tenantHeaders.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(tenantHeaders, 0, headers, 2, tenantHeaders.length);
        return Http.get(Http.https(app, "/user"), headers);
    }

    private static Map<String, Object> header(String token) {
        return json(token.split("\\.")[0]);
    }

    private static Map<String, Object> claims(String token) {
        return json(token.split("\\.")[1]);
    }

    private static Map<String, Object> json(String segment) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(segment, e);
        }
    }
}
