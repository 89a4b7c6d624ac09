package dev.jwtauth.internal.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import dev.jwtauth.internal.config.JwtSettingsReader;
import dev.jwtauth.internal.config.TokenServices;

/**
 * jwtauth's part of the application's OpenAPI document (mpOpenAPI): the two ways a caller presents its token —
 * {@value #BEARER} (HTTP bearer, a JWT) and {@value #COOKIE} (the {@code ss-tok} cookie) — and the token services,
 * which are a servlet's routes that the annotation scan cannot see (docs/http.md, "Token services"; the services
 * switched off are left out, as they have no route). The application's own paths and annotations are merged over it.
 * <p>
 * Named as {@code mp.openapi.model.reader} by {@link OpenApiConfigSource} at the lowest ordinal, so an application
 * with a reader of its own keeps it (and loses this part). Loaded only by mpOpenAPI, which alone sees its API.
 */
public class TokenServicesModel implements OASModelReader {
    static final String BEARER = "bearerAuth";
    static final String COOKIE = "cookieAuth";
    private static final String TAG = "jwtauth";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    public OpenAPI buildModel() {
        TokenServices services = JwtSettingsReader.services(ConfigProvider.getConfig());
        OpenAPI model = OASFactory.createOpenAPI()
                .components(OASFactory.createComponents()
                        .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token in the Authorization header: Bearer <token>"))
                        .addSecurityScheme(COOKIE, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("ss-tok")
                                .description("The access token in the ss-tok cookie that a sign-in sets (HttpOnly)")))
                .addTag(OASFactory.createTag().name(TAG).description("jwtauth's token services (docs/http.md)"));
        Paths paths = OASFactory.createPaths();
        model.paths(paths);
        paths.addPathItem("/auth/credentials", OASFactory.createPathItem().POST(operation("Sign in with a user name and password",
                "A cookie-mode sign-in (the default) sets the ss-tok and ss-reftok cookies; with useTokenCookie=false "
                        + "the tokens are in bearerToken and refreshToken",
                signInBody(), "The user signed in (AuthenticateResponse)", 400, 401, 403, 429)));
        paths.addPathItem("/auth", OASFactory.createPathItem()
                .GET(operation("Who am I", "The caller's AuthenticateResponse; no new token", null, "The caller", 401))
                .POST(operation("Sign in (with provider), or who am I", "With provider=credentials, userName and "
                        + "password: a sign-in as /auth/credentials; without: who am I", signInBody(),
                        "The user signed in, or the caller", 400, 401, 403, 429)));
        paths.addPathItem("/auth/logout", OASFactory.createPathItem()
                .GET(operation("Sign out", "Revokes the request's refresh token, deletes both cookies, ends the session; "
                        + "everywhere=true first revokes every refresh token of the caller", null, "Signed out ({})", 401))
                .POST(operation("Sign out", "As GET; refreshToken and everywhere may be in the body", body(Map.of(
                        "refreshToken", string("The refresh token to revoke, else the ss-reftok cookie's"),
                        "everywhere", flag("Revoke every refresh token of the caller first"))),
                        "Signed out ({})", 401)));
        if (services.accessToken()) {
            paths.addPathItem("/access-token", OASFactory.createPathItem().POST(operation("A new access token from a refresh token",
                    "The refresh token in the body, or the ss-reftok cookie (rotated when it came in the cookie)",
                    body(Map.of("refreshToken", string("A refresh token of a sign-in"))),
                    "A new access token (accessToken, and the ss-tok cookie)", 400, 401, 403)));
        }
        if (services.convertSessionToToken()) {
            paths.addPathItem("/session-to-token", OASFactory.createPathItem().POST(operation("Convert the session into tokens",
                    "The caller of the HTTP session (or of a token) gets the ss-tok and ss-reftok cookies; the session "
                            + "ends unless preserveSession=true",
                    body(Map.of("preserveSession", flag("Keep the HTTP session"))),
                    "The cookies are set", 401, 403)));
        }
        paths.addPathItem("/.well-known/jwks.json", OASFactory.createPathItem().GET(operation("The RSA public keys",
                "The request's tenant's RSA public keys as a JWK Set (RFC 7517), current first; never HMAC keys",
                null, "A JWK Set")));
        return model;
    }

    private static Operation operation(String summary, String description, RequestBody body, String ok,
                                       int... refusals) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description(ok));
        for (int status : refusals) {
            responses.addAPIResponse(Integer.toString(status), OASFactory.createAPIResponse()
                    .description("Refused: {\"responseStatus\":{\"errorCode\",\"message\",\"errors\"}} (docs/http.md)"));
        }
        return OASFactory.createOperation().summary(summary).description(description).tags(List.of(TAG))
                .requestBody(body).responses(responses);
    }

    private static RequestBody signInBody() {
        return body(Map.of(
                "provider", string("credentials (the default of /auth/credentials)"),
                "userName", string("The user name or e-mail address"),
                "password", string("The password").format("password"),
                "useTokenCookie", flag("false: the tokens in the body instead of cookies")));
    }

    /** A JSON or form body with these fields (names in any case). */
    private static RequestBody body(Map<String, Schema> fields) {
        Schema schema = OASFactory.createSchema().properties(fields);
        Content content = OASFactory.createContent()
                .addMediaType(JSON, OASFactory.createMediaType().schema(schema))
                .addMediaType(FORM, OASFactory.createMediaType().schema(schema));
        return OASFactory.createRequestBody().content(content);
    }

    /*
     * No schema says its type: MicroProfile OpenAPI 4.0 made Schema's type a list (OpenAPI 3.1), and neither way of
     * setting it exists in both 3.x (microProfile-6.1's mpOpenAPI-3.1) and 4.x. The descriptions say it.
     */
    private static Schema string(String description) {
        return OASFactory.createSchema().description("A string: " + description);
    }

    private static Schema flag(String description) {
        return OASFactory.createSchema().description("true or false: " + description);
    }
}
