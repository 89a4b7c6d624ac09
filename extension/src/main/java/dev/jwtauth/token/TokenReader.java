package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Validates compact JWS tokens against one {@link TokenPolicy}: structure, header, signature, then claims, in that
 * order, so nothing of an unauthenticated payload is interpreted before its signature is checked. Thread-safe and
 * allocation-light: keys and JCA objects were prepared when the policy was built.
 */
public final class TokenReader {
    /** Header parameters that would make us fetch or trust keys named by the token itself, or that we cannot honour. */
    private static final Set<String> REFUSED_HEADERS = Set.of("jku", "jwk", "x5u", "x5c", "crit", "b64", "zip");

    /** The content types of a nested JWT (RFC 7519 §5.2; RFC 7515 §4.1.10 lets "application/" be left out). */
    private static final Set<String> NESTED_JWT = Set.of("jwt", "application/jwt");

    private static final int MAX_REMEMBERED_HEADERS = 64;

    private final TokenPolicy policy;
    private final Clock clock;
    private final Map<String, AcceptedHeader> acceptedHeaders = new ConcurrentHashMap<>();

    public TokenReader(TokenPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public TokenPolicy policy() {
        return policy;
    }

    /**
     * Returns the verified token, or throws with the one reason it is refused.
     */
    public VerifiedToken read(String token) throws TokenException {
        if (token.isEmpty()) {
            throw new TokenException(TokenFailure.MALFORMED, "empty");
        }
        if (token.length() > policy.maxTokenLength()) {
            throw new TokenException(TokenFailure.TOO_LARGE);
        }
        Encryption encryption = policy.encryption();
        if ((encryption.decrypter().isPresent() || encryption.legacy().isPresent()) && JweDecrypter.isJwe(token)) {
            return readEncrypted(token, encryption);
        }
        if (encryption.required()) {
            throw new TokenException(TokenFailure.NOT_ENCRYPTED);
        }
        return readSigned(token);
    }

    /**
     * A JWE: decrypted, then the signed token inside checked like any other (and reported as the token presented).
     * ServiceStack's layout, when accepted, has no signature inside: its claims are checked directly.
     */
    private VerifiedToken readEncrypted(String token, Encryption encryption) throws TokenException {
        if (encryption.legacy().isPresent() && LegacyJweReader.hasLegacyTag(token)) {
            return checkClaims(token, policy.algorithm(), JsonValue.EMPTY_JSON_OBJECT,
                    TokenClaims.of(encryption.legacy().get().read(token)));
        }
        if (encryption.decrypter().isEmpty()) {
            throw new TokenException(TokenFailure.MALFORMED, "not a JWS with 3 parts");
        }
        VerifiedToken inner = readSigned(encryption.decrypter().get().decrypt(token));
        return new VerifiedToken(token, inner.algorithm(), inner.header(), inner.payload(), inner.subject(), inner.roles(),
                inner.permissions(), inner.expiresAt());
    }

    private VerifiedToken readSigned(String token) throws TokenException {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new TokenException(TokenFailure.MALFORMED, "not a JWS with 3 parts");
        }
        // RFC 7515 §2: Base64url without padding. Every other character outside the alphabet is refused by the
        // decoder, which sees every segment (non-Latin-1 characters arrive there as '?').
        if (token.indexOf('=') >= 0) {
            throw new TokenException(TokenFailure.MALFORMED, "not Base64url");
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        AcceptedHeader header = header(token.substring(0, firstDot), ascii);
        byte[] signature = Base64Url.decode(ascii, secondDot + 1, ascii.length, "signature", true);
        checkSignature(header.algorithm(), header.kid(), ascii, secondDot, signature);
        TokenClaims claims;
        try {
            claims = TokenClaims.parse(payload(ascii, firstDot, secondDot), () -> payload(token, firstDot, secondDot));
        } catch (JsonException e) {
            throw new TokenException(TokenFailure.MALFORMED, "payload is not a JSON object");
        }
        return checkClaims(token, header.algorithm(), header.json(), claims);
    }

    /**
     * The checked header of a token. Tokens from one issuer share their header text, and the checks depend on
     * nothing else, so accepted headers are remembered by their text (a few; refused ones never).
     */
    private AcceptedHeader header(String segment, byte[] ascii) throws TokenException {
        AcceptedHeader known = acceptedHeaders.get(segment);
        if (known != null) {
            return known;
        }
        JsonObject json = json(ascii, 0, segment.length(), "header");
        JwsAlgorithm algorithm = checkHeader(json);
        JsonValue kid = json.get("kid");
        // ServiceStack writes a numeric-looking kid as a JSON number.
        String keyId = kid instanceof JsonString text ? text.getString() : kid instanceof JsonNumber number ? number.toString() : null;
        AcceptedHeader accepted = new AcceptedHeader(json, algorithm, keyId);
        if (acceptedHeaders.size() < MAX_REMEMBERED_HEADERS) {
            acceptedHeaders.put(segment, accepted);
        }
        return accepted;
    }

    private record AcceptedHeader(JsonObject json, JwsAlgorithm algorithm, String kid) {
    }

    private JwsAlgorithm checkHeader(JsonObject header) throws TokenException {
        if (!(header.get("alg") instanceof JsonString algValue)) {
            throw new TokenException(TokenFailure.MALFORMED, "no alg");
        }
        String alg = algValue.getString();
        JwsAlgorithm algorithm = JwsAlgorithm.fromHeader(alg)
                .orElseThrow(() -> new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM, alg.length() > 16 ? "" : alg));
        if (!policy.accepts(algorithm)) {
            throw new TokenException(TokenFailure.ALGORITHM_NOT_ALLOWED, alg);
        }
        if (!(header.get("typ") instanceof JsonString typ) || !typ.getString().equalsIgnoreCase("JWT")) {
            throw new TokenException(TokenFailure.INVALID_TYPE);
        }
        for (String name : header.keySet()) {
            if (REFUSED_HEADERS.contains(name)) {
                throw new TokenException(TokenFailure.UNSUPPORTED_HEADER, name);
            }
        }
        // RFC 7519 §5.2: cty JWT says the payload is another JWT, which we do not read; taking it for claims would
        // read the token differently from a library that honours cty (jose4j). A cty that is no string is malformed.
        JsonValue cty = header.get("cty");
        boolean claimsInside = cty == null
                || cty instanceof JsonString type && !NESTED_JWT.contains(type.getString().toLowerCase(Locale.ROOT));
        if (!claimsInside) {
            throw new TokenException(TokenFailure.UNSUPPORTED_HEADER, "cty");
        }
        return algorithm;
    }

