package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issues access tokens with ServiceStack's layout: header {@code typ, alg, kid},
 * payload {@code iss, sub, iat, exp, aud, email, given_name, family_name, name, preferred_username, picture, roles,
 * perms, [upn, groups,] tenant, jti} in that order, absent values omitted. Deliberate differences: {@code sub} is always
 * a string, {@code jti} is random rather than a guessable counter, {@code kid} reveals no key material.
 */
public final class TokenWriter {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final TokenPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final SigningKey signingKey;

    public TokenWriter(TokenPolicy policy, Clock clock, SecureRandom random) {
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.signingKey = policy.keys().signingKey().orElseThrow(() -> new IllegalStateException(
                "the policy has no signing key: it can only read tokens"));
    }

    /** The header of a new access token, before any customisation. */
    public Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", policy.algorithm().name());
        header.put("kid", signingKey.kid());
        return header;
    }

    /** The payload of a new access token for {@code user}, before any customisation. */
    public Map<String, Object> payload(TokenUser user) {
        long now = clock.millis() / 1000;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", policy.issuer());
        payload.put("sub", user.id());
        payload.put("iat", now);
        payload.put("exp", now + policy.expireTokensIn().toSeconds());
        if (policy.audiences().size() == 1) {
            payload.put("aud", policy.audiences().get(0));
        } else if (!policy.audiences().isEmpty()) {
            payload.put("aud", policy.audiences());
        }
        Profile profile = user.profile();
        profile.email().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("email", v));
        profile.firstName().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("given_name", v));
        profile.lastName().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("family_name", v));
        profile.displayName().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("name", v));
        user.userName().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("preferred_username", v));
        profile.profileUrl().filter(v -> !v.isEmpty()).ifPresent(v -> payload.put("picture", v));
        if (!user.roles().isEmpty()) {
            payload.put("roles", user.roles());
        }
        if (!user.permissions().isEmpty()) {
            payload.put("perms", user.permissions());
        }
        if (policy.mpJwtClaims()) {
            // MP-JWT 2.1 §4.1: the caller's name and groups, for readers that know no ServiceStack claims.
            payload.put("upn", user.userName().filter(v -> !v.isEmpty()).orElse(user.id()));
            payload.put("groups", user.roles());
        }
        policy.tenant().ifPresent(tenant -> payload.put(TokenPolicy.TENANT_CLAIM, tenant));
        payload.put("jti", newTokenId());
        return payload;
    }

    /** A signed access token for {@code user}. */
    public String create(TokenUser user) {
        return sign(header(), payload(user));
    }

    /** Signs the given header and payload with the configured algorithm and signing key (and encrypts, if configured). */
    public String sign(Map<String, ?> header, Map<String, ?> payload) {
        String signingInput = BASE64URL.encodeToString(JsonCodec.write(header).getBytes(StandardCharsets.UTF_8))
                + '.' + BASE64URL.encodeToString(JsonCodec.write(payload).getBytes(StandardCharsets.UTF_8));
        byte[] signature = signingKey.sign(policy.algorithm(), signingInput.getBytes(StandardCharsets.US_ASCII));
        String signed = signingInput + '.' + BASE64URL.encodeToString(signature);
        // Sign, then encrypt: the public key that encrypts must never be enough to make a token.
        return policy.encryption().encrypter().map(encrypter -> encrypter.encrypt(signed)).orElse(signed);
    }

    private String newTokenId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return BASE64URL.encodeToString(id);
    }
}
