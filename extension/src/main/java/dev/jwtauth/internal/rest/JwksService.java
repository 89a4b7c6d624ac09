package dev.jwtauth.internal.rest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
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
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.VerificationKey;

/**
 * {@code GET /.well-known/jwks.json}: the RSA public keys the request's tenant verifies with — the current one first,
 * then the fallbacks — as an RFC 7517 JWK Set, so reader-only services (ours, or e.g. Liberty's {@code mpJwt}) can
 * follow key rotation. Each {@code kid} is the key's RFC 7638 thumbprint, or the configured {@code jwt.KeyId}. HMAC
 * keys are secrets and never appear.
 */
@ApplicationScoped
public class JwksService {
    private static final String JWK_SET = "application/jwk-set+json";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    ServiceContext context;

    @Inject
    TenantEngines tenantEngines;

    Response keys(HttpServletRequest request) {
        JwtEngine engine = context.tenantEngine(request);
        String algorithm = engine.settings().tokens().algorithm().isHmac() ? "RS256" : engine.settings().tokens().algorithm().name();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (VerificationKey key : engine.settings().tokens().keys().verificationKeys()) {
            if (key instanceof RsaVerificationKey rsa) {
                Map<String, Object> jwk = new LinkedHashMap<>();
                jwk.put("kty", "RSA");
                jwk.put("kid", rsa.kid());
                jwk.put("use", "sig");
                jwk.put("alg", algorithm);
                jwk.put("n", unsigned(rsa.publicKey().getModulus()));
                jwk.put("e", unsigned(rsa.publicKey().getPublicExponent()));
                keys.add(jwk);
            }
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

    /** RFC 7518 §6.3.1: Base64url of the unsigned big-endian bytes, without a leading zero. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return BASE64URL.encodeToString(bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
