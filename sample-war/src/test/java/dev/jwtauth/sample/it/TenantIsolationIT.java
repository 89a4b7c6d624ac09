package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.Services.cookie;
import static dev.jwtauth.sample.it.Services.setCookies;
import static dev.jwtauth.sample.it.Services.signInBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation, credential by credential: each is issued at one tenant and presented at that tenant, at the
 * other one and with no tenant (the global settings), for each built-in resolver. It is accepted at its own tenant
 * only; a refresh token's family rotates there only, and a logout there ends the family everywhere.
 * <p>
 * One deployment: the sample's acme (HS256) and globex (RS256, here with encrypted tokens: JWE), plus hooli and
 * piedpiper, which have no keys of their own (the global key signs for them and for requests without a tenant);
 * tenants resolved by {@code path,header,host}, no tenant required. The token services' routes have no tenant
 * segment, so with the path resolver they are reached by header; the path resolver is tested on the application's
 * resources ({@code /<tenant>/whoami}: tokens, transparent refresh, sessions).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantIsolationIT {
    private static final String APP = "tenant-isolation";
    private static final String USER = "alice";
    private static final String PASSWORD = "jwtauth-demo";
    /** A first path segment that names no tenant. */
    private static final String NO_TENANT_SEGMENT = "app";
    private static final String INVALID = "ArgumentException: RefreshToken is Invalid";
    private static final String INVALIDATED = "TokenException: Token has been invalidated";
    private static final String NOT_AUTHENTICATED = "Unauthorized: Not Authenticated";
    /** Sign-ins whose credentials no test consumes, made once per tenant and kind. */
    private static final Map<String, Http.Reply> SIGN_INS = new ConcurrentHashMap<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = SampleArchive.asBuilt(APP);
        String config = SampleArchive.config(war);
        assertTrue(config.contains("jwt.TenantResolver=header,host\n"), "the sample's resolvers changed: " + config);
        return SampleArchive.withConfig(APP, config.replace("jwt.TenantResolver=header,host\n", "jwt.TenantResolver=path,header,host\n")
                + "\njwt.tenant.globex.EncryptPayload=true\n"
                + "# two tenants without keys of their own: both use the global key\n"
                + "jwt.tenant.hooli.ExpireTokensIn=PT1H\njwt.tenant.piedpiper.ExpireTokensIn=PT2H\n").addClass(TenantWhoAmI.class);
    }

    /** acme and globex have keys of their own; hooli and piedpiper have none: they sign with the global key. */
    enum Tenant {
        ACME, GLOBEX, HOOLI, PIEDPIPER;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tenant a credential is taken to: for a keyless one, another that verifies its signatures too. */
        Tenant other() {
            return switch (this) {
                case ACME -> GLOBEX;
                case GLOBEX -> ACME;
                case HOOLI -> PIEDPIPER;
                case PIEDPIPER -> HOOLI;
            };
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** Where a credential is presented, relative to the tenant that issued it. */
    enum Place {
        OWN("at its own tenant"), OTHER("at the other tenant"), NONE("with no tenant");

        private final String text;

        Place(String text) {
            this.text = text;
        }

        Optional<Tenant> of(Tenant issuer) {
            return switch (this) {
                case OWN -> Optional.of(issuer);
                case OTHER -> Optional.of(issuer.other());
                case NONE -> Optional.empty();
            };
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** How a request names its tenant: {@code X-Tenant}, the host {@code <tenant>.localhost}, or {@code /<tenant>/…}. */
    enum Resolver {
        HEADER, HOST, PATH;

        /** {@code GET /<segment>/whoami}: {@code <caller>@<the token's tenant claim>}, for role User only. */
        Http.Reply whoAmI(Optional<Tenant> tenant, String... credentials) {
            String segment = this == PATH ? tenant.map(Tenant::id).orElse(NO_TENANT_SEGMENT) : NO_TENANT_SEGMENT;
            return Http.get(Http.https(APP, "/" + segment + "/whoami"), concat(tenantHeaders(tenant), credentials));
        }

        /** {@code POST} to a token service at {@code tenant}; {@code json} empty for no body. */
        Http.Reply service(String path, Optional<String> json, Optional<Tenant> tenant, String... credentials) {
            String[] headers = concat(forServices().tenantHeaders(tenant), credentials);
            return json.isPresent() ? Services.postJson(Http.https(APP, path), json.get(), headers)
                    : Services.post(Http.https(APP, path), headers);
        }

        /** The resolver that names a tenant to the token services, whose routes have no tenant segment. */
        Resolver forServices() {
            return this == PATH ? HEADER : this;
        }

        /** The ways this resolver reaches a refresh token's redemption. */
        List<Via> redemptions() {
            return this == PATH ? List.of(Via.TRANSPARENT) : List.of(Via.COOKIE, Via.TRANSPARENT, Via.BODY);
        }

        private String[] tenantHeaders(Optional<Tenant> tenant) {
            return switch (this) {
                case HEADER -> tenant.map(t -> new String[] {"X-Tenant", t.id()}).orElse(new String[0]);
                case HOST -> tenant.map(t -> new String[] {"Host", t.id() + ".localhost"}).orElse(new String[0]);
                case PATH -> new String[0];
            };
        }

        @Override
        public String toString() {
            return "by " + name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a sign-in asks for. */
    enum SignIn {
        BEARER("\"useTokenCookie\":false"), COOKIE("\"useTokenCookie\":true"), SESSION("\"meta\":{\"ignore\":\"jwt\"}");

        private final String json;

        SignIn(String json) {
            this.json = json;
        }
    }

    /** Where an access token travels. */
    enum Carrier {
        HEADER("Authorization header"), COOKIE("ss-tok cookie");

        private final String text;

        Carrier(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** How a refresh token is redeemed: {@code /access-token} (body: not rotated; cookie: rotated), or transparently. */
    enum Via {
        BODY("POST /access-token, body"), COOKIE("POST /access-token, ss-reftok cookie"),
        TRANSPARENT("transparent refresh of GET whoami, ss-reftok cookie");

        private final String text;

        Via(String text) {
            this.text = text;
        }

        Http.Reply redeem(Resolver resolver, Optional<Tenant> tenant, String refreshToken) {
            return switch (this) {
                case BODY -> resolver.service("/access-token", Optional.of("{\"refreshToken\":\"" + refreshToken + "\"}"), tenant);
                case COOKIE -> resolver.service("/access-token", Optional.empty(), tenant, "Cookie", "ss-reftok=" + refreshToken);
                case TRANSPARENT -> resolver.whoAmI(tenant, "Cookie", "ss-reftok=" + refreshToken);
            };
        }

        /** A logout carrying the refresh token the way this redemption does (transparent refresh: the cookie). */
        Http.Reply logout(Resolver resolver, Optional<Tenant> tenant, String refreshToken) {
            return this == BODY
                    ? resolver.service("/auth/logout", Optional.of("{\"refreshToken\":\"" + refreshToken + "\"}"), tenant)
                    : resolver.service("/auth/logout", Optional.empty(), tenant, "Cookie", "ss-reftok=" + refreshToken);
        }

        /** Asserts the redemption at {@code own} served alice there; the refresh token to use next. */
        String assertAccepted(Http.Reply reply, Resolver resolver, Tenant own, String refreshToken, String what) {
            assertEquals(200, reply.status(), () -> what + ": refused at its own tenant: " + reply);
            String accessToken = switch (this) {
                case BODY -> (String) reply.json().get("accessToken");
                case COOKIE, TRANSPARENT -> cookie(reply, "ss-tok");
            };
            String[] credential = this == BODY ? new String[] {"Authorization", "Bearer " + accessToken}
                    : new String[] {"Cookie", "ss-tok=" + accessToken};
            Http.Reply served = this == TRANSPARENT ? reply : resolver.whoAmI(Optional.of(own), credential);
            assertEquals(USER + "@" + own, served.body(), () -> what + ": its access token is " + own + "'s: " + served);
            if (this == BODY) {
                assertTrue(setCookies(reply).isEmpty(), () -> what + ": a body refresh token is not rotated: " + reply);
                return refreshToken;
            }
            String successor = cookie(reply, "ss-reftok");
            assertNotEquals(refreshToken, successor, () -> what + ": a cookie refresh token is rotated");
            return successor;
        }

        /** Asserts the redemption was refused, as documented, with no credential issued. */
        void assertRefused(Http.Reply reply, boolean revoked, String what) {
            if (this == TRANSPARENT) {
                assertError(reply, 401, NOT_AUTHENTICATED, what);
            } else if (revoked) {
                assertError(reply, 401, INVALIDATED, what);
            } else {
                assertError(reply, 400, INVALID, what);
            }
            assertIssuesNothing(reply, what);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The redemptions of one sign-in's refresh token at its own tenant, then a logout there with one of its tokens. */
    record Plan(List<Via> redemptions, int logoutWith, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    static Stream<Arguments> accessTokens() {
        return combine(List.of(Resolver.values()), List.of(Tenant.ACME, Tenant.GLOBEX, Tenant.HOOLI), List.of(Carrier.values()),
                List.of(Place.values()));
    }

    /**
     * A token of acme (JWS), globex (JWE) or hooli (signed with the global key, like piedpiper's and the global
     * settings' own), in the header or the cookie, at each tenant: only its own serves it.
     */
    @ParameterizedTest(name = "{0}: {1}''s access token in the {2} {3}")
    @MethodSource("accessTokens")
    void anAccessTokenIsAcceptedOnlyAtItsOwnTenant(Resolver resolver, Tenant issuer, Carrier carrier, Place place) {
        String[] credential = carrier == Carrier.HEADER
                ? new String[] {"Authorization", "Bearer " + signedIn(issuer, SignIn.BEARER).json().get("bearerToken")}
                : new String[] {"Cookie", "ss-tok=" + cookie(signedIn(issuer, SignIn.COOKIE), "ss-tok")};
        Http.Reply reply = resolver.whoAmI(place.of(issuer), credential);
        String what = issuer + "'s access token in the " + carrier + " " + place + " (" + resolver + ")";
        if (place == Place.OWN) {
            assertEquals(USER + "@" + issuer, reply.body(), () -> what + ": " + reply);
        } else {
            assertEquals(401, reply.status(), () -> what + ": " + reply);
            assertEquals("TokenException", errorCode(reply), () -> what + ": " + reply);
            assertTrue(String.join(" ", reply.header("WWW-Authenticate")).contains("error=\"invalid_token\""), () -> what + ": " + reply);
            assertIssuesNothing(reply, what);
        }
    }

    /**
     * Per resolver: two rotations in a row then a logout with the latest token, three then a logout with the first
     * successor (tokens before and after it), and (where the services are reached) a body refresh token, which is
     * not rotated. The plans alternate between acme and globex.
     */
    static Stream<Arguments> families() {
        List<Arguments> arguments = new ArrayList<>();
        for (Resolver resolver : Resolver.values()) {
            // /access-token where the resolver reaches the services; transparent refresh everywhere
            Via service = resolver == Resolver.PATH ? Via.TRANSPARENT : Via.COOKIE;
            arguments.add(Arguments.of(resolver, Tenant.ACME, new Plan(List.of(service, Via.TRANSPARENT), 2,
                    "2 rotations (" + service + "; transparent), logout with the latest")));
            arguments.add(Arguments.of(resolver, Tenant.GLOBEX, new Plan(List.of(Via.TRANSPARENT, service, Via.TRANSPARENT), 1,
                    "3 rotations (transparent; " + service + "; transparent), logout with the first successor")));
            if (resolver != Resolver.PATH) {
                arguments.add(Arguments.of(resolver, Tenant.ACME, new Plan(List.of(Via.BODY, Via.BODY), 0,
                        "2 redemptions from the body (not rotated), logout with it")));
            }
        }
        return arguments.stream();
    }

    /**
     * One sign-in's refresh tokens, the first and each successor: before it is redeemed, each is refused at the other
     * tenant and with no tenant, by every way of redeeming it, and a logout there revokes nothing; at its own tenant it
     * is redeemed (a cookie's is rotated). Then a logout at its own tenant with one of them ends the whole family: every
     * token, earlier and later, is refused at every tenant and with none.
     */
    @ParameterizedTest(name = "{0}: {1}''s refresh token, {2}")
    @MethodSource("families")
    void aRefreshTokenFamilyLivesOnlyAtItsTenantAndALogoutThereEndsItEverywhere(Resolver resolver, Tenant issuer, Plan plan) {
        boolean body = plan.redemptions().get(0) == Via.BODY;
        Via logoutBy = body ? Via.BODY : Via.COOKIE;
        Http.Reply signedIn = signIn(resolver, issuer, (body ? SignIn.BEARER : SignIn.COOKIE).json);
        List<String> family = new ArrayList<>(List.of(body ? (String) signedIn.json().get("refreshToken") : cookie(signedIn, "ss-reftok")));
        String token = family.get(0);
        assertRefusedElsewhere(resolver, issuer, token, issuer + "'s refresh token (" + resolver + ")");
        for (int step = 0; step < plan.redemptions().size(); step++) {
            String what = issuer + "'s refresh token after " + step + " redemption(s) (" + resolver + ")";
            for (Place elsewhere : List.of(Place.OTHER, Place.NONE)) {
                Http.Reply logout = logoutBy.logout(resolver, elsewhere.of(issuer), token);
                assertEquals(200, logout.status(), () -> what + ": logout " + elsewhere + ": " + logout);
            }
            Via via = plan.redemptions().get(step);
            String redeemed = what + ", redeemed by " + via + " at its own tenant after logouts elsewhere";
            String next = via.assertAccepted(via.redeem(resolver, Optional.of(issuer), token), resolver, issuer, token, redeemed);
            if (!next.equals(token)) {
                family.add(next);
                assertRefusedElsewhere(resolver, issuer, next, issuer + "'s refresh token after " + (step + 1) + " rotation(s) ("
                        + resolver + ")");
            }
            token = next;
        }

        String logoutToken = family.get(plan.logoutWith());
        Http.Reply logout = logoutBy.logout(resolver, Optional.of(issuer), logoutToken);
        assertEquals(200, logout.status(), logout::toString);
        assertEquals("{}", logout.body());
        // At its tenant every way of redeeming shows the revocation; elsewhere each token was refused every way already.
        for (int index = 0; index < family.size(); index++) {
            for (Place place : Place.values()) {
                for (Via via : place == Place.OWN ? resolver.redemptions() : resolver.redemptions().subList(0, 1)) {
                    String what = issuer + "'s refresh token #" + index + " of " + family.size() + " after a logout at " + issuer
                            + " with #" + plan.logoutWith() + ", by " + via + " " + place + " (" + resolver + ")";
                    via.assertRefused(via.redeem(resolver, place.of(issuer), family.get(index)), place == Place.OWN, what);
                }
            }
        }
    }

    static Stream<Arguments> sessions() {
        return combine(List.of(Resolver.values()), List.of(Tenant.ACME, Tenant.GLOBEX), List.of(Place.values()));
    }

    /** A sign-in kept in the HTTP session ({@code meta.ignore=jwt}) counts for the tenant it was made at, only. */
    @ParameterizedTest(name = "{0}: a session signed in at {1}, {2}")
    @MethodSource("sessions")
    void aSessionSignInCountsOnlyAtItsOwnTenant(Resolver resolver, Tenant issuer, Place place) {
        String session = "JSESSIONID=" + cookie(signedIn(issuer, SignIn.SESSION), "JSESSIONID");
        Http.Reply reply = resolver.whoAmI(place.of(issuer), "Cookie", session);
        String what = "a session signed in at " + issuer + ", " + place + " (" + resolver + ")";
        if (place == Place.OWN) {
            assertEquals(USER + "@" + issuer, reply.body(), () -> what + ": " + reply);
        } else {
            assertError(reply, 401, NOT_AUTHENTICATED, what);
            assertIssuesNothing(reply, what);
        }
    }

    static Stream<Arguments> conversions() {
        return combine(List.of(Resolver.HEADER, Resolver.HOST), List.of(Tenant.ACME, Tenant.GLOBEX));
    }

    /**
     * {@code /session-to-token} turns a session into tokens at the session's tenant only, after the session was used
     * there: elsewhere it is not a caller. The refresh token it issues is its tenant's.
     */
    @ParameterizedTest(name = "{0}: a session signed in at {1}")
    @MethodSource("conversions")
    void aSessionBecomesTokensOnlyAtItsOwnTenant(Resolver resolver, Tenant issuer) {
        String session = "JSESSIONID=" + cookie(signIn(resolver, issuer, SignIn.SESSION.json), "JSESSIONID");
        assertEquals(USER + "@" + issuer, resolver.whoAmI(Optional.of(issuer), "Cookie", session).body(), "the session works at its tenant");
        for (Place elsewhere : List.of(Place.OTHER, Place.NONE)) {
            String what = "session-to-token of a session signed in at " + issuer + ", " + elsewhere + " (" + resolver + ")";
            Http.Reply refused = resolver.service("/session-to-token", Optional.empty(), elsewhere.of(issuer), "Cookie", session);
            assertError(refused, 401, NOT_AUTHENTICATED, what);
            assertIssuesNothing(refused, what);
        }
        Http.Reply converted = resolver.service("/session-to-token", Optional.empty(), Optional.of(issuer), "Cookie", session);
        assertEquals(200, converted.status(), () -> "session-to-token at its own tenant, after refusals elsewhere: " + converted);
        Http.Reply byToken = resolver.whoAmI(Optional.of(issuer), "Cookie", "ss-tok=" + cookie(converted, "ss-tok"));
        assertEquals(USER + "@" + issuer, byToken.body(), () -> "the converted ss-tok: " + byToken);
        String refreshToken = cookie(converted, "ss-reftok");
        String what = "the refresh token of a session converted at " + issuer + " (" + resolver + ")";
        assertRefusedElsewhere(resolver, issuer, refreshToken, what);
        Via.COOKIE.assertAccepted(Via.COOKIE.redeem(resolver, Optional.of(issuer), refreshToken), resolver, issuer, refreshToken, what);
    }

    /** A live refresh token is refused at the other tenant and with none, by every way the resolver redeems it. */
    private static void assertRefusedElsewhere(Resolver resolver, Tenant issuer, String refreshToken, String what) {
        for (Place elsewhere : List.of(Place.OTHER, Place.NONE)) {
            for (Via via : resolver.redemptions()) {
                via.assertRefused(via.redeem(resolver, elsewhere.of(issuer), refreshToken), false, what + ", by " + via + " " + elsewhere);
            }
        }
    }

    private static void assertError(Http.Reply reply, int status, String error, String what) {
        assertEquals(status, reply.status(), () -> what + ": " + reply);
        assertEquals(error, reply.error(), () -> what + ": " + reply);
    }

    /** No fresh token cookie (a refused one may be deleted: set empty). */
    private static void assertIssuesNothing(Http.Reply reply, String what) {
        setCookies(reply).values().stream().filter(c -> c.name().startsWith("ss-"))
                .forEach(c -> assertEquals("", c.value(), () -> what + ": issued " + c.name() + ": " + reply));
    }

    private static String errorCode(Http.Reply reply) {
        return reply.error().substring(0, reply.error().indexOf(':'));
    }

    /** Alice signed in at {@code tenant} (through the resolver, or for the path resolver by header); asserts 200. */
    private static Http.Reply signIn(Resolver resolver, Tenant tenant, String... extraJson) {
        Http.Reply reply = resolver.service("/auth/credentials", Optional.of(signInBody(USER, PASSWORD, extraJson)), Optional.of(tenant));
        assertEquals(200, reply.status(), () -> "sign-in at " + tenant + " (" + resolver + "): " + reply);
        return reply;
    }

    /**
     * A sign-in by header whose credentials are only presented, never revoked or converted: shared by the tests (the
     * family tests sign in through their own resolver).
     */
    private static Http.Reply signedIn(Tenant tenant, SignIn kind) {
        return SIGN_INS.computeIfAbsent(tenant + " " + kind, key -> signIn(Resolver.HEADER, tenant, kind.json));
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Every combination of the given values, in order. */
    private static Stream<Arguments> combine(List<?>... dimensions) {
        Stream<List<Object>> rows = Stream.of(List.of());
        for (List<?> dimension : dimensions) {
            rows = rows.flatMap(row -> dimension.stream().map(value -> {
                List<Object> longer = new ArrayList<>(row);
                longer.add(value);
                return longer;
            }));
        }
        return rows.map(row -> Arguments.of(row.toArray()));
    }
}
