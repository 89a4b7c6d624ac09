package dev.jwtauth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Validates compact JWS tokens against one {@link TokenPolicy}: structure, header, signature, then claims, in that
 * order, so nothing of an unauthenticated payload is interpreted before its signature is checked. Thread-safe and
 * allocation-light: keys and JCA objects were prepared when the policy was built.
 */
public final class TokenReader {
    /** Header parameters that would make us fetch or trust keys named by the token itself, or that we cannot honour. */
    private static final Set<String> REFUSED_HEADERS = Set.of("jku", "jwk", "x5u", "x5c", "crit", "b64", "zip");

    private final TokenPolicy policy;
    private final Clock clock;

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
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    throw new TokenException(TokenFailure.MALFORMED, "not a JWS with 3 parts");
                }
            } else if (!isBase64Url(c)) {
                // Also refuses padding, whitespace and the standard alphabet's '+' and '/' (RFC 7515 §2).
                throw new TokenException(TokenFailure.MALFORMED, "not Base64url");
            }
        }
        if (secondDot < 0) {
            throw new TokenException(TokenFailure.MALFORMED, "not a JWS with 3 parts");
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> header = json(ascii, 0, firstDot, "header");
        JwsAlgorithm algorithm = checkHeader(header);
        byte[] signature = decode(ascii, secondDot + 1, ascii.length, "signature");
        checkSignature(algorithm, header.get("kid"), ascii, secondDot, signature);
        Map<String, Object> claims = json(ascii, firstDot + 1, secondDot, "payload");
        return checkClaims(token, algorithm, header, claims);
    }

    private JwsAlgorithm checkHeader(Map<String, Object> header) throws TokenException {
        if (!(header.get("alg") instanceof String alg)) {
            throw new TokenException(TokenFailure.MALFORMED, "no alg");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.fromHeader(alg)
                .orElseThrow(() -> new TokenException(TokenFailure.UNSUPPORTED_ALGORITHM, alg.length() > 16 ? "" : alg));
        if (!policy.accepts(algorithm)) {
            throw new TokenException(TokenFailure.ALGORITHM_NOT_ALLOWED, alg);
        }
        if (!(header.get("typ") instanceof String typ) || !typ.equalsIgnoreCase("JWT")) {
            throw new TokenException(TokenFailure.INVALID_TYPE);
        }
        for (String name : header.keySet()) {
            if (REFUSED_HEADERS.contains(name)) {
                throw new TokenException(TokenFailure.UNSUPPORTED_HEADER, name);
            }
        }
        return algorithm;
    }

    private void checkSignature(JwsAlgorithm algorithm, Object kid, byte[] ascii, int signedLength, byte[] signature)
            throws TokenException {
        String keyId = kid instanceof String text ? text : kid instanceof Number number ? number.toString() : null;
        Optional<VerificationKey> named = keyId == null ? Optional.empty() : policy.keys().named(keyId, algorithm);
        if (named.isPresent()) {
            if (!named.get().verify(algorithm, ascii, signedLength, signature)) {
                throw new TokenException(TokenFailure.BAD_SIGNATURE);
            }
            return;
        }
        // An unknown kid may come from an issuer that derives kids differently (ServiceStack): try every key.
        boolean anyKey = false;
        for (VerificationKey key : policy.keys().verificationKeys()) {
            if (key.verifies(algorithm)) {
                anyKey = true;
                if (key.verify(algorithm, ascii, signedLength, signature)) {
                    return;
                }
            }
        }
        throw new TokenException(anyKey ? TokenFailure.BAD_SIGNATURE : TokenFailure.UNKNOWN_KEY);
    }

    private VerifiedToken checkClaims(String token, JwsAlgorithm algorithm, Map<String, Object> header,
                                      Map<String, Object> claims) throws TokenException {
        long now = clock.millis() / 1000;
        long skew = policy.clockSkew().toSeconds();
        Object expClaim = claims.get("exp");
        if (expClaim == null) {
            throw new TokenException(TokenFailure.MISSING_EXPIRY);
        }
        long exp = numericDate(expClaim, "exp");
        if (now >= exp) {
            throw new TokenException(TokenFailure.EXPIRED);
        }
        Object nbf = claims.get("nbf");
        if (nbf != null && numericDate(nbf, "nbf") > now + skew) {
            throw new TokenException(TokenFailure.NOT_YET_VALID);
        }
        Object iatClaim = claims.get("iat");
        long iat = iatClaim == null ? Long.MIN_VALUE : numericDate(iatClaim, "iat");
        if (iat != Long.MIN_VALUE && iat > now + skew) {
            throw new TokenException(TokenFailure.ISSUED_IN_FUTURE);
        }
        if (policy.invalidateTokensIssuedBefore().isPresent()
                && iat < policy.invalidateTokensIssuedBefore().get().getEpochSecond()) {
            throw new TokenException(TokenFailure.INVALIDATED);
        }
        Object iss = claims.get("iss");
        if (iss != null && !policy.issuer().equals(iss)) {
            throw new TokenException(TokenFailure.INVALID_ISSUER);
        }
        checkAudience(claims.get("aud"));
        String subject = text(claims.get("sub"), "sub");
        Set<String> roles = new LinkedHashSet<>(strings(claims.get("roles"), "roles"));
        roles.addAll(strings(claims.get("groups"), "groups"));
        List<String> permissions = strings(claims.get("perms"), "perms");
        return new VerifiedToken(token, algorithm, header, claims, subject, roles, permissions, exp);
    }

    /**
     * servicestack-reference.md §3.4: a token without {@code aud}, or a deployment without audiences, passes unless
     * audiences are required; otherwise one of the token's audiences must be configured.
     */
    private void checkAudience(Object aud) throws TokenException {
        List<String> tokenAudiences = aud instanceof String single ? List.of(single) : strings(aud, "aud");
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

    /** RFC 7519 §2 NumericDate: a JSON number of seconds, fractions allowed; anything else is refused. */
    private static long numericDate(Object value, String claim) throws TokenException {
        if (value instanceof Long seconds) {
            return seconds;
        }
        if (value instanceof Double seconds && !seconds.isNaN()) {
            return seconds.longValue();
        }
        throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
    }

    private static String text(Object value, String claim) throws TokenException {
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        if (value instanceof Long number) {
            return number.toString();
        }
        throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
    }

    private static List<String> strings(Object value, String claim) throws TokenException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw new TokenException(TokenFailure.INVALID_CLAIM, claim);
            }
            strings.add(text);
        }
        return strings;
    }

    private static Map<String, Object> json(byte[] ascii, int from, int to, String part) throws TokenException {
        String text = new String(decode(ascii, from, to, part), StandardCharsets.UTF_8);
        try {
            // jose4j's parser is iterative (no recursion depth to exhaust) and refuses duplicate member names, which
            // would otherwise let two readers of one token disagree on a claim (RFC 7515 §4, RFC 7519 §4).
            return JsonUtil.parseJson(text);
        } catch (JoseException e) {
            // jose4j reports syntax errors, duplicate names and non-object documents alike.
            throw new TokenException(TokenFailure.MALFORMED, part + " is not a JSON object");
        }
    }

    private static byte[] decode(byte[] ascii, int from, int to, String part) throws TokenException {
        if (to - from == 0 && !"signature".equals(part)) {
            throw new TokenException(TokenFailure.MALFORMED, "empty " + part);
        }
        int rest = (to - from) % 4;
        if (rest == 1) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not Base64url");
        }
        // RFC 4648 §3.5: the unused low bits of the last character must be zero, or one token would have several
        // spellings (which would defeat deny-lists and caches keyed by the token text).
        if (rest != 0 && (sextet(ascii[to - 1]) & (rest == 2 ? 0x0F : 0x03)) != 0) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not canonical Base64url");
        }
        try {
            ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(ascii, from, to - from));
            return decoded.remaining() == decoded.capacity()
                    ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenFailure.MALFORMED, part + " is not Base64url");
        }
    }

    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