    private void checkSignature(JwsAlgorithm algorithm, String keyId, byte[] ascii, int signedLength, byte[] signature)
            throws TokenException {
        Optional<VerificationKey> named = keyId == null ? Optional.empty() : policy.keys().named(keyId, algorithm);
        if (named.isPresent()) {
            if (!named.get().verify(algorithm, ascii, signedLength, signature)) {
                throw new TokenException(TokenFailure.BAD_SIGNATURE);
            }
            return;
        }
        // An unknown kid may come from an issuer that derives kids differently (ServiceStack): try every key.
        boolean anyKey = false;
        for (VerificationKey key : policy.keys().candidates()) {
            if (key.verifies(algorithm)) {
                anyKey = true;
                if (key.verify(algorithm, ascii, signedLength, signature)) {
                    return;
                }
            }
        }
        throw new TokenException(anyKey ? TokenFailure.BAD_SIGNATURE : TokenFailure.UNKNOWN_KEY);
    }

    private VerifiedToken checkClaims(String token, JwsAlgorithm algorithm, JsonObject header, TokenClaims claims)
            throws TokenException {
        long now = clock.millis() / 1000;
        long skew = policy.clockSkew().toSeconds();
        JsonValue expClaim = claims.get("exp");
        if (expClaim == null) {
            throw new TokenException(TokenFailure.MISSING_EXPIRY);
        }
        long exp = numericDate(expClaim, "exp");
        if (now >= exp) {
            throw new TokenException(TokenFailure.EXPIRED);
        }
        JsonValue nbf = claims.get("nbf");
        if (nbf != null && numericDate(nbf, "nbf") > now + skew) {
            throw new TokenException(TokenFailure.NOT_YET_VALID);
        }
        JsonValue iatClaim = claims.get("iat");
        long iat = iatClaim == null ? Long.MIN_VALUE : numericDate(iatClaim, "iat");
        if (iat != Long.MIN_VALUE && iat > now + skew) {
            throw new TokenException(TokenFailure.ISSUED_IN_FUTURE);
        }
        // Expired before it was issued: no issuer makes such a token, and readers that check it (jose4j) refuse it.
        if (iat != Long.MIN_VALUE && exp < iat) {
            throw new TokenException(TokenFailure.INVALID_CLAIM, "exp");
        }
        if (policy.maxTokenAge().isPresent()
                && (iat == Long.MIN_VALUE || now - iat > policy.maxTokenAge().get().toSeconds())) {
            throw new TokenException(TokenFailure.TOO_OLD);
        }
        if (policy.invalidateTokensIssuedBefore().isPresent()
                && iat < policy.invalidateTokensIssuedBefore().get().getEpochSecond()) {
            throw new TokenException(TokenFailure.INVALIDATED);
        }
        JsonValue iss = claims.get("iss");
        if (iss == null && policy.requiresIssuer()) {
            throw new TokenException(TokenFailure.MISSING_ISSUER);
        }
        if (iss != null && !(iss instanceof JsonString issuer && policy.issuer().equals(issuer.getString()))) {
            throw new TokenException(TokenFailure.INVALID_ISSUER);
        }
        checkAudience(claims.get("aud"));
        checkTenant(claims.get(TokenPolicy.TENANT_CLAIM));
        String subject = text(claims.get("sub"), "sub");
        checkTokenId(claims.get("jti"));
        Set<String> roles = new LinkedHashSet<>(strings(claims.get("roles"), "roles"));
        roles.addAll(strings(claims.get("groups"), "groups"));
        List<String> permissions = strings(claims.get("perms"), "perms");
        return new VerifiedToken(token, algorithm, header, claims, subject, roles, permissions, exp);
    }

