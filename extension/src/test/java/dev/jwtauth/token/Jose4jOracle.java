package dev.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

/**
 * jose4j's verdict on the tokens our reader accepts: the differential half of {@link TokenReaderFuzzTest}. jose4j is
 * configured from the same {@link FuzzTargets.Spec} as our policy — keys, algorithms, issuer, audiences, clock, skew,
 * required expiry — by jose4j's own API, and applies its own rules to them (key lengths, signature checks, JWE
 * decryption, NumericDate, aud). A token we accept must be accepted by jose4j with the same claims.
 * <p>
 * What jose4j cannot be told: the ServiceStack audience rule (a deployment without audiences ignores {@code aud}) is
 * jose4j's "skip audience validation"; {@code typ}, the tenant, {@code iat} in the future and the refused header
 * parameters are checks only we make — they can make us refuse more, never accept more. ServiceStack's JWE has no
 * standard reader: {@link Jwes#openServiceStack} opens it independently of {@link LegacyJweReader}, and jose4j then
 * validates the claims inside.
 */
final class Jose4jOracle {
    private final List<JwtConsumer> consumers = new ArrayList<>();
    private final JwtConsumer unsignedClaims;
    private final List<RSAPrivateCrtKey> legacyKeys;

    Jose4jOracle(FuzzTargets.Spec spec) {
        for (byte[] secret : spec.hmacSecrets()) {
            addConsumers(spec, new org.jose4j.keys.HmacKey(secret), "HS256", "HS384", "HS512");
        }
        for (RSAPrivateCrtKey key : spec.rsaKeys()) {
            addConsumers(spec, RsaKeyFormats.publicKeyOf(key), "RS256", "RS384", "RS512");
        }
        for (KeyPair pair : spec.ecKeys()) {
            addConsumers(spec, pair.getPublic(), "ES256");
        }
        this.unsignedClaims = claimRules(spec).setDisableRequireSignature()
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, "none")
                .setSkipVerificationKeyResolutionOnNone()
                .build();
        this.legacyKeys = spec.legacyKeys();
    }

    /** One consumer per verification key, and per decryption key if JWEs are read. */
    private void addConsumers(FuzzTargets.Spec spec, Key verificationKey, String... family) {
        String[] algorithms = spec.anyAlgorithm() ? family
                : List.of(family).contains(spec.algorithm().name()) ? new String[] {spec.algorithm().name()} : new String[0];
        if (algorithms.length == 0) {
            return;
        }
        List<Optional<RSAPrivateCrtKey>> decryptionKeys = new ArrayList<>();
        decryptionKeys.add(Optional.empty());
        spec.decryptionKeys().forEach(key -> decryptionKeys.add(Optional.of(key)));
        for (Optional<RSAPrivateCrtKey> decryptionKey : decryptionKeys) {
            JwtConsumerBuilder builder = claimRules(spec)
                    .setVerificationKey(verificationKey)
                    .setJwsAlgorithmConstraints(ConstraintType.PERMIT, algorithms);
            decryptionKey.ifPresent(key -> builder.setDecryptionKey(key)
                    .setJweAlgorithmConstraints(ConstraintType.PERMIT, Arrays.stream(JweKeyManagement.values())
                            .map(JweKeyManagement::alg).toArray(String[]::new))
                    .setJweContentEncryptionAlgorithmConstraints(ConstraintType.PERMIT, Arrays.stream(
                            JweContentEncryption.values()).map(JweContentEncryption::enc).toArray(String[]::new)));
            consumers.add(builder.build());
        }
    }

    /** The claim rules of our policy, in jose4j's terms. */
    private static JwtConsumerBuilder claimRules(FuzzTargets.Spec spec) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setEvaluationTime(NumericDate.fromSeconds(Tokens.NOW))
                .setAllowedClockSkewInSeconds(FuzzTargets.SKEW_SECONDS)
                .setRequireExpirationTime()
                .setExpectedIssuer(false, FuzzTargets.ISSUER);
        if (spec.audiences().isEmpty()) {
            // ServiceStack's rule, which jwtauth keeps (docs/configuration.md, jwt.Audience): without configured
            // audiences, aud is not looked at.
            builder.setSkipDefaultAudienceValidation();
        } else {
            builder.setExpectedAudience(spec.requiresAudience(), spec.audiences().toArray(String[]::new));
        }
        return builder;
    }

    /**
     * jose4j's reading of a token our reader accepted as {@code ours}: it must accept it too, with the same claims,
     * subject, expiry, roles, permissions and algorithm.
     */
    Comparison compare(String token, VerifiedToken ours) {
        if (!legacyKeys.isEmpty() && LegacyJweReader.hasLegacyTag(token)) {
            Optional<byte[]> claims = Jwes.openServiceStack(token, legacyKeys);
            if (claims.isEmpty()) {
                return Comparison.disagreeing("the test's own ServiceStack JWE opener cannot open it");
            }
            return compare(List.of(unsignedClaims), unsecured(claims.get()), ours, false);
        }
        return compare(consumers, token, ours, true);
    }

    private static Comparison compare(List<JwtConsumer> consumers, String token, VerifiedToken ours, boolean signed) {
        Set<String> refusals = new LinkedHashSet<>();
        for (JwtConsumer consumer : consumers) {
            JwtContext theirs;
            String deliberate = null;
            try {
                theirs = consumer.process(token);
            } catch (InvalidJwtException e) {
                deliberate = DeliberateDifference.explaining(e.getErrorDetails(), ours);
                if (deliberate == null || e.getJwtContext() == null) {
                    refusals.add(reasons(e));
                    continue;
                }
                theirs = e.getJwtContext();
            }
            String algorithm = innermost(theirs).getAlgorithmHeaderValue();
            if (signed && !ours.algorithm().name().equals(algorithm)) {
                return Comparison.disagreeing("algorithm: ours " + ours.algorithm() + ", jose4j " + algorithm);
            }
            Optional<String> different = differentClaims(ours, theirs.getJwtClaims());
            return different.map(Comparison::disagreeing).orElse(new Comparison(null, deliberate));
        }
        return Comparison.disagreeing("jose4j refuses it: " + refusals);
    }

    /** jose4j's reasons without the token and claims its message repeats. */
    private static String reasons(InvalidJwtException e) {
        return e.getErrorDetails().isEmpty() ? abbreviate(e.getMessage()) : abbreviate(e.getErrorDetails().toString());
    }

    /**
     * The outcome of a comparison.
     *
     * @param disagreement what jose4j refused or read differently; null if it agrees
     * @param deliberate   which deliberate difference made jose4j refuse a token it otherwise reads as we do; null if
     *                     it accepted the token outright
     */
    record Comparison(String disagreement, String deliberate) {
        static Comparison disagreeing(String what) {
            return new Comparison(what, null);
        }
    }

    private static Optional<String> differentClaims(VerifiedToken ours, JwtClaims theirs) {
        Object ourClaims = CanonicalJson.of(ours.claims());
        Object theirClaims = CanonicalJson.of(theirs.getClaimsMap());
        if (!ourClaims.equals(theirClaims)) {
            return Optional.of("claims: ours " + abbreviate(ourClaims.toString()) + ", jose4j "
                    + abbreviate(theirClaims.toString()));
        }
        try {
            Object sub = theirs.getClaimValue("sub");
            if (!ours.subject().equals(String.valueOf(sub))) {
                return Optional.of("subject: ours " + ours.subject() + ", jose4j " + sub);
            }
            if (ours.expiresAt() != theirs.getExpirationTime().getValue()) {
                return Optional.of("expiry: ours " + ours.expiresAt() + ", jose4j " + theirs.getExpirationTime());
            }
            List<String> roles = new ArrayList<>(stringList(theirs, "roles"));
            roles.addAll(stringList(theirs, "groups"));
            if (!List.copyOf(ours.roles()).equals(new ArrayList<>(new LinkedHashSet<>(roles)))) {
                return Optional.of("roles: ours " + ours.roles() + ", jose4j " + roles);
            }
            if (!ours.permissions().equals(stringList(theirs, "perms"))) {
                return Optional.of("permissions: ours " + ours.permissions() + ", jose4j " + stringList(theirs, "perms"));
            }
        } catch (MalformedClaimException e) {
            return Optional.of("jose4j cannot read a claim we read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static List<String> stringList(JwtClaims claims, String name) throws MalformedClaimException {
        return claims.hasClaim(name) ? claims.getStringListClaimValue(name) : List.of();
    }

    /** The signed object of a nested JWT (jose4j lists the innermost first). */
    private static JsonWebStructure innermost(JwtContext context) {
        return context.getJoseObjects().get(0);
    }

    /** An unsecured JWT (RFC 7519 §6) with these claims, so jose4j's claim validation can be applied to them alone. */
    private static String unsecured(byte[] claims) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return base64url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.US_ASCII)) + "."
                + base64url.encodeToString(claims) + ".";
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
