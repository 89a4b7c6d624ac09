package dev.jwtauth.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import dev.jwtauth.internal.config.JwtEngine;
import dev.jwtauth.internal.security.TenantEngines;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.Jwks;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.VerificationKey;

/**
 * {@code GET /.well-known/jwks.json}: the RSA and EC (P-256) public keys the request's tenant verifies with — the
 * current one first, then the fallbacks — as an RFC 7517 JWK Set ({@link Jwks#publicJwk}), so reader-only services
 * (ours, or e.g. Liberty's {@code mpJwt}) can follow key rotation. Each {@code kid} is the key's RFC 7638 thumbprint,
 * or the configured {@code jwt.KeyId}. HMAC keys are secrets and never appear.
 */
@ApplicationScoped
public class JwksService {
    private static final String JWK_SET = "application/jwk-set+json";

    @Inject
    ServiceContext context;

    @Inject
    TenantEngines tenantEngines;

    Response keys(HttpServletRequest request) {
        JwtEngine engine = context.tenantEngine(request);
        JwsAlgorithm algorithm = engine.settings().tokens().algorithm();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (VerificationKey key : engine.settings().tokens().keys().verificationKeys()) {
            Jwks.publicJwk(key, algorithm).ifPresent(keys::add);
        }
        // Readers cache the set; an hour lets a rotation (new key published before use) reach them in time. The set
        // is the tenant's: a shared cache keys it on the tenant header too, or keeps it to one client when the
        // application's resolver decides (it may read anything).
        Optional<List<String>> vary = tenantEngines.tenantVaryHeaders();
        Response.ResponseBuilder answer = Response.ok(JsonCodec.write(Map.of("keys", keys)), type(request))
                .header("Cache-Control", vary.isPresent() ? "public, max-age=3600" : "private, max-age=3600");
        vary.filter(headers -> !headers.isEmpty()).ifPresent(headers -> answer.header("Vary", String.join(", ", headers)));
        return answer.build();
    }

    /** RFC 7517's own type, unless the client asks for plain JSON and not for it. */
    private static String type(HttpServletRequest request) {
        String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("application/json") && !accept.contains(JWK_SET) ? "application/json" : JWK_SET;
    }
}