    /**
     * As in ServiceStack: a token without {@code aud}, or a deployment without audiences, passes unless
     * audiences are required; otherwise one of the token's audiences must be configured.
     */
    private void checkAudience(JsonValue aud) throws TokenException {
        List<String> tokenAudiences = aud instanceof JsonString single ? List.of(single.getString()) : strings(aud, "aud");
        if (tokenAudiences.isEmpty() || policy.audiences().isEmpty()) {
            if (policy.requiresAudience()) {
                throw new TokenException(TokenFailure.INVALID_AUDIENCE, String.join(",", tokenAudiences));
            }
            return;
        }
        for (String audience : tokenAudiences) {
            if (policy.audiences().contains(audience)) {
                return;
            }
        }
        throw new TokenException(TokenFailure.INVALID_AUDIENCE, String.join(",", tokenAudiences));
    }

    /**
     * A token is bound to the tenant that issued it: even two tenants (mis)configured with the same key never
     * accept each other's tokens, and a deployment's global settings accept no tenant's token.
     */
    private void checkTenant(JsonValue tenant) throws TokenException {
        boolean matches = tenant == null ? policy.tenant().isEmpty()
                : tenant instanceof JsonString name && policy.tenant().map(name.getString()::equals).orElse(false);
        if (!matches) {
            throw new TokenException(TokenFailure.WRONG_TENANT);
        }
    }

    /**
     * RFC 7519 §4.1.7: {@code jti} is a string; ServiceStack's is a counter, an integer (read both, as for sub).
     * Anything else is refused, so that the application never sees a {@code jti} that another reader would refuse.
     */
    private static void checkTokenId(JsonValue jti) throws TokenException {
        if (jti != null && !(jti instanceof JsonString) && !(jti instanceof JsonNumber number && number.isIntegral())) {
            throw new TokenException(TokenFailure.INVALID_CLAIM, "jti");
        }
    }

    /** RFC 7519 §2 NumericDate: a JSON number of seconds, fractions allowed; anything else is refused. */
    private static long numericDate(JsonValue value, String claim) throws TokenException {
        if (value instanceof JsonNumber seconds) {
            if (!seconds.isIntegral()) {
                return (long) seconds.doubleValue();
            }
            try {
                return seconds.longValueExact();
            } catch (ArithmeticException e) {
                throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
            }
        }
        throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
    }

    private static String text(JsonValue value, String claim) throws TokenException {
        if (value instanceof JsonString text && !text.getString().isEmpty()) {
            return text.getString();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.toString();
        }
        throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
    }

    private static List<String> strings(JsonValue value, String claim) throws TokenException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue element : array) {
            if (!(element instanceof JsonString text)) {
                throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
            }
            strings.add(text.getString());
        }
        return strings;
    }

    private static String utf8(byte[] ascii, int from, int to, String part) throws TokenException {
        return new String(Base64Url.decode(ascii, from, to, part, false), StandardCharsets.UTF_8);
    }

    private static String payload(byte[] ascii, int firstDot, int secondDot) throws TokenException {
        return utf8(ascii, firstDot + 1, secondDot, "payload");
    }

    /** The payload of a token whose payload was decoded before, so decoding it again cannot fail. */
    private static String payload(String token, int firstDot, int secondDot) {
        try {
            return payload(token.getBytes(StandardCharsets.ISO_8859_1), firstDot, secondDot);
        } catch (TokenException e) {
            throw new IllegalStateException("a verified payload no longer decodes", e);
        }
    }

    private static JsonObject json(byte[] ascii, int from, int to, String part) throws TokenException {
        String text = utf8(ascii, from, to, part);
        try {
            return JsonCodec.parseObject(text);
        } catch (JsonException e) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not a JSON object");
        }
    }

}
